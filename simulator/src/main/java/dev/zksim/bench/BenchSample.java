package dev.zksim.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured.
 *
 * @param side {@code A} or {@code B}
 * @param engine {@code model} or {@code real}
 * @param pair the pair's number (0 is the warm-up pair, which the statistics leave out)
 * @param seed the engine's seed
 * @param values metric id → value, in the workload's order
 * @param wallMs how long the run took on the wall clock
 */
public record BenchSample(String side, String engine, int pair, long seed, Map<String, Double> values, long wallMs) {
    public BenchSample {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the statistics use this run (every pair but the first). */
    public boolean counted() {
        return pair > 0;
    }
}
