package dev.zksim.model.zab;

/**
 * Client-visible errors of a write that reached the leader (KeeperException.Code). The leader turns them into an
 * error transaction that still takes a zxid (PrepRequestProcessor).
 */
public enum KeeperCode {
    NODE_EXISTS("NodeExists"),
    NO_NODE("NoNode"),
    NOT_EMPTY("Directory not empty"),
    BAD_ARGUMENTS("BadArguments"),
    /**
     * A reconfig to a server whose {@code reconfigEnabled} is false, the default (PrepRequestProcessor's first
     * check).
     */
    RECONFIG_DISABLED("Reconfig is disabled"),
    /** A reconfig to a standalone server, which has no leader (PrepRequestProcessor: UnimplementedException). */
    UNIMPLEMENTED("Unimplemented"),
    /** A reconfig while another one is proposed and not committed: one reconfig at a time. */
    RECONFIG_IN_PROGRESS("ReconfigInProgress"),
    /** {@code reconfig -v version} given and not the last seen config's version. */
    BAD_VERSION("BadVersion"),
    /** The new config's voters that are synced with the leader do not form a quorum of it (isQuorumSynced). */
    NEW_CONFIG_NO_QUORUM("NewConfigNoQuorum");

    private final String text;

    KeeperCode(String text) {
        this.text = text;
    }

    /** {@code KeeperErrorCode = NodeExists for /hello}, as the Java client words it ({@code path} null: no path). */
    public String message(String path) {
        // the admin client's reconfigure raises its error without a path (ZooKeeperAdmin.reconfigure)
        return "KeeperErrorCode = " + text + (path == null || this == RECONFIG_DISABLED ? "" : " for " + path);
    }
}
