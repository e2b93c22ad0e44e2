package dev.zksim.engine.real;

/** A time span in engine milliseconds with a label (the leader's {@code zk-2 (epoch 2)}, or empty for "writable"). */
public record TimeSpan(long startMs, long endMs, String label) {}
