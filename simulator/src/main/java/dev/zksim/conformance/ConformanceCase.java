package dev.zksim.conformance;

/**
 * One generated conformance scenario.
 *
 * @param number 1-based number in its batch
 * @param runSeed the world seed explore used to generate and resolve it (also the scenario's {@code seed})
 * @param fileName where it is written when it disagrees, e.g. {@code conform-12-7.yaml}
 * @param yaml the scenario file's text (docs/scenarios.md), runnable with {@code zksim run}
 */
public record ConformanceCase(int number, long runSeed, String fileName, String yaml) {}
