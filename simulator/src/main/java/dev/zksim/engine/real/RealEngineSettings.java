package dev.zksim.engine.real;

/**
 * How a {@link RealEngine} runs; immutable, changed with the {@code with*} methods.
 *
 * @param timeScale Kubernetes milliseconds per wall millisecond while ZooKeeper is at rest: container creation, probe
 *     delays and periods, grace periods, drain retries, node timeouts and the scenario's waits and timeouts run this
 *     many times faster than written; while ZooKeeper is busy they run in real time ({@link Pacer}); ZooKeeper's
 *     tickTime, initLimit and syncLimit always run in real time
 * @param keep keep the simulation's directory (volumes, container filesystems, logs) after the run
 * @param probeWrites measure "disruption → first acknowledged write" with probe writes (see {@link WriteProbe})
 * @param faultLayer put the network-fault layer ({@code dev.zksim.runtime.net}) in front of every pod: needed by the
 *     network-fault steps and by {@code fail-node}'s silent power loss; it costs a forwarding hop per connection
 */
public record RealEngineSettings(double timeScale, boolean keep, boolean probeWrites, boolean faultLayer) {
    /**
     * The default time scale: while ZooKeeper is at rest a 19 s container creation takes 0.19 s and a 5 minute wait
     * 3 s; while it is busy Kubernetes runs in real time anyway ({@link Pacer}), so the scale changes how long a run
     * takes, not what happens in it.
     */
    public static final double DEFAULT_TIME_SCALE = 100;
    /** The largest time scale accepted: beyond it a probe period is shorter than a ZooKeeper election. */
    public static final double MAX_TIME_SCALE = 1000;

    public RealEngineSettings {
        if (!(timeScale > 0) || timeScale > MAX_TIME_SCALE) {
            throw new IllegalArgumentException("time scale must be > 0 and <= " + MAX_TIME_SCALE + ": " + timeScale);
        }
    }

    /**
     * Scale {@link #DEFAULT_TIME_SCALE}, nothing kept, no probe writes (their transactions can change who wins the next
     * election, which the model does not predict: docs/real-engine.md), the fault layer in place.
     */
    public static RealEngineSettings defaults() {
        return new RealEngineSettings(DEFAULT_TIME_SCALE, false, false, true);
    }

    public RealEngineSettings withTimeScale(double scale) {
        return new RealEngineSettings(scale, keep, probeWrites, faultLayer);
    }

    public RealEngineSettings withKeep(boolean keepAfterRun) {
        return new RealEngineSettings(timeScale, keepAfterRun, probeWrites, faultLayer);
    }

    public RealEngineSettings withProbeWrites(boolean on) {
        return new RealEngineSettings(timeScale, keep, on, faultLayer);
    }

    public RealEngineSettings withFaultLayer(boolean on) {
        return new RealEngineSettings(timeScale, keep, probeWrites, on);
    }
}
