package dev.zksim.report;

import java.util.List;

/**
 * The life of one pod identity ({@code zk-0}) over the run: its status spans in time order. Gaps between spans are
 * times the pod did not exist (deleted, not yet created by the StatefulSet).
 */
public record PodLane(String pod, List<StateSpan> spans) {
    public PodLane {
        Checks.nonBlank(pod, "pod");
        spans = Checks.ordered(spans, StateSpan::startMs, StateSpan::endMs, "spans of " + pod);
    }
}
