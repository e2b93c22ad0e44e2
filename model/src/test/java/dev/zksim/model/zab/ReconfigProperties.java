package dev.zksim.model.zab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random runs of {@code reconfig -add/-remove} (participants and observers), writes, crashes, restarts, hangs,
 * isolations and waits on five pods that start as the reconfig manifest starts them (zk-0 alone, zk-1 and zk-2
 * added, zk-3 and zk-4 non-voting). After every step the {@link ZabChecker} invariants hold (no acknowledged write
 * lost, every acknowledgement backed by a quorum of both configs, one leader per epoch, primary order); once faults
 * stop a leader serves writes again; and the same steps replay to the same transcript, byte for byte (issue #15).
 */
class ReconfigProperties {

    /** One step of a run. */
    sealed interface RcStep {}

    /** {@code reconfig -add zk-<ordinal>} through the client of pod {@code via}. */
    record RcAdd(int via, int ordinal) implements RcStep {}

    /** {@code reconfig -add server.<ordinal+1>=...:observer;2181} through the client of pod {@code via}. */
    record RcObserve(int via, int ordinal) implements RcStep {}

    /** {@code reconfig -remove <ordinal + 1>} through the client of pod {@code via}. */
    record RcRemove(int via, int ordinal) implements RcStep {}

    record RcWrite(int via, String path, String value) implements RcStep {}

    record RcKill(int ordinal) implements RcStep {}

    record RcStart(int ordinal) implements RcStep {}

    record RcHang(int ordinal) implements RcStep {}

    record RcResume(int ordinal) implements RcStep {}

    record RcIsolate(int ordinal) implements RcStep {}

    record RcHeal() implements RcStep {}

    record RcWait(long ms) implements RcStep {}

    /** A run: the rig, the checker, and the transcript of answers. */
    static final class RcRun {
        final ReconfigModelTests.ReconfigRig rig;
        final ZabChecker checker = new ZabChecker();
        final StringBuilder answers = new StringBuilder();
        final List<RcStep> steps = new ArrayList<>();

        RcRun(long seed) {
            rig = ReconfigModelTests.threeVoters(5, 2, seed);
        }

        void apply(RcStep s) {
            steps.add(s);
            Ensemble zk = rig.zk;
            String answer = "";
            if (s instanceof RcAdd a) {
                answer = zk.model
                        .write(
                                Ensemble.pod(a.via()),
                                new WriteRequest.ConfigChange(List.of(Ensemble.pod(a.ordinal())), List.of()))
                        .describe();
            } else if (s instanceof RcObserve o) {
                ConfigMember m = rig.member(o.ordinal()).asObserver(true);
                answer = zk.model
                        .write(Ensemble.pod(o.via()), new WriteRequest.ConfigChange(List.of(m.line()), List.of()))
                        .describe();
            } else if (s instanceof RcRemove r) {
                answer = zk.model
                        .write(
                                Ensemble.pod(r.via()),
                                new WriteRequest.ConfigChange(List.of(), List.of(Integer.toString(r.ordinal() + 1))))
                        .describe();
            } else if (s instanceof RcWrite w) {
                answer = zk.model
                        .write(Ensemble.pod(w.via()), new WriteRequest.Create(w.path(), w.value()))
                        .describe();
            } else if (s instanceof RcKill k) {
                zk.stop(k.ordinal(), true);
            } else if (s instanceof RcStart st) {
                start(st.ordinal());
            } else if (s instanceof RcHang h) {
                zk.model.hang(Ensemble.pod(h.ordinal()));
            } else if (s instanceof RcResume r) {
                zk.model.resume(Ensemble.pod(r.ordinal()));
            } else if (s instanceof RcIsolate i) {
                zk.model.partition(new TreeSet<>(List.of(Ensemble.pod(i.ordinal()))));
            } else if (s instanceof RcHeal) {
                zk.model.heal();
            } else if (s instanceof RcWait w) {
                zk.runFor(w.ms());
            }
            answers.append(zk.scheduler.nowMs())
                    .append(' ')
                    .append(s)
                    .append(" -> ")
                    .append(answer)
                    .append('\n');
            List<ZabChecker.Violation> fresh = checker.check(zk.model);
            assertThat(fresh)
                    .as("after %s%nsteps: %s%n%s", s, steps, zk.model.history().timelineText())
                    .isEmpty();
        }

        /**
         * Starts the pod as the reconfig manifest's start script does: the newest committed config a running server
         * reports plus this server, else (nobody answers) the newest config file on its volume.
         */
        void start(int ordinal) {
            if (rig.zk.isRunning(ordinal)) {
                return;
            }
            DynamicConfig newest = null;
            for (int i = 0; i < 5; i++) {
                var c = rig.zk.model.committedConfig(Ensemble.pod(i));
                if (c.isPresent() && (newest == null || c.get().version() > newest.version())) {
                    newest = c.get();
                }
            }
            if (newest != null) {
                List<ConfigMember> members = new ArrayList<>(newest.members().values());
                members.add(rig.member(ordinal));
                rig.zk.dynamicStarts.put(ordinal, new DynamicStart(DynamicConfig.of(members, 0), true, false));
            }
            rig.zk.start(ordinal);
        }

        void stopFaults() {
            rig.zk.model.heal();
            for (int i = 0; i < 5; i++) {
                rig.zk.model.resume(Ensemble.pod(i));
                start(i);
            }
        }

        String transcript() {
            return answers + rig.zk.model.history().timelineText();
        }
    }

    @Property(tries = 1000)
    void reconfigsKeepEveryAcknowledgedWrite(@ForAll("runs") List<RcStep> steps, @ForAll("seeds") long seed) {
        RcRun run = new RcRun(seed);
        for (RcStep s : steps) {
            run.apply(s);
        }
        String timeline = run.rig.zk.model.history().timelineText();
        net.jqwik.api.statistics.Statistics.label("reconfigs committed")
                .collect(Math.min(3, count(timeline, "reconfig committed")));
        net.jqwik.api.statistics.Statistics.label("hand-offs").collect(Math.min(2, count(timeline, "LEADING zk-")));
        net.jqwik.api.statistics.Statistics.label("observers").collect(timeline.contains(":observer;"));
        run.stopFaults();
        long bound = 120_000;
        boolean live =
                run.rig.zk.scheduler.runUntil(run.rig.zk.model::writesAvailable, run.rig.zk.scheduler.nowMs() + bound);
        assertThat(live)
                .as("no leader within %d ms after faults stopped%nsteps: %s%n%s", bound, steps, run.transcript())
                .isTrue();
        run.checker.check(run.rig.zk.model).forEach(v -> {
            throw new AssertionError(v + "\nsteps: " + steps);
        });
        RcRun again = new RcRun(seed);
        for (RcStep s : steps) {
            again.apply(s);
        }
        assertThat(again.transcript()).isEqualTo(run.answers + transcriptAt(run, again));
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }

    /** The first run's timeline cut where the replay's ends (the replay does not run the liveness phase). */
    private static String transcriptAt(RcRun run, RcRun again) {
        String full = run.rig.zk.model.history().timelineText();
        String replay = again.rig.zk.model.history().timelineText();
        return full.startsWith(replay) ? replay : full;
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs().between(1, 1_000);
    }

    @Provide
    Arbitrary<List<RcStep>> runs() {
        Arbitrary<Integer> ordinal = Arbitraries.integers().between(0, 4);
        Arbitrary<RcStep> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Combinators.combine(ordinal, ordinal).as(RcAdd::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(ordinal, ordinal).as(RcRemove::new)),
                net.jqwik.api.Tuple.of(2, Combinators.combine(ordinal, ordinal).as(RcObserve::new)),
                net.jqwik.api.Tuple.of(
                        8,
                        Combinators.combine(ordinal, Arbitraries.of("/a", "/b", "/c", "/d"), Arbitraries.of("1", "2"))
                                .as(RcWrite::new)),
                net.jqwik.api.Tuple.of(2, ordinal.map(RcKill::new)),
                net.jqwik.api.Tuple.of(4, ordinal.map(RcStart::new)),
                net.jqwik.api.Tuple.of(2, ordinal.map(RcHang::new)),
                net.jqwik.api.Tuple.of(3, ordinal.map(RcResume::new)),
                net.jqwik.api.Tuple.of(1, ordinal.map(RcIsolate::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new RcHeal())),
                net.jqwik.api.Tuple.of(
                        6, Arbitraries.of(50L, 500L, 2_000L, 10_000L, 30_000L).map(RcWait::new)));
        return step.list().ofMinSize(1).ofMaxSize(30);
    }
}
