package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.engine.PodView;

/** One line of the {@code kubectl get pods -w} timeline: a pod's columns at {@code timeMs}, or its deletion. */
public record TimelineRow(long timeMs, PodView pod, boolean deleted) {
    /** The AGE column at {@code timeMs}. */
    public long ageMs() {
        return Math.max(0, timeMs - pod.createdMs());
    }
}
