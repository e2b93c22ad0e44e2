/**
 * Property-based exploration of a manifest in the model engine ({@code zksim explore}): random but valid sequences of
 * what operators and the world do ({@link dev.zksim.model.explore.ExploreAction}), invariants checked after every step
 * ({@link dev.zksim.model.explore.ExploreChecker}), failing runs shrunk to a short story and written as an ordinary
 * scenario file ({@link dev.zksim.model.explore.FindingScenarioWriter}). {@link dev.zksim.model.explore.Explorer} is
 * the entry point for the CLI; {@link dev.zksim.model.explore.ExploreArbitraries} gives the same actions to a jqwik
 * {@code @Property}. Pure and deterministic: same manifest, options and seed, same runs and findings.
 */
package dev.zksim.model.explore;
