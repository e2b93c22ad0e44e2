package dev.zksim.model.explore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Delta debugging over a failing run's action list (Zeller's ddmin, on the list elements), then over wait lengths:
 * a candidate is kept when re-running it (same seed) still breaks the same invariant. After each success the list is
 * cut after the element at which the violation ended the run. Bounded by a number of re-runs; deterministic.
 */
final class TraceShrinker {
    /** The shrunk list, its run, and the re-runs spent. */
    record ShrunkTrace(List<ExploreAction> actions, RunOutcome outcome, int runs) {}

    private final Function<List<ExploreAction>, Optional<RunOutcome>> stillFails;
    private final int maxRuns;
    private int runs;

    /** @param stillFails runs a candidate; present when it still breaks the invariant */
    TraceShrinker(Function<List<ExploreAction>, Optional<RunOutcome>> stillFails, int maxRuns) {
        this.stillFails = stillFails;
        this.maxRuns = maxRuns;
    }

    ShrunkTrace shrink(List<ExploreAction> failing, RunOutcome outcome) {
        List<ExploreAction> cur = new ArrayList<>(failing.subList(0, Math.min(failing.size(), outcome.consumed())));
        RunOutcome best = outcome;
        // ddmin over elements
        int n = 2;
        while (cur.size() >= 1 && runs < maxRuns) {
            int chunk = (cur.size() + n - 1) / n;
            boolean removed = false;
            for (int start = 0; start < cur.size() && runs < maxRuns; start += chunk) {
                List<ExploreAction> cand = new ArrayList<>(cur.subList(0, start));
                cand.addAll(cur.subList(Math.min(cur.size(), start + chunk), cur.size()));
                Optional<RunOutcome> o = attempt(cand);
                if (o.isPresent()) {
                    cur = cut(cand, o.get());
                    best = o.get();
                    n = Math.max(n - 1, 2);
                    removed = true;
                    break;
                }
            }
            if (!removed) {
                if (chunk <= 1) {
                    break;
                }
                n = Math.min(cur.size(), n * 2);
            }
        }
        // shorter waits: halve each while it still fails
        for (int i = 0; i < cur.size() && runs < maxRuns; i++) {
            while (cur.get(i) instanceof ExploreAction.WaitAction w && w.durationMs() > 1 && runs < maxRuns) {
                List<ExploreAction> cand = new ArrayList<>(cur);
                cand.set(i, new ExploreAction.WaitAction(w.durationMs() / 2));
                Optional<RunOutcome> o = attempt(cand);
                if (o.isEmpty()) {
                    break;
                }
                cur = cut(cand, o.get());
                best = o.get();
            }
        }
        return new ShrunkTrace(List.copyOf(cur), best, runs);
    }

    private Optional<RunOutcome> attempt(List<ExploreAction> cand) {
        runs++;
        return stillFails.apply(cand);
    }

    private static List<ExploreAction> cut(List<ExploreAction> list, RunOutcome o) {
        return new ArrayList<>(list.subList(0, Math.min(list.size(), o.consumed())));
    }
}
