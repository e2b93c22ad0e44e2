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
    RECONFIG_DISABLED("Reconfig is disabled");

    private final String text;

    KeeperCode(String text) {
        this.text = text;
    }

    /** {@code KeeperErrorCode = NodeExists for /hello}, as the Java client words it. */
    public String message(String path) {
        // the admin client's reconfigure raises its error without a path (ZooKeeperAdmin.reconfigure)
        return "KeeperErrorCode = " + text + (this == RECONFIG_DISABLED ? "" : " for " + path);
    }
}
