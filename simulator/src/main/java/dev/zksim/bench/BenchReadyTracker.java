package dev.zksim.bench;

import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.EngineListener;
import dev.zksim.model.scenario.engine.PodView;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Remembers, from the engine's pod rows, the first instant at which every replica of the StatefulSet was Ready (and not
 * Terminating): the end event of "apply → all Ready", which may come before or after the first acknowledged write.
 * Works from the rows alone, so it never calls back into the engine from a listener callback.
 */
final class BenchReadyTracker implements EngineListener {
    private final String statefulSet;
    private final int replicas;
    private final TreeMap<String, PodView> pods = new TreeMap<>();
    private OptionalLong allReadyAtMs = OptionalLong.empty();

    BenchReadyTracker(String statefulSet, int replicas) {
        this.statefulSet = statefulSet;
        this.replicas = replicas;
    }

    /** When every replica was first Ready, if it was. */
    OptionalLong allReadyAtMs() {
        return allReadyAtMs;
    }

    @Override
    public void podChanged(long nowMs, PodView pod) {
        pods.put(pod.name(), pod);
        if (allReadyAtMs.isEmpty() && readyReplicas() == replicas) {
            allReadyAtMs = OptionalLong.of(nowMs);
        }
    }

    private int readyReplicas() {
        int n = 0;
        for (int i = 0; i < replicas; i++) {
            PodView p = pods.get(statefulSet + "-" + i);
            if (p != null && p.ready() && !p.status().equals("Terminating")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void podDeleted(long nowMs, PodView last) {
        pods.remove(last.name());
    }

    @Override
    public void event(ClusterEvent event) {}

    @Override
    public void commandOutput(long nowMs, String command, String line) {}
}
