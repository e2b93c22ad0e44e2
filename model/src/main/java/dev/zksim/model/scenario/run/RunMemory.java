package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.PvcView;
import dev.zksim.model.scenario.engine.ServerLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What the runner remembers across steps: the timeline and events so far, the cluster as each labelled step left it,
 * the first volume of each claim, the drains started, and the pods re-created at a new revision since the last
 * apply, patch or undo (the rollout order).
 */
final class RunMemory {
    final List<TimelineRow> timeline = new ArrayList<>();
    final List<ClusterEvent> events = new ArrayList<>();
    final List<KubectlLine> kubectl = new ArrayList<>();
    final List<ServerLog> serverLog = new ArrayList<>();
    /** Label → the cluster when that step ended, and how many events had been recorded by then. */
    final Map<String, LabelledStepEnd> labelled = new LinkedHashMap<>();
    /** PVC → the first volume a step saw it bound to. */
    final Map<String, String> initialVolumes = new TreeMap<>();
    /** Label of a drain step → the drain's id. */
    final Map<String, Integer> drainsByLabel = new TreeMap<>();

    OptionalInt lastDrain = OptionalInt.empty();
    /** Pods re-created at another revision, in order, since the last apply/patch/undo. */
    final List<String> rolloutOrder = new ArrayList<>();

    private final Map<String, String> lastRevision = new TreeMap<>();
    private final Map<String, PodView> lastRow = new TreeMap<>();

    /** Writes the ensemble acknowledged to the scenario's own write steps, in order. */
    final List<AckedWriteFact> ackedWrites = new ArrayList<>();

    /**
     * The cluster when a labelled step ended: its view, how many events had been recorded, and the ZooKeeper roles
     * (leader, serving followers by ordinal) at that instant; and, for "what happened since the step" (history,
     * elections, write outages), the engine time the step began and how many timeline rows and elections there were
     * then — so the step's own effects count, whether an engine shows them during the action or after it.
     */
    record LabelledStepEnd(
            ClusterView view,
            int eventCount,
            Optional<String> leader,
            List<String> followers,
            long startMs,
            int timelineCountAtStart,
            int electionCountAtStart) {
        LabelledStepEnd {
            followers = List.copyOf(followers);
        }
    }

    /** Records a pod change; returns the row to print, or empty when nothing a watcher sees changed. */
    Optional<TimelineRow> podChanged(long nowMs, PodView pod) {
        PodView prev = lastRow.put(pod.name(), pod);
        String rev = lastRevision.put(pod.name(), pod.revision());
        if (rev != null
                && !rev.equals(pod.revision())
                && !pod.revision().isEmpty()
                && !rolloutOrder.contains(pod.name())) {
            rolloutOrder.add(pod.name());
        }
        if (pod.sameRow(prev)) {
            return Optional.empty();
        }
        TimelineRow row = new TimelineRow(nowMs, pod, false);
        timeline.add(row);
        return Optional.of(row);
    }

    TimelineRow podDeleted(long nowMs, PodView last) {
        lastRow.remove(last.name());
        TimelineRow row = new TimelineRow(nowMs, last, true);
        timeline.add(row);
        return row;
    }

    void stepEnded(
            Optional<String> label,
            ClusterView view,
            Optional<String> leader,
            List<String> followers,
            long startMs,
            int timelineCountAtStart,
            int electionCountAtStart) {
        for (PvcView p : view.pvcs()) {
            if (p.bound() && p.volume().isPresent()) {
                initialVolumes.putIfAbsent(p.name(), p.volume().get());
            }
        }
        label.ifPresent(l -> labelled.put(
                l,
                new LabelledStepEnd(
                        view, events.size(), leader, followers, startMs, timelineCountAtStart, electionCountAtStart)));
    }
}
