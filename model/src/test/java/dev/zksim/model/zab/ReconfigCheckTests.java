package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ReconfigCheck}: each check of PrepRequestProcessor's reconfig case, and their order — a request that fails
 * several gets the first one's error (issue #15, docs/reconfig.md).
 */
class ReconfigCheckTests {

    private static ConfigMember member(int sid) {
        return new ConfigMember(sid, "zk-" + (sid - 1) + ".zk-hs:2888:3888", false, "0.0.0.0:2181");
    }

    private static final DynamicConfig THREE = DynamicConfig.of(List.of(member(1), member(2), member(3)), 0x100000005L);
    private static final DynamicConfig FIVE =
            DynamicConfig.of(List.of(member(1), member(2), member(3), member(4), member(5)), 0x100000009L);

    private static ReconfigCheck.LeaderView view(
            boolean enabled, boolean standalone, DynamicConfig lastSeen, Set<Integer> synced) {
        return new ReconfigCheck.LeaderView(
                enabled,
                standalone,
                false,
                THREE,
                lastSeen,
                synced,
                pod -> Optional.of(member(Integer.parseInt(pod.substring(3)) + 1)));
    }

    private static KeeperCode refused(WriteRequest.ConfigChange op, ReconfigCheck.LeaderView v) {
        ReconfigCheck.CheckVerdict verdict = ReconfigCheck.check(op, v, 0x100000010L);
        assertThat(verdict).isInstanceOf(ReconfigCheck.CheckRefused.class);
        return ((ReconfigCheck.CheckRefused) verdict).code();
    }

    /** Fails every check at once: -v wrong, a malformed joiner, every voter removed, nobody synced. */
    private static final WriteRequest.ConfigChange EVERYTHING_WRONG =
            new WriteRequest.ConfigChange(List.of("server.9=bad"), List.of("1", "2", "3"), 7);

    @Test
    void theFirstFailingCheckWins() {
        Set<Integer> none = Set.of();
        assertThat(refused(EVERYTHING_WRONG, view(false, true, FIVE, none))).isEqualTo(KeeperCode.RECONFIG_DISABLED);
        assertThat(refused(EVERYTHING_WRONG, view(true, true, FIVE, none))).isEqualTo(KeeperCode.UNIMPLEMENTED);
        assertThat(refused(EVERYTHING_WRONG, view(true, false, FIVE, none))).isEqualTo(KeeperCode.RECONFIG_IN_PROGRESS);
        assertThat(refused(EVERYTHING_WRONG, view(true, false, THREE, none))).isEqualTo(KeeperCode.BAD_VERSION);
        WriteRequest.ConfigChange rightVersion =
                new WriteRequest.ConfigChange(List.of("server.9=bad"), List.of("1", "2", "3"), THREE.version());
        assertThat(refused(rightVersion, view(true, false, THREE, none))).isEqualTo(KeeperCode.BAD_ARGUMENTS);
        WriteRequest.ConfigChange noVoters = new WriteRequest.ConfigChange(List.of(), List.of("1", "2", "3"));
        assertThat(refused(noVoters, view(true, false, THREE, none))).isEqualTo(KeeperCode.BAD_ARGUMENTS);
        WriteRequest.ConfigChange grow = new WriteRequest.ConfigChange(List.of("zk-3", "zk-4"), List.of());
        assertThat(refused(grow, view(true, false, THREE, Set.of(1, 2)))).isEqualTo(KeeperCode.NEW_CONFIG_NO_QUORUM);
    }

    @Test
    void aPassingRequestIsTheIncrementalChangeVersionedByItsZxid() {
        WriteRequest.ConfigChange grow =
                new WriteRequest.ConfigChange(List.of("zk-3", "server.5=h5:1:2;2181"), List.of("2"));
        ReconfigCheck.CheckVerdict v =
                ReconfigCheck.check(grow, view(true, false, THREE, Set.of(1, 3, 4)), 0x10000000aL);
        assertThat(v).isInstanceOf(ReconfigCheck.CheckPassed.class);
        DynamicConfig next = ((ReconfigCheck.CheckPassed) v).next();
        assertThat(next.voters()).containsExactly(1, 3, 4, 5);
        assertThat(next.version()).isEqualTo(0x10000000aL);
        assertThat(next.text())
                .isEqualTo("server.1=zk-0.zk-hs:2888:3888:participant;0.0.0.0:2181\n"
                        + "server.3=zk-2.zk-hs:2888:3888:participant;0.0.0.0:2181\n"
                        + "server.4=zk-3.zk-hs:2888:3888:participant;0.0.0.0:2181\n"
                        + "server.5=h5:1:2:participant;0.0.0.0:2181\n"
                        + "version=10000000a");
    }

    @Test
    void standaloneEnabledNeedsTwoVotersLeftAndDuplicateAddressesAreBadArguments() {
        ReconfigCheck.LeaderView standaloneEnabled =
                new ReconfigCheck.LeaderView(true, false, true, THREE, THREE, Set.of(1, 2, 3), pod -> Optional.empty());
        assertThat(refused(new WriteRequest.ConfigChange(List.of(), List.of("2", "3")), standaloneEnabled))
                .isEqualTo(KeeperCode.BAD_ARGUMENTS);
        ReconfigCheck.LeaderView v = view(true, false, THREE, Set.of(1, 2, 3));
        assertThat(ReconfigCheck.check(new WriteRequest.ConfigChange(List.of(), List.of("2", "3")), v, 0x100000010L))
                .isInstanceOf(ReconfigCheck.CheckPassed.class);
        assertThat(refused(new WriteRequest.ConfigChange(List.of("server.7=zk-0.zk-hs:2888:3888;2181"), List.of()), v))
                .isEqualTo(KeeperCode.BAD_ARGUMENTS);
    }
}
