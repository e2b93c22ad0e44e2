package dev.zksim.model.time;

/** Milliseconds since the start of a simulation. Virtual in the model engine, scaled wall time in the real one. */
@FunctionalInterface
public interface Clock {
    long nowMs();
}
