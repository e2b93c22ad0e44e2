package dev.zksim.bench;

import dev.zksim.model.manifest.EnsembleSpec;

/**
 * One side of the comparison: {@code A} the baseline, {@code B} the candidate.
 *
 * @param name {@code A} or {@code B}
 * @param label what the output calls it: the manifest's file, or "baseline with --set tick_time=1000"
 * @param spec the manifest every run of this side applies
 */
public record BenchSide(String name, String label, EnsembleSpec spec) {}
