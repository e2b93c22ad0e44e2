package dev.zksim.model.scenario.engine;

/**
 * A line of a ZooKeeper server's log, reduced to what changed ({@code LEADING (election took 202 ms)},
 * {@code synced with zk-1 by DIFF}), as {@code kubectl logs zk-1} would show it.
 */
public record ServerLog(long timeMs, String pod, String line) {}
