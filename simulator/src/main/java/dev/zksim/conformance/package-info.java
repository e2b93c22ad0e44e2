/**
 * The conformance check: random scenarios from explore's own generator
 * ({@link dev.zksim.model.explore.ActionGenerator}), each run in the model engine and in the real engine, their
 * per-step ZooKeeper facts compared, and an agreement table per fact (docs/conformance.md).
 * {@link dev.zksim.conformance.ConformanceGenerator} writes the scenarios,
 * {@link dev.zksim.conformance.ConformanceComparison} compares two runs,
 * {@link dev.zksim.conformance.ConformanceRunner} runs a batch and {@link dev.zksim.conformance.AgreementTable}
 * tallies it.
 */
package dev.zksim.conformance;
