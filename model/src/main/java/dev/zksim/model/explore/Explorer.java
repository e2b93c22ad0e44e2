package dev.zksim.model.explore;

import dev.zksim.model.manifest.EnsembleSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The search: {@code runs} runs of generated actions against one manifest, each from {@code apply} and a settled,
 * writable ensemble; every run's invariants checked after every step; the first failing run per invariant shrunk to a
 * minimal story. Deterministic: the same manifest and options give the same runs, findings and coverage.
 *
 * <p>{@link #execute} runs one given list of actions — what the shrinker, the jqwik entry point and tests use.
 */
public final class Explorer {
    /** How long {@code apply} may take to give a Ready, writable ensemble. */
    public static final long SETTLE_BOUND_MS = 20 * 60_000;

    private final EnsembleSpec manifest;
    private final ExploreOptions options;
    private final long livenessBoundMs;

    public Explorer(EnsembleSpec manifest, ExploreOptions options) {
        this.manifest = manifest;
        this.options = options;
        this.livenessBoundMs =
                ExploreChecker.livenessBoundMs(manifest, options.cluster().timings());
    }

    /** Reports progress; may stop the search early (e.g. a wall-clock budget, which the CLI owns). */
    public interface ExploreProgress {
        ExploreProgress NONE = (done, total, findings) -> false;

        /** Called after each run; returns true to stop. */
        boolean runFinished(int done, int total, int findings);
    }

    /** The world seed of run {@code run} (1-based) of a search with {@code seed}. */
    public static long runSeed(long seed, int run) {
        // non-negative: it becomes the scenario file's seed
        return (new SplittableRandom(seed).split().nextLong() ^ (run * 0x9E3779B97F4A7C15L)) & Long.MAX_VALUE;
    }

    public long livenessBoundMs() {
        return livenessBoundMs;
    }

    /** Runs the search. */
    public ExploreReport explore(ExploreProgress progress) {
        ActionGenerator generator = new ActionGenerator(
                options.actions(),
                options.maxActions(),
                manifest.statefulSet().replicas(),
                options.cluster().nodes().size());
        ExploreCoverage coverage = new ExploreCoverage();
        EnumMap<ExploreInvariant, ExploreFinding> first = new EnumMap<>(ExploreInvariant.class);
        EnumMap<ExploreInvariant, Integer> failingRuns = new EnumMap<>(ExploreInvariant.class);
        long actions = 0;
        int done = 0;
        for (int run = 1; run <= options.runs(); run++) {
            long runSeed = runSeed(options.seed(), run);
            List<ExploreAction> generated = generator.generate(new SplittableRandom(runSeed));
            RunOutcome o = execute(generated, runSeed);
            coverage.add(o.coverage());
            actions += o.trace().stream()
                    .filter(e -> !(e.action() instanceof ExploreAction.WaitAction))
                    .count();
            done = run;
            if (o.violation().isPresent()) {
                ExploreInvariant inv = o.violation().get().invariant();
                failingRuns.merge(inv, 1, Integer::sum);
                if (!first.containsKey(inv)) {
                    first.put(inv, shrink(run, runSeed, generated, o));
                }
            }
            if (progress.runFinished(
                    run,
                    options.runs(),
                    failingRuns.values().stream().mapToInt(i -> i).sum())) {
                break;
            }
        }
        return new ExploreReport(
                done, actions, new ArrayList<>(first.values()), failingRuns, coverage, livenessBoundMs);
    }

    /** Runs {@code actions} on a fresh world seeded with {@code runSeed}, checking every invariant after every step. */
    public RunOutcome execute(List<ExploreAction> actions, long runSeed) {
        ExploreWorld world = ExploreWorld.create(manifest, options.cluster(), runSeed, options.hooks());
        ExploreCoverage.Run cov = new ExploreCoverage.Run();
        ExploreChecker checker = new ExploreChecker(world, options.maxWriteOutageMs(), cov);
        if (!world.applyAndSettle(SETTLE_BOUND_MS)) {
            return new RunOutcome(
                    world.trace(),
                    Optional.of(new ExploreViolation(
                            ExploreInvariant.LIVENESS,
                            world.nowMs(),
                            "after apply the ensemble was not Ready and writable within " + SETTLE_BOUND_MS + " ms",
                            -1)),
                    0,
                    -1,
                    List.of(),
                    cov);
        }
        int consumed = 0;
        Optional<ExploreViolation> v = checker.settled();
        for (ExploreAction a : actions) {
            if (v.isPresent()) {
                break;
            }
            consumed++;
            if (a instanceof ExploreAction.WaitAction w) {
                v = checker.runWait(w);
            } else {
                checker.beforeAction(a);
                v = checker.afterAction(world.perform(a));
            }
            if (v.isPresent()) {
                break;
            }
        }
        if (v.isEmpty()) {
            v = checker.finish(livenessBoundMs);
        }
        return new RunOutcome(world.trace(), v, consumed, world.settledAtMs(), checker.outageStartsMs(), cov);
    }

    /** Shrinks a failing run to a minimal list that still breaks the same invariant. */
    ExploreFinding shrink(int run, long runSeed, List<ExploreAction> generated, RunOutcome failing) {
        ExploreInvariant inv = failing.violation().orElseThrow().invariant();
        TraceShrinker shrinker = new TraceShrinker(
                list -> {
                    RunOutcome o = execute(list, runSeed);
                    return o.violation().filter(x -> x.invariant() == inv).isPresent()
                            ? Optional.of(o)
                            : Optional.empty();
                },
                ExploreOptions.SHRINK_RUNS);
        TraceShrinker.ShrunkTrace r = shrinker.shrink(generated, failing);
        int generatedActions = (int) generated.stream()
                .filter(a -> !(a instanceof ExploreAction.WaitAction))
                .count();
        return new ExploreFinding(
                run,
                runSeed,
                generatedActions,
                r.actions(),
                r.outcome().violation().orElseThrow(),
                r.outcome().trace(),
                r.outcome().settledAtMs(),
                r.outcome().outageStartsMs(),
                r.runs());
    }
}
