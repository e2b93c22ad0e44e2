package dev.zksim.model.zab;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The leader's checks of a {@code reconfig} request, incremental or non-incremental ({@code -members}), in the order ZooKeeper 3.9.4's
 * PrepRequestProcessor.pRequest2Txn (OpCode.reconfig) makes them; the first that fails is the client's error:
 * reconfigEnabled, a leader (not standalone), no reconfig in progress, {@code -v} matches the last seen version, the
 * server strings parse, enough voters remain, and a synced quorum of the new config (Leader.isQuorumSynced). The
 * {@code /zookeeper/config} ACL is not modelled (the reconfig manifest sets skipACL). Pure.
 */
final class ReconfigCheck {

    /** The outcome of the checks. */
    sealed interface CheckVerdict {}

    /** Refused with {@code code}; {@code detail} is the server's log message. */
    record CheckRefused(KeeperCode code, String detail) implements CheckVerdict {}

    /** Passed: {@code next} is the proposed config, its version the reconfig transaction's zxid. */
    record CheckPassed(DynamicConfig next) implements CheckVerdict {}

    /**
     * What the leader knows when it checks.
     *
     * @param reconfigEnabled the leader's zoo.cfg {@code reconfigEnabled}
     * @param standalone whether the server is standalone (no leader: ZooKeeperServerMain)
     * @param standaloneEnabled the leader's zoo.cfg {@code standaloneEnabled}
     * @param committed the leader's committed config
     * @param lastSeen the last config it proposed or saw (equal to {@code committed} unless one is pending)
     * @param synced the leader and the followers synced with it (forwardingFollowers that are synced)
     * @param podMember the member a pod name stands for, for {@code -add zk-3} and {@code -remove zk-3}
     */
    record LeaderView(
            boolean reconfigEnabled,
            boolean standalone,
            boolean standaloneEnabled,
            DynamicConfig committed,
            DynamicConfig lastSeen,
            Collection<Integer> synced,
            Function<String, Optional<ConfigMember>> podMember) {}

    private ReconfigCheck() {}

    static CheckVerdict check(WriteRequest.ConfigChange op, LeaderView v, long zxid) {
        if (!v.reconfigEnabled()) {
            return new CheckRefused(KeeperCode.RECONFIG_DISABLED, "reconfig feature is disabled");
        }
        if (v.standalone()) {
            return new CheckRefused(KeeperCode.UNIMPLEMENTED, "not a LeaderZooKeeperServer");
        }
        if (v.lastSeen().version() != v.committed().version()) {
            return new CheckRefused(
                    KeeperCode.RECONFIG_IN_PROGRESS,
                    "config " + Long.toHexString(v.lastSeen().version()) + " is proposed, not committed");
        }
        if (op.fromVersion() != -1 && op.fromVersion() != v.lastSeen().version()) {
            return new CheckRefused(
                    KeeperCode.BAD_VERSION,
                    "Reconfiguration from version " + op.fromVersion() + " failed -- last seen version is "
                            + v.lastSeen().version());
        }
        TreeMap<Integer, ConfigMember> next;
        if (!op.members().isEmpty()) {
            // Non-incremental (newMembers != null): the new config is exactly the given servers, parsed as a dynamic
            // config file (QuorumPeerConfig.parseDynamicConfig: server lines, a later line of an id replacing an
            // earlier one as in a Properties; no three-port or duplicate-address check, which only the incremental
            // branch makes); a malformed one is BadArguments with the parser's message
            next = new TreeMap<>();
            for (String member : op.members()) {
                Optional<ConfigMember> m = member.contains("=")
                        ? ConfigMember.parse(member)
                        : v.podMember().apply(member);
                if (m.isEmpty()) {
                    return new CheckRefused(KeeperCode.BAD_ARGUMENTS, "Wrong format of server string: " + member);
                }
                next.put(m.get().sid(), m.get());
            }
            return checkNewConfig(new DynamicConfig(next, zxid), v);
        }
        // Incremental: leaving ids removed first, then each joiner replaces any member of its id (a HashMap of the
        // last seen members); a joiner needs all three ports and an address no other member uses.
        next = new TreeMap<>(v.lastSeen().members());
        for (String leaving : op.leaving()) {
            Optional<Integer> sid = leavingSid(leaving, v);
            if (sid.isEmpty()) {
                return new CheckRefused(KeeperCode.BAD_ARGUMENTS, "not a server id: " + leaving);
            }
            next.remove(sid.get());
        }
        for (String joiner : op.joining()) {
            Optional<ConfigMember> m = joiner.contains("=")
                    ? ConfigMember.parse(joiner)
                    : v.podMember().apply(joiner);
            if (m.isEmpty()) {
                return new CheckRefused(KeeperCode.BAD_ARGUMENTS, "Wrong format of server string: " + joiner);
            }
            if (m.get().clientAddress().isEmpty()) {
                return new CheckRefused(
                        KeeperCode.BAD_ARGUMENTS,
                        "Wrong format of server string - each server should have 3 ports specified");
            }
            for (ConfigMember other : next.values()) {
                if (other.sid() != m.get().sid()
                        && other.quorumAddress().equals(m.get().quorumAddress())) {
                    return new CheckRefused(KeeperCode.BAD_ARGUMENTS, "Reconfiguration failed");
                }
            }
            next.put(m.get().sid(), m.get());
        }
        return checkNewConfig(new DynamicConfig(next, zxid), v);
    }

    /** The checks both kinds of request make of the new config: enough voters, a synced quorum of it. */
    private static CheckVerdict checkNewConfig(DynamicConfig proposed, LeaderView v) {
        int voters = proposed.voters().size();
        if (v.standaloneEnabled() && voters < 2) {
            return new CheckRefused(
                    KeeperCode.BAD_ARGUMENTS, "Reconfig failed - new configuration must include at least 2 followers");
        } else if (voters < 1) {
            return new CheckRefused(
                    KeeperCode.BAD_ARGUMENTS, "Reconfig failed - new configuration must include at least 1 follower");
        }
        TreeSet<Integer> syncedVoters = new TreeSet<>();
        for (int sid : v.synced()) {
            if (proposed.isVoter(sid)) {
                syncedVoters.add(sid);
            }
        }
        if (!proposed.verifier().containsQuorum(syncedVoters)) {
            return new CheckRefused(
                    KeeperCode.NEW_CONFIG_NO_QUORUM,
                    "Reconfig failed - there must be a connected and synced quorum in new configuration");
        }
        return new CheckPassed(proposed);
    }

    private static Optional<Integer> leavingSid(String leaving, LeaderView v) {
        if (!leaving.isEmpty() && leaving.chars().allMatch(Character::isDigit)) {
            return Optional.of(Integer.parseInt(leaving));
        }
        return v.podMember().apply(leaving).map(ConfigMember::sid);
    }
}
