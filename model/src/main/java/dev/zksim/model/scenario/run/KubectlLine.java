package dev.zksim.model.scenario.run;

/** A line a kubectl command printed, when it printed it ({@code kubectl drain} prints while it retries). */
public record KubectlLine(long timeMs, String command, String line) {}
