package dev.zksim.model.scenario;

import dev.zksim.model.k8s.ClusterTimings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.OptionalLong;

/** The scenario's timing overrides; keys not given keep the engine's defaults. */
public record Timing(Map<TimingKey, Long> overridesMs) {
    public static final Timing DEFAULTS = new Timing(Map.of());

    public Timing {
        EnumMap<TimingKey, Long> m = new EnumMap<>(TimingKey.class);
        m.putAll(overridesMs);
        overridesMs = Collections.unmodifiableMap(m);
    }

    /** The override for {@code key}, if the scenario gives one. */
    public OptionalLong ms(TimingKey key) {
        Long v = overridesMs.get(key);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    /** {@code base} with these overrides. */
    public ClusterTimings applyTo(ClusterTimings b) {
        return new ClusterTimings(
                ms(TimingKey.CONTAINER_CREATE).orElse(b.containerCreateMs()),
                ms(TimingKey.CONTAINER_STOP).orElse(b.containerStopMs()),
                ms(TimingKey.NODE_MONITOR_GRACE_PERIOD).orElse(b.nodeMonitorGracePeriodMs()),
                ms(TimingKey.NOT_READY_TOLERATION).orElse(b.notReadyTolerationMs()),
                ms(TimingKey.DRAIN_RETRY).orElse(b.drainRetryMs()),
                ms(TimingKey.CRASH_LOOP_BACK_OFF).orElse(b.crashLoopInitialBackOffMs()),
                ms(TimingKey.CRASH_LOOP_MAX_BACK_OFF).orElse(b.crashLoopMaxBackOffMs()),
                ms(TimingKey.CRASH_LOOP_RESET).orElse(b.crashLoopResetMs()));
    }
}
