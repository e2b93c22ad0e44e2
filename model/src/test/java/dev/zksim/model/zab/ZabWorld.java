package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The state of one property-test run: an {@link Ensemble} driven by {@link Op}s, a {@link ZabChecker} run after
 * every op, and the log of ops and client answers (so a run can be replayed and compared byte for byte).
 */
final class ZabWorld {

    /** One step of a run; independent of the state, so a recorded run replays exactly. */
    sealed interface Op {
        record Start(int ordinal) implements Op {}

        record Stop(int ordinal) implements Op {}

        record Kill(int ordinal) implements Op {}

        record Wipe(int ordinal) implements Op {}

        record HideDns(int ordinal) implements Op {}

        record ShowDns() implements Op {}
        /** {@code ordinal} -1: through the zk-cs Service. */
        record Write(int ordinal, WriteRequest op) implements Op {}

        record Read(int ordinal, String path, boolean sync) implements Op {}

        record Wait(long ms) implements Op {}

        record Hang(int ordinal) implements Op {}

        record Resume(int ordinal) implements Op {}

        record Isolate(int ordinal) implements Op {}

        /** {@code drop-link} from one server to another (the same ordinal twice: nothing happens). */
        record DropLink(int from, int to) implements Op {}

        record Heal() implements Op {}
        /** Runs until every running server serves, at most {@code boundMs}. */
        record AwaitAllServing(long boundMs) implements Op {}
    }

    final Ensemble zk;
    final ZabChecker checker = new ZabChecker();
    final long seed;
    private final List<Op> ops = new ArrayList<>();
    private final StringBuilder answers = new StringBuilder();

    ZabWorld(int servers, long seed, EnumSet<BrokenRule> broken) {
        this.seed = seed;
        this.zk = new Ensemble(
                servers, 1_000, 1_000, ZabOptions.defaults(seed).withTiming(TimingProfile.FIRST_ESTIMATES), broken);
    }

    List<Op> ops() {
        return List.copyOf(ops);
    }

    void apply(Op op) {
        ops.add(op);
        long t = zk.scheduler.nowMs();
        String answer = "";
        if (op instanceof Op.Start s) {
            zk.start(s.ordinal());
        } else if (op instanceof Op.Stop s) {
            zk.stop(s.ordinal(), false);
        } else if (op instanceof Op.Kill k) {
            zk.stop(k.ordinal(), true);
        } else if (op instanceof Op.Wipe w) {
            if (!zk.isRunning(w.ordinal())) {
                zk.wipe(w.ordinal());
            }
        } else if (op instanceof Op.HideDns h) {
            zk.hideDns(h.ordinal());
        } else if (op instanceof Op.ShowDns) {
            zk.showAllDns();
        } else if (op instanceof Op.Write w) {
            WriteResult r = w.ordinal() < 0
                    ? zk.model.writeViaService(w.op())
                    : zk.model.write(Ensemble.pod(w.ordinal()), w.op());
            answer = r.describe();
        } else if (op instanceof Op.Read r) {
            answer =
                    zk.model.read(Ensemble.pod(r.ordinal()), r.path(), r.sync()).describe();
        } else if (op instanceof Op.Wait w) {
            zk.runFor(w.ms());
        } else if (op instanceof Op.Hang h) {
            zk.model.hang(Ensemble.pod(h.ordinal()));
        } else if (op instanceof Op.Resume r) {
            zk.model.resume(Ensemble.pod(r.ordinal()));
        } else if (op instanceof Op.Isolate i) {
            zk.model.partition(new TreeSet<>(List.of(Ensemble.pod(i.ordinal()))));
        } else if (op instanceof Op.DropLink d) {
            if (d.from() != d.to()) {
                zk.model.dropLink(Ensemble.pod(d.from()), Ensemble.pod(d.to()));
            }
        } else if (op instanceof Op.Heal) {
            zk.model.heal();
        } else if (op instanceof Op.AwaitAllServing a) {
            zk.awaitAllServing(a.boundMs());
        } else {
            throw new IllegalArgumentException(String.valueOf(op));
        }
        answers.append(t).append(' ').append(op).append(" -> ").append(answer).append('\n');
    }

    /** Fails with the violations, the seed, the ops and the end of the timeline. */
    void assertInvariants() {
        List<ZabChecker.Violation> fresh = checker.check(zk.model);
        if (!fresh.isEmpty()) {
            throw new AssertionError("seed " + seed + ": " + fresh + "\nops: " + ops + "\n" + tail());
        }
    }

    /** Faults stop: DNS complete, partitions healed, hung processes resumed, every pod started. */
    void stopFaults() {
        zk.showAllDns();
        zk.model.heal();
        for (int i = 0; i < zk.servers; i++) {
            zk.model.resume(Ensemble.pod(i));
            zk.start(i);
        }
    }

    String transcript() {
        return answers + zk.model.history().timelineText();
    }

    String tail() {
        String t = zk.model.history().timelineText();
        return t.length() <= 6000 ? t : "...\n" + t.substring(t.length() - 6000);
    }

    /** Replays {@code ops} on a fresh world with the same seed and servers. */
    static ZabWorld replay(int servers, long seed, List<Op> ops) {
        ZabWorld w = new ZabWorld(servers, seed, EnumSet.noneOf(BrokenRule.class));
        for (Op op : ops) {
            w.apply(op);
        }
        return w;
    }
}
