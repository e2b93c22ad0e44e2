package dev.zksim.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the run as one inline SVG: a lane per pod coloured by status (restarts marked), a lane for the leader, a band
 * for write availability with its gaps marked "no quorum", numbered step markers, and a time axis. Everything a bar
 * means is also in its {@code <title>}, which browsers show on hover without any script.
 *
 * <p>The drawing has a fixed coordinate system ({@link #WIDTH} wide) and scales to the page with its viewBox.
 */
final class TimelineSvg {
    static final int WIDTH = 1200;
    private static final double PLOT_X0 = 112;
    private static final double PLOT_X1 = 1186;
    private static final int LANE_H = 22;
    private static final int LANE_GAP = 6;
    private static final int MARK_ROW_H = 18;
    private static final int MAX_MARK_ROWS = 3;
    /** Markers closer than this many units share one label (steps at the same instant, usually). */
    private static final double MERGE_PX = 3;
    /** Rough width of one character at the 11-unit font, to decide whether a label fits in a bar. */
    private static final double CHAR_W = 6.3;
    /** Characters of a lane name that fit left of the plot in bold. */
    private static final int LABEL_CHARS = 14;
    /** Tick labels need about this much room. */
    private static final double TICK_PX = 96;

    private static final String RESTART_INK = "#7a1010";

    private final ReportData data;
    private final TimeAxis axis;
    private final StringBuilder out = new StringBuilder(16_384);

    private TimelineSvg(ReportData data) {
        this.data = data;
        this.axis = new TimeAxis(data.timelineEndMs(), (int) ((PLOT_X1 - PLOT_X0) / TICK_PX));
    }

    static String render(ReportData data) {
        return new TimelineSvg(data).draw();
    }

    /** One label over the plot, for the steps that begin at (nearly) one x. */
    private record MarkGroup(double x, List<StepMarker> steps, String label, double left, double right, int row) {}

    private String draw() {
        List<MarkGroup> marks = markGroups();
        int markRows = marks.stream().mapToInt(m -> m.row() + 1).max().orElse(0);
        int y = 4 + markRows * MARK_ROW_H + (markRows > 0 ? 4 : 0);
        int lanesTop = y;
        int podRows = Math.max(1, data.lanes().size());
        int leaderY = lanesTop + podRows * (LANE_H + LANE_GAP) + 8;
        int writesY = leaderY + LANE_H + LANE_GAP;
        int axisY = writesY + LANE_H + 8;
        int height = axisY + 24;

        out.append("<svg class=\"timeline\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"100%\" role=\"img\" aria-labelledby=\"timeline-title\" font-size=\"11\">\n");
        out.append("<title id=\"timeline-title\">")
                .append(Html.text("Timeline of " + data.title()))
                .append("</title>\n");
        out.append("<defs><pattern id=\"no-quorum\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fbe9e9\"/>"
                + "<rect width=\"2.5\" height=\"6\" fill=\"#e7a3a3\"/></pattern></defs>\n");

        grid(lanesTop - 2, axisY);
        podLanes(lanesTop);
        leaderLane(leaderY);
        writesLane(writesY);
        stepMarks(marks, lanesTop - 2, axisY);
        axisLine(axisY);
        out.append("</svg>\n");
        return out.toString();
    }

    // ------------------------------------------------------------------ geometry

    private double x(long timeMs) {
        return PLOT_X0 + (PLOT_X1 - PLOT_X0) * ((double) timeMs / axis.domainMs());
    }

    private static String n(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    private static boolean fits(String label, double width) {
        return !label.isEmpty() && label.length() * CHAR_W + 8 <= width;
    }

    private String range(long startMs, long endMs) {
        String span = TimeAxis.duration(startMs) + " – " + TimeAxis.duration(endMs);
        return span + " (" + TimeAxis.duration(endMs - startMs) + ")";
    }

    // ------------------------------------------------------------------ parts

    private void grid(int top, int bottom) {
        out.append("<g class=\"grid\" stroke=\"#e4e7eb\" stroke-width=\"1\">");
        for (long t : axis.ticks()) {
            String gx = n(x(t));
            out.append("<line x1=\"")
                    .append(gx)
                    .append("\" y1=\"")
                    .append(top)
                    .append("\" x2=\"")
                    .append(gx)
                    .append("\" y2=\"")
                    .append(bottom)
                    .append("\"/>");
        }
        out.append("</g>\n");
    }

    /** The lane's name left of the plot, shortened with an ellipsis when it would run into it (full on hover). */
    private void laneLabel(String text, int y, String cssClass) {
        out.append("<text class=\"")
                .append(cssClass)
                .append("\" x=\"8\" y=\"")
                .append(y + LANE_H / 2 + 4)
                .append("\">");
        if (text.codePointCount(0, text.length()) <= LABEL_CHARS) {
            out.append(Html.text(text));
        } else {
            out.append("<title>")
                    .append(Html.text(text))
                    .append("</title>")
                    .append(Html.text(text.substring(0, text.offsetByCodePoints(0, LABEL_CHARS - 1))))
                    .append('…');
        }
        out.append("</text>");
    }

    private void laneBackground(int y) {
        out.append("<rect class=\"lane\" x=\"")
                .append(n(PLOT_X0))
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(n(PLOT_X1 - PLOT_X0))
                .append("\" height=\"")
                .append(LANE_H)
                .append("\" fill=\"#f5f6f8\"/>");
    }

    /** A bar with its hover text and, when it fits, its label. */
    private void bar(
            String cssClass, long startMs, long endMs, int y, String fill, String ink, String label, String hover) {
        double x0 = x(startMs);
        double w = Math.max(1, x(endMs) - x0);
        out.append("<g class=\"")
                .append(cssClass)
                .append("\"><title>")
                .append(Html.text(hover))
                .append("</title>")
                .append("<rect x=\"")
                .append(n(x0))
                .append("\" y=\"")
                .append(y)
                .append("\" width=\"")
                .append(n(w))
                .append("\" height=\"")
                .append(LANE_H)
                .append("\" fill=\"")
                .append(fill)
                .append("\"/>");
        if (fits(label, w)) {
            out.append("<text x=\"")
                    .append(n(x0 + 4))
                    .append("\" y=\"")
                    .append(y + LANE_H / 2 + 4)
                    .append("\" fill=\"")
                    .append(ink)
                    .append("\">")
                    .append(Html.text(label))
                    .append("</text>");
        }
        out.append("</g>\n");
    }

    private void podLanes(int top) {
        if (data.lanes().isEmpty()) {
            laneBackground(top);
            out.append("<text class=\"empty\" x=\"")
                    .append(n(PLOT_X0 + 8))
                    .append("\" y=\"")
                    .append(top + 15)
                    .append("\">no pods in this run</text>\n");
            return;
        }
        int y = top;
        for (PodLane lane : data.lanes()) {
            laneLabel(lane.pod(), y, "pod");
            laneBackground(y);
            out.append('\n');
            int restartsBefore = 0;
            for (StateSpan s : lane.spans()) {
                StatusStyle style = StatusStyle.of(s.status());
                StringBuilder hover = new StringBuilder(lane.pod())
                        .append(": ")
                        .append(s.status())
                        .append('\n')
                        .append(range(s.startMs(), s.endMs()))
                        .append("\nnode: ")
                        .append(s.node().isEmpty() ? "(not scheduled)" : s.node())
                        .append("\nrestarts: ")
                        .append(s.restarts());
                if (!s.detail().isEmpty()) {
                    hover.append('\n').append(s.detail());
                }
                // An unscheduled pod shows its status; a scheduled one its node, once per stay (below).
                bar(
                        "span " + style.cssClass(),
                        s.startMs(),
                        s.endMs(),
                        y,
                        style.fill(),
                        style.ink(),
                        s.node().isEmpty() ? s.status() : "",
                        hover.toString());
            }
            nodeLabels(lane, y);
            for (StateSpan s : lane.spans()) {
                if (s.restarts() > restartsBefore) {
                    restartMark(lane.pod(), s, y);
                }
                restartsBefore = s.restarts();
            }
            y += LANE_H + LANE_GAP;
        }
    }

    /**
     * The node's name, once for each stay of the pod on one node (touching spans with the same node), inside the
     * longest span of the stay (usually Ready) in that span's ink, when it fits.
     */
    private void nodeLabels(PodLane lane, int y) {
        List<StateSpan> spans = lane.spans();
        int i = 0;
        while (i < spans.size()) {
            String node = spans.get(i).node();
            StateSpan longest = spans.get(i);
            int j = i + 1;
            while (j < spans.size()
                    && spans.get(j).node().equals(node)
                    && spans.get(j).startMs() == spans.get(j - 1).endMs()) {
                if (spans.get(j).durationMs() > longest.durationMs()) {
                    longest = spans.get(j);
                }
                j++;
            }
            double x0 = x(longest.startMs());
            if (!node.isEmpty() && fits(node, x(longest.endMs()) - x0)) {
                out.append("<text class=\"node\" x=\"")
                        .append(n(x0 + 4))
                        .append("\" y=\"")
                        .append(y + LANE_H / 2 + 4)
                        .append("\" fill=\"")
                        .append(StatusStyle.of(longest.status()).ink())
                        .append("\">")
                        .append(Html.text(node))
                        .append("</text>\n");
            }
            i = j;
        }
    }

    private void restartMark(String pod, StateSpan s, int y) {
        double mx = x(s.startMs());
        out.append("<g class=\"restart\"><title>")
                .append(Html.text(
                        pod + " restarted at " + TimeAxis.duration(s.startMs()) + " (RESTARTS " + s.restarts() + ")"))
                .append("</title>")
                .append("<path d=\"M")
                .append(n(mx - 5))
                .append(' ')
                .append(y - 3)
                .append(" L")
                .append(n(mx + 5))
                .append(' ')
                .append(y - 3)
                .append(" L")
                .append(n(mx))
                .append(' ')
                .append(y + 5)
                .append(" Z\" fill=\"")
                .append(RESTART_INK)
                .append("\" stroke=\"#ffffff\" stroke-width=\"1\"/>")
                .append("</g>\n");
    }

    private void leaderLane(int y) {
        laneLabel("leader", y, "aux");
        laneBackground(y);
        out.append('\n');
        Map<String, StatusStyle> colours = leaderColours();
        long at = 0;
        for (Interval i : data.leaders()) {
            gap(at, i.startMs(), y, "no leader", "#eceff2", "#6a737d", "no leader");
            StatusStyle style = colours.get(leadingPod(i.label()));
            bar(
                    "leader " + style.cssClass(),
                    i.startMs(),
                    i.endMs(),
                    y,
                    style.fill(),
                    style.ink(),
                    i.label(),
                    "leader: " + (i.label().isEmpty() ? "(unnamed)" : i.label()) + "\n"
                            + range(i.startMs(), i.endMs()));
            at = i.endMs();
        }
        gap(at, axis.domainMs(), y, "no leader", "#eceff2", "#6a737d", "no leader");
    }

    private void writesLane(int y) {
        laneLabel("writes", y, "aux");
        laneBackground(y);
        out.append('\n');
        long at = 0;
        for (Interval i : data.writable()) {
            gap(at, i.startMs(), y, "no quorum", "url(#no-quorum)", "#8c1d1d", "no quorum: writes unavailable");
            String hover = "writes available" + (i.label().isEmpty() ? "" : ": " + i.label()) + "\n"
                    + range(i.startMs(), i.endMs());
            bar(
                    "writable",
                    i.startMs(),
                    i.endMs(),
                    y,
                    "#7cc395",
                    "#10361f",
                    i.label().isEmpty() ? "writes OK" : i.label(),
                    hover);
            at = i.endMs();
        }
        gap(at, axis.domainMs(), y, "no quorum", "url(#no-quorum)", "#8c1d1d", "no quorum: writes unavailable");
    }

    /** The stretch between two intervals, when it has a length. */
    private void gap(long startMs, long endMs, int y, String label, String fill, String ink, String what) {
        if (endMs > startMs) {
            bar("gap", startMs, endMs, y, fill, ink, label, what + "\n" + range(startMs, endMs));
        }
    }

    /** The first word of a leader label names the pod; each pod keeps one colour (lanes' order first). */
    private Map<String, StatusStyle> leaderColours() {
        Map<String, StatusStyle> colours = new LinkedHashMap<>();
        List<String> order = new ArrayList<>();
        data.lanes().forEach(l -> order.add(l.pod()));
        data.leaders().forEach(i -> order.add(leadingPod(i.label())));
        for (String pod : order) {
            if (!colours.containsKey(pod)) {
                colours.put(pod, StatusStyle.LEADER_PALETTE.get(colours.size() % StatusStyle.LEADER_PALETTE.size()));
            }
        }
        return colours;
    }

    private static String leadingPod(String label) {
        String trimmed = label.strip();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    // ------------------------------------------------------------------ steps

    private List<MarkGroup> markGroups() {
        List<StepMarker> sorted = new ArrayList<>(data.steps());
        sorted.sort(Comparator.comparingLong(StepMarker::atMs).thenComparingInt(StepMarker::index));
        List<List<StepMarker>> clusters = new ArrayList<>();
        double clusterX = Double.NEGATIVE_INFINITY;
        for (StepMarker s : sorted) {
            if (clusters.isEmpty() || x(s.atMs()) - clusterX > MERGE_PX) {
                clusters.add(new ArrayList<>());
                clusterX = x(s.atMs());
            }
            clusters.get(clusters.size() - 1).add(s);
        }
        double[] rowRight = new double[MAX_MARK_ROWS];
        Arrays.fill(rowRight, Double.NEGATIVE_INFINITY);
        List<MarkGroup> groups = new ArrayList<>();
        for (List<StepMarker> c : clusters) {
            double cx = x(c.get(0).atMs());
            String label = markLabel(c);
            double w = Math.max(16, label.length() * 6.6 + 8);
            double centre = Math.min(cx, WIDTH - 1 - w / 2);
            double left = centre - w / 2;
            int row = 0;
            while (row < MAX_MARK_ROWS && rowRight[row] + 2 > left) {
                row++;
            }
            if (row == MAX_MARK_ROWS) {
                row = 0;
                for (int r = 1; r < MAX_MARK_ROWS; r++) {
                    if (rowRight[r] < rowRight[row]) {
                        row = r;
                    }
                }
            }
            rowRight[row] = left + w;
            groups.add(new MarkGroup(cx, List.copyOf(c), label, left, left + w, row));
        }
        return groups;
    }

    /** {@code 7}, or {@code 3–7} for consecutive steps at one instant, or {@code 3,5} otherwise. */
    private static String markLabel(List<StepMarker> steps) {
        if (steps.size() == 1) {
            return Integer.toString(steps.get(0).index());
        }
        boolean consecutive = true;
        for (int i = 1; i < steps.size(); i++) {
            consecutive &= steps.get(i).index() == steps.get(i - 1).index() + 1;
        }
        if (consecutive) {
            return steps.get(0).index() + "–" + steps.get(steps.size() - 1).index();
        }
        StringBuilder sb = new StringBuilder();
        for (StepMarker s : steps) {
            sb.append(sb.length() > 0 ? "," : "").append(s.index());
        }
        return sb.toString();
    }

    private void stepMarks(List<MarkGroup> groups, int top, int bottom) {
        for (MarkGroup g : groups) {
            boolean failed = g.steps().stream()
                    .anyMatch(s -> data.verdicts().stream().anyMatch(v -> v.stepIndex() == s.index() && v.failed()));
            StringBuilder hover = new StringBuilder();
            for (StepMarker s : g.steps()) {
                hover.append(hover.length() > 0 ? "\n" : "").append("step ").append(s.index());
                if (s.line() > 0) {
                    hover.append(" (line ").append(s.line()).append(')');
                }
                hover.append(" at ")
                        .append(TimeAxis.duration(s.atMs()))
                        .append(": ")
                        .append(s.text());
            }
            int labelY = 4 + g.row() * MARK_ROW_H;
            String lx = n(g.x());
            out.append("<g class=\"step")
                    .append(failed ? " failed" : "")
                    .append("\"><title>")
                    .append(Html.text(hover.toString()))
                    .append("</title>")
                    .append("<line x1=\"")
                    .append(lx)
                    .append("\" y1=\"")
                    .append(labelY + 14)
                    .append("\" x2=\"")
                    .append(lx)
                    .append("\" y2=\"")
                    .append(bottom)
                    .append("\" stroke=\"")
                    .append(failed ? "#c62828" : "#37474f")
                    .append("\" stroke-width=\"1\" stroke-opacity=\"0.75\" stroke-dasharray=\"3 2\"/>")
                    .append("<rect x=\"")
                    .append(n(g.left()))
                    .append("\" y=\"")
                    .append(labelY)
                    .append("\" width=\"")
                    .append(n(g.right() - g.left()))
                    .append("\" height=\"14\" rx=\"7\" fill=\"")
                    .append(failed ? "#c62828" : "#37474f")
                    .append("\"/>")
                    .append("<text x=\"")
                    .append(n((g.left() + g.right()) / 2))
                    .append("\" y=\"")
                    .append(labelY + 11)
                    .append("\" text-anchor=\"middle\" fill=\"#ffffff\" font-size=\"10\">")
                    .append(Html.text(g.label()))
                    .append("</text></g>\n");
        }
    }

    // ------------------------------------------------------------------ axis

    private void axisLine(int y) {
        out.append("<g class=\"axis\"><line x1=\"")
                .append(n(PLOT_X0))
                .append("\" y1=\"")
                .append(y)
                .append("\" x2=\"")
                .append(n(PLOT_X1))
                .append("\" y2=\"")
                .append(y)
                .append("\" stroke=\"#57606a\"/>");
        for (long t : axis.ticks()) {
            double tx = x(t);
            String anchor = tx > PLOT_X1 - 30 ? "end" : tx < PLOT_X0 + 10 ? "start" : "middle";
            out.append("<line x1=\"")
                    .append(n(tx))
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" x2=\"")
                    .append(n(tx))
                    .append("\" y2=\"")
                    .append(y + 4)
                    .append("\" stroke=\"#57606a\"/>")
                    .append("<text x=\"")
                    .append(n(tx))
                    .append("\" y=\"")
                    .append(y + 16)
                    .append("\" text-anchor=\"")
                    .append(anchor)
                    .append("\">")
                    .append(Html.text(axis.label(t)))
                    .append("</text>");
        }
        out.append("</g>\n");
    }
}
