package dev.zksim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the pod changes a run reports, in time order (the {@code kubectl get pods -w} rows), into {@link PodLane}s:
 * each change closes the pod's current span and opens the next; a deletion closes it and leaves a gap. Repeated
 * identical rows extend the current span; two changes at one instant keep only the later (a span of no length says
 * nothing). Lanes come out in StatefulSet ordinal order ({@code zk-2} before {@code zk-10}).
 *
 * <p>Mutable and single-threaded: feed it from the runner's thread, then call {@link #lanes(long)} once the run ends.
 */
public final class LaneRecorder {
    private static final Pattern ORDINAL = Pattern.compile("^(.*?)-(\\d{1,9})$");
    /** StatefulSet pods by name stem, then ordinal number, then name. */
    static final Comparator<String> BY_ORDINAL = Comparator.comparing(LaneRecorder::stem)
            .thenComparingLong(LaneRecorder::ordinal)
            .thenComparing(Comparator.naturalOrder());

    private final Map<String, List<StateSpan>> closed = new TreeMap<>(BY_ORDINAL);
    private final Map<String, StateSpan> open = new TreeMap<>(BY_ORDINAL);
    private long lastMs;

    /**
     * The status to draw for a kubectl STATUS column and the pod's Ready condition: {@code Ready} for a Running,
     * Ready pod, the STATUS column otherwise.
     */
    public static String status(String kubectlStatus, boolean ready) {
        return ready && "Running".equals(kubectlStatus) ? "Ready" : kubectlStatus;
    }

    /**
     * Records that {@code pod} shows these columns from {@code timeMs} on.
     *
     * @throws IllegalArgumentException when {@code timeMs} is earlier than an earlier call's
     */
    public LaneRecorder observe(long timeMs, String pod, String status, int restarts, String node, String detail) {
        advance(timeMs);
        StateSpan next = new StateSpan(timeMs, timeMs, status, restarts, node, detail);
        StateSpan current = open.get(pod);
        if (current != null && same(current, next)) {
            return this;
        }
        close(pod, timeMs);
        open.put(pod, next);
        return this;
    }

    /** Records that {@code pod} was deleted at {@code timeMs} (its lane shows nothing until it is observed again). */
    public LaneRecorder deleted(long timeMs, String pod) {
        advance(timeMs);
        close(pod, timeMs);
        closed.computeIfAbsent(pod, p -> new ArrayList<>());
        return this;
    }

    /** The lanes, with spans still open closed at {@code endMs} (or where they began, if that is later). */
    public List<PodLane> lanes(long endMs) {
        Map<String, List<StateSpan>> all = new TreeMap<>(BY_ORDINAL);
        closed.forEach((pod, spans) -> all.put(pod, new ArrayList<>(spans)));
        open.forEach((pod, s) ->
                all.computeIfAbsent(pod, p -> new ArrayList<>()).add(withEnd(s, Math.max(endMs, s.startMs()))));
        List<PodLane> lanes = new ArrayList<>();
        all.forEach((pod, spans) -> lanes.add(new PodLane(pod, spans)));
        return lanes;
    }

    private void advance(long timeMs) {
        if (timeMs < lastMs) {
            throw new IllegalArgumentException("pod changes must come in time order: " + timeMs + " after " + lastMs);
        }
        lastMs = timeMs;
    }

    private void close(String pod, long timeMs) {
        StateSpan current = open.remove(pod);
        List<StateSpan> spans = closed.computeIfAbsent(pod, p -> new ArrayList<>());
        if (current != null && timeMs > current.startMs()) {
            spans.add(withEnd(current, timeMs));
        }
    }

    private static boolean same(StateSpan a, StateSpan b) {
        return a.status().equals(b.status())
                && a.restarts() == b.restarts()
                && a.node().equals(b.node())
                && a.detail().equals(b.detail());
    }

    private static StateSpan withEnd(StateSpan s, long endMs) {
        return new StateSpan(s.startMs(), endMs, s.status(), s.restarts(), s.node(), s.detail());
    }

    private static String stem(String pod) {
        Matcher m = ORDINAL.matcher(pod);
        return m.matches() ? m.group(1) : pod;
    }

    private static long ordinal(String pod) {
        Matcher m = ORDINAL.matcher(pod);
        return m.matches() ? Long.parseLong(m.group(2)) : -1;
    }
}
