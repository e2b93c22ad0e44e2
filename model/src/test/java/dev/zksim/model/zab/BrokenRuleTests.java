package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.zab.WriteRequest.Create;
import dev.zksim.model.zab.WriteRequest.SetData;
import dev.zksim.model.zab.ZabOptions.SessionTxns;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * Each invariant of {@link ZabChecker} fails when the rule that guarantees it is deliberately broken, and holds on the
 * same script with the rule intact: the checks can fail.
 */
class BrokenRuleTests {

    private static Ensemble ensemble(EnumSet<BrokenRule> broken, SessionTxns sessions) {
        return Ensemble.fastDns(3, Ensemble.firstEstimates(1).withSessionTxns(sessions), broken);
    }

    private static String violations(Ensemble zk, ZabChecker checker) {
        checker.check(zk.model);
        return String.join(
                "\n", checker.violations().stream().map(Object::toString).toList());
    }

    // --- highest-vote-leads <- LEADER_BY_LOWEST_SID ------------------------------------------------------------------

    private static String orderedStart(EnumSet<BrokenRule> broken) {
        Ensemble zk = ensemble(broken, SessionTxns.ONE_SHOT_CLIENT);
        zk.startServing();
        return violations(zk, new ZabChecker()) + "|leader=" + zk.leaderPod();
    }

    @Test
    void leaderByLowestSidIsCaught() {
        assertThat(orderedStart(EnumSet.noneOf(BrokenRule.class))).isEqualTo("|leader=zk-1");
        assertThat(orderedStart(EnumSet.of(BrokenRule.LEADER_BY_LOWEST_SID)))
                .contains("highest-vote-leads")
                .contains("zk-0 elected at 2202 ms with vote (sid 1, epoch 0, zxid 0x0)")
                .endsWith("|leader=zk-0");
    }

    // --- ack-needs-quorum and durability <- COMMIT_WITHOUT_QUORUM ----------------------------------------------------

    private static String commitWithTwoDown(EnumSet<BrokenRule> broken) {
        Ensemble zk = ensemble(broken, SessionTxns.ONE_SHOT_CLIENT);
        ZabChecker checker = new ZabChecker();
        zk.startServing();
        WriteResult w = writeOnTheLoneLeader(zk, new Create("/x", "1"));
        checker.check(zk.model);
        replaceTheLoneLeader(zk);
        return w.getClass().getSimpleName() + "\n" + violations(zk, checker);
    }

    /** zk-1 leads; zk-0 and zk-2 die, and zk-1, which has not noticed yet, takes {@code write} alone. */
    private static WriteResult writeOnTheLoneLeader(Ensemble zk, WriteRequest write) {
        zk.stop(0, true);
        zk.stop(2, true);
        return zk.model.write("zk-1", write);
    }

    /** After {@link #writeOnTheLoneLeader}: zk-1 dies too, and the other two come back and elect one of themselves. */
    private static void replaceTheLoneLeader(Ensemble zk) {
        zk.stop(1, true);
        zk.start(0);
        zk.start(2);
        zk.awaitAllServing(60_000);
    }

    @Test
    void commitWithoutQuorumIsCaught() {
        assertThat(commitWithTwoDown(EnumSet.noneOf(BrokenRule.class))).isEqualTo("NoReply\n");
        String broken = commitWithTwoDown(EnumSet.of(BrokenRule.COMMIT_WITHOUT_QUORUM));
        assertThat(broken)
                .startsWith("Committed")
                .contains("ack-needs-quorum")
                .contains("write /x@0x100000002 acknowledged while only servers [2]")
                .contains("durability")
                .contains("acknowledged write /x@0x100000002 lost");
    }

    // --- one-leader-per-epoch and epochs-increase <- EPOCH_REUSED ------------------------------------------------

    private static String restartLeader(EnumSet<BrokenRule> broken) {
        Ensemble zk = ensemble(broken, SessionTxns.ONE_SHOT_CLIENT);
        zk.startServing();
        zk.stop(1, false);
        zk.awaitLeader(10_000);
        return violations(zk, new ZabChecker());
    }

    @Test
    void reusingTheAcceptedEpochIsCaught() {
        assertThat(restartLeader(EnumSet.noneOf(BrokenRule.class))).isEmpty();
        assertThat(restartLeader(EnumSet.of(BrokenRule.EPOCH_REUSED)))
                .contains("one-leader-per-epoch")
                .contains("epoch 1 established by zk-1")
                .contains("epochs-increase");
    }

    // --- primary-order <- SKIP_TRUNCATE ------------------------------------------------------------------------------

    private static String divergentFollower(EnumSet<BrokenRule> broken) {
        // zk-1 leads; alone, it logs a proposal no quorum acknowledges (no session transactions, so the set itself is
        // proposed). It dies; zk-0 and zk-2 move on in epoch 2 with a write of their own. zk-1 comes back behind them
        // with that uncommitted epoch-1 proposal in its log: the leader must TRUNC it.
        Ensemble zk = ensemble(broken, SessionTxns.NONE);
        ZabChecker checker = new ZabChecker();
        zk.startServing();
        zk.model.write("zk-1", new Create("/v", "1"));
        writeOnTheLoneLeader(zk, new SetData("/v", "lost"));
        replaceTheLoneLeader(zk);
        zk.model.write("zk-0", new SetData("/v", "2"));
        zk.start(1);
        zk.awaitAllServing(60_000);
        checker.check(zk.model);
        SyncRecord last =
                zk.model.history().syncs().get(zk.model.history().syncs().size() - 1);
        return last.followerPod() + " " + last.kind() + "\n" + violations(zk, checker);
    }

    @Test
    void skippingTruncationIsCaught() {
        assertThat(divergentFollower(EnumSet.noneOf(BrokenRule.class))).isEqualTo("zk-1 TRUNC\n");
        assertThat(divergentFollower(EnumSet.of(BrokenRule.SKIP_TRUNCATE)))
                .startsWith("zk-1 TRUNC")
                .contains("primary-order")
                .contains("history of follower zk-1 (3 txns, last 0x200000001) is not a prefix of leader zk-2's");
    }
}
