/**
 * {@code zksim bench}: A/B latency benchmarking of a configuration change (docs/bench.md). A {@link
 * dev.zksim.bench.BenchWorkload} is one measurement with a defined start and end event, played through the engine
 * contract ({@link dev.zksim.model.scenario.engine.Engine}) so the model (virtual time) and the real servers run the
 * same code; {@link dev.zksim.bench.BenchRunner} interleaves the baseline's and the candidate's runs;
 * {@link dev.zksim.bench.BenchStats} summarises them and decides a verdict only where a bootstrap interval supports
 * it; {@link dev.zksim.bench.BenchTable}, {@link dev.zksim.bench.BenchJson} and {@link dev.zksim.bench.BenchHtml}
 * print the result.
 */
package dev.zksim.bench;
