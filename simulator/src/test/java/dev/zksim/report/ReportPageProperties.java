package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.w3c.dom.Element;

class ReportPageProperties {
    /** Characters that break markup when not escaped, plus a few that HTML forbids outright. */
    private static final String NASTY = "<>&\"'/=;:\\ \n\t\u0000\u0007\u009f\ud83d\ude00\ud800é×→]]>!--";

    private static String text(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(r.nextInt(3) == 0 ? NASTY.charAt(r.nextInt(NASTY.length())) : (char) ('a' + r.nextInt(26)));
        }
        return sb.toString();
    }

    private static String word(Random r) {
        String t = text(r).strip();
        return t.isEmpty() ? "w" : t;
    }

    /** A random but valid report: ordered spans and intervals with gaps, steps, verdicts on them, facts, logs. */
    static ReportData random(long seed) {
        Random r = new Random(seed);
        long end = r.nextInt(4) == 0 ? 0 : (long) Math.pow(10, 1 + r.nextInt(8)) + r.nextInt(1000);
        ReportData.ReportBuilder b = ReportData.builder(word(r), r.nextBoolean() ? ReportData.MODEL : ReportData.REAL)
                .scenarioFile(text(r))
                .seed(r.nextLong())
                .timeUnitNote(text(r))
                .endMs(end);
        int pods = r.nextInt(6);
        List<String> statuses = new ArrayList<>(StatusStyle.KNOWN);
        statuses.add(word(r));
        for (int p = 0; p < pods; p++) {
            List<StateSpan> spans = new ArrayList<>();
            long t = 0;
            while (t < end && spans.size() < 20) {
                long start = t + (r.nextInt(3) == 0 ? r.nextLong(end - t + 1) / 4 : 0);
                long stop = Math.min(end, start + r.nextLong(end - start + 1) / 2);
                spans.add(new StateSpan(
                        start,
                        stop,
                        statuses.get(r.nextInt(statuses.size())),
                        r.nextInt(4),
                        r.nextBoolean() ? "" : word(r),
                        text(r)));
                t = stop + 1;
            }
            b.lane("zk-" + p + text(r), spans);
        }
        intervals(r, end, (s, e) -> b.leader(s, e, text(r)));
        intervals(r, end, (s, e) -> b.writable(s, e));
        int steps = r.nextInt(30);
        for (int i = 1; i <= steps; i++) {
            b.step(end == 0 ? 0 : r.nextLong(end + 1), i, r.nextInt(200), text(r));
            if (r.nextBoolean()) {
                String outcome = List.of(VerdictRow.HELD, VerdictRow.FAILED, VerdictRow.SKIPPED, VerdictRow.DONE)
                        .get(r.nextInt(4));
                b.verdict(i, r.nextInt(200), text(r), outcome, text(r));
            }
        }
        for (int i = r.nextInt(5); i > 0; i--) {
            b.fact(word(r), text(r));
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            b.log(
                    word(r),
                    "logs/" + word(r).replace('/', '_').replace('\\', '_').replace(".", "d") + ".log");
        }
        return b.build();
    }

    private interface IntervalSink {
        void add(long startMs, long endMs);
    }

    private static void intervals(Random r, long end, IntervalSink sink) {
        long t = 0;
        for (int i = r.nextInt(6); i > 0 && t <= end; i--) {
            long start = t + r.nextLong(end - t + 1) / 3;
            long stop = start + r.nextLong(end - start + 1) / 3;
            sink.add(start, stop);
            t = stop;
        }
    }

    @Property(tries = 200)
    void anyReportIsWellFormedScriptFreeAndComplete(@ForAll long seed) {
        ReportData data = random(seed);
        String html = HtmlReport.render(data);
        assertThat(HtmlReport.render(random(seed))).isEqualTo(html);
        assertThat(html).doesNotContain("http://", "https://", "<script", "NaN", "Infinity");
        PageXml page = PageXml.parse(html);
        assertThat(page.elements()).extracting(Element::getTagName).allMatch(HtmlReportTests.ALLOWED_TAGS::contains);
        assertThat(page.attributeNames())
                .noneMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("on"));
        assertThat(page.byClass("text", "pod")).hasSize(data.lanes().size());
        assertThat(page.byClass("g", "span"))
                .hasSize(data.lanes().stream().mapToInt(l -> l.spans().size()).sum());
        assertThat(page.byClass("g", "leader")).hasSize(data.leaders().size());
        assertThat(page.byClass("g", "writable")).hasSize(data.writable().size());
        assertThat(page.byTag("a")).hasSize(data.logs().size());
        // Every step is named by exactly one marker's hover text.
        List<String> marks = PageXml.hovers(page.byClass("g", "step"));
        for (StepMarker s : data.steps()) {
            assertThat(marks.stream()
                            .filter(m ->
                                    m.startsWith("step " + s.index() + " ") || m.contains("\nstep " + s.index() + " ")))
                    .as("step %d", s.index())
                    .hasSize(1);
        }
        // The drawing stays inside its viewBox.
        for (Element e : page.byTag("rect")) {
            if (!e.getAttribute("x").isEmpty()) {
                double x = Double.parseDouble(e.getAttribute("x"));
                double w = Double.parseDouble(e.getAttribute("width"));
                assertThat(x).isGreaterThanOrEqualTo(0);
                assertThat(x + w).isLessThanOrEqualTo(TimelineSvg.WIDTH);
            }
        }
    }
}
