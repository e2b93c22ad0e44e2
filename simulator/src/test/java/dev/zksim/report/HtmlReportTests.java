package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTests {
    /** Every element the page may contain: no script, no img, no iframe, no link, no object. */
    static final Set<String> ALLOWED_TAGS = Set.of(
            "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "span", "dl", "dt", "dd",
            "strong", "code", "section", "div", "p", "svg", "defs", "pattern", "rect", "g", "text", "line", "path",
            "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "a", "footer");

    private static final ReportData SAMPLE = SampleRuns.k8sTutorial();

    private static PageXml page(ReportData data) {
        return PageXml.parse(HtmlReport.render(data));
    }

    private static List<Element> rows(PageXml page, String sectionId) {
        NodeList tbodies = page.byId(sectionId).getElementsByTagName("tbody");
        List<Element> rows = new ArrayList<>();
        if (tbodies.getLength() == 0) {
            return rows;
        }
        NodeList trs = ((Element) tbodies.item(0)).getElementsByTagName("tr");
        for (int i = 0; i < trs.getLength(); i++) {
            rows.add((Element) trs.item(i));
        }
        return rows;
    }

    private static ReportData.ReportBuilder minimal() {
        return ReportData.builder("t", ReportData.MODEL).endMs(10_000);
    }

    /** {@link #minimal()} with one pod, zk-0, in {@code spans}. */
    private static ReportData.ReportBuilder zk0(StateSpan... spans) {
        return minimal().lane("zk-0", List.of(spans));
    }

    @Test
    void oneLanePerPodInOrderWithOneBarPerSpan() {
        PageXml page = page(SAMPLE);
        assertThat(page.byClass("text", "pod"))
                .extracting(Element::getTextContent)
                .containsExactly("zk-0", "zk-1", "zk-2");
        int spans = SAMPLE.lanes().stream().mapToInt(l -> l.spans().size()).sum();
        assertThat(page.byClass("g", "span")).hasSize(spans);
        assertThat(page.byClass("g", "st-pending")).hasSize(7);
        assertThat(page.byClass("g", "st-error")).hasSize(1);
    }

    @Test
    void everySpanShowsPodStatusTimesNodeAndDetailOnHover() {
        List<String> hovers = PageXml.hovers(page(SAMPLE).byClass("g", "span"));
        assertThat(hovers.get(3)).isEqualTo("zk-0: Ready\n12.3 s – 1 min (47.7 s)\nnode: node-1\nrestarts: 0");
        assertThat(hovers).anySatisfy(h -> assertThat(h)
                .startsWith("zk-1: Pending\n")
                .contains("node: (not scheduled)")
                .endsWith("2 node(s) were unschedulable."));
    }

    @Test
    void nodeIsWrittenOncePerStayWhereItFits() {
        assertThat(page(SAMPLE).byClass("text", "node"))
                .extracting(Element::getTextContent)
                .containsExactly("node-1", "node-4", "node-2", "node-2", "node-2", "node-3");
    }

    @Test
    void restartsAreMarkedWhereTheCountRises() {
        ReportData data = zk0(
                        new StateSpan(0, 1000, "Running", 0, "n1", ""),
                        new StateSpan(1000, 2000, "Running", 1, "n1", ""),
                        new StateSpan(2000, 3000, "Ready", 1, "n1", ""),
                        new StateSpan(3000, 4000, "CrashLoopBackOff", 3, "n1", ""),
                        new StateSpan(5000, 6000, "Pending", 0, "", "re-created: the count starts again"),
                        new StateSpan(6000, 7000, "Running", 1, "n2", ""))
                .build();
        List<String> marks = PageXml.hovers(page(data).byClass("g", "restart"));
        assertThat(marks)
                .containsExactly(
                        "zk-0 restarted at 1 s (RESTARTS 1)",
                        "zk-0 restarted at 3 s (RESTARTS 3)",
                        "zk-0 restarted at 6 s (RESTARTS 1)");
        assertThat(page(SAMPLE).byClass("g", "restart")).hasSize(1);
    }

    @Test
    void leaderLaneNamesEachLeaderAndMarksTheGaps() {
        PageXml page = page(SAMPLE);
        assertThat(page.byClass("g", "leader"))
                .extracting(e -> e.getElementsByTagName("text").item(0).getTextContent())
                .containsExactly("zk-1 (epoch 1)", "zk-2 (epoch 2)", "zk-2 (epoch 3)", "zk-1 (epoch 4)");
        // zk-1 keeps its colour across epochs; zk-2 has another.
        List<Element> bars = page.byClass("g", "leader");
        assertThat(bars.get(0).getAttribute("class")).isEqualTo(bars.get(3).getAttribute("class"));
        assertThat(bars.get(1).getAttribute("class")).isNotEqualTo(bars.get(0).getAttribute("class"));
        List<String> gaps = PageXml.hovers(page.byClass("g", "gap"));
        assertThat(gaps)
                .filteredOn(h -> h.startsWith("no leader"))
                .containsExactly(
                        "no leader\n0 ms – 14.8 s (14.8 s)", "no leader\n40 s – 40.25 s (250 ms)",
                        "no leader\n2 min – 2 min 11.3 s (11.3 s)", "no leader\n2 min 45 s – 2 min 45.3 s (300 ms)");
    }

    @Test
    void writesBandMarksEveryGapNoQuorum() {
        PageXml page = page(SAMPLE);
        assertThat(page.byClass("g", "writable")).hasSize(4);
        List<String> gaps = PageXml.hovers(page.byClass("g", "gap"));
        assertThat(gaps)
                .filteredOn(h -> h.startsWith("no quorum"))
                .containsExactly(
                        "no quorum: writes unavailable\n0 ms – 14.9 s (14.9 s)",
                        "no quorum: writes unavailable\n40 s – 40.3 s (300 ms)",
                        "no quorum: writes unavailable\n2 min – 2 min 11.4 s (11.4 s)",
                        "no quorum: writes unavailable\n2 min 45 s – 2 min 45.4 s (400 ms)");
        assertThat(page.byTag("rect"))
                .filteredOn(r -> r.getAttribute("fill").equals("url(#no-quorum)"))
                .hasSize(4);
    }

    @Test
    void noIntervalsMeansNoLeaderAndNoQuorumThroughout() {
        PageXml page = page(minimal().build());
        assertThat(PageXml.hovers(page.byClass("g", "gap")))
                .containsExactly("no leader\n0 ms – 10 s (10 s)", "no quorum: writes unavailable\n0 ms – 10 s (10 s)");
        assertThat(page.byClass("g", "leader")).isEmpty();
        assertThat(page.byClass("g", "writable")).isEmpty();
    }

    @Test
    void zeroLengthIntervalsAndSpansAreDrawnVisiblyWithoutInventingGaps() {
        ReportData data = zk0(new StateSpan(5000, 5000, "Terminating", 0, "n1", ""))
                .leader(0, 5000, "zk-0")
                .leader(5000, 5000, "zk-1")
                .leader(5000, 10_000, "zk-0")
                .writable(0, 10_000)
                .writable(10_000, 10_000)
                .build();
        PageXml page = page(data);
        assertThat(page.byClass("g", "gap")).isEmpty();
        assertThat(page.byClass("g", "leader")).hasSize(3);
        for (Element g : page.byClass("g", "span")) {
            Element rect = (Element) g.getElementsByTagName("rect").item(0);
            assertThat(Double.parseDouble(rect.getAttribute("width"))).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void aRunWithoutPodsSaysSo() {
        ReportData data = ReportData.builder("empty", ReportData.REAL).build();
        PageXml page = page(data);
        assertThat(page.byClass("text", "pod")).isEmpty();
        assertThat(page.byClass("text", "empty"))
                .extracting(Element::getTextContent)
                .containsExactly("no pods in this run");
        assertThat(page.byId("steps").getTextContent()).contains("no steps");
        assertThat(page.byId("verdicts").getTextContent()).contains("no expectations");
        assertThat(page.byClass("span", "badge").get(0).getTextContent()).isEqualTo("passed");
        assertThat(page.byClass("g", "axis")
                        .get(0)
                        .getElementsByTagName("text")
                        .item(0)
                        .getTextContent())
                .isEqualTo("0");
    }

    @Test
    void stepsAtOneInstantShareOneMarkerThatNamesThemAll() {
        PageXml page = page(SAMPLE);
        List<Element> marks = page.byClass("g", "step");
        assertThat(marks)
                .extracting(e -> e.getElementsByTagName("text").item(0).getTextContent())
                .containsExactly(
                        "1–2", "3–4", "5", "6–7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18");
        assertThat(PageXml.hovers(marks).get(0))
                .isEqualTo("step 1 (line 4) at 0 ms: apply: k8s-manifests/zookeeper.yaml\n"
                        + "step 2 (line 5) at 0 ms: wait: {ready: 3, timeout: 2m}");
        assertThat(page.byClass("g", "failed")).hasSize(1);
        assertThat(PageXml.hovers(page.byClass("g", "failed")).get(0)).startsWith("step 18 ");
    }

    @Test
    void markerLabelsNeverOverlapWhileThereIsRoom() {
        PageXml page = page(SAMPLE);
        List<double[]> boxes = new ArrayList<>();
        for (Element g : page.byClass("g", "step")) {
            Element r = (Element) g.getElementsByTagName("rect").item(0);
            double x = Double.parseDouble(r.getAttribute("x"));
            boxes.add(new double[] {
                x, x + Double.parseDouble(r.getAttribute("width")), Double.parseDouble(r.getAttribute("y"))
            });
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean sameRow = a[2] == b[2];
                assertThat(sameRow && a[0] < b[1] && b[0] < a[1])
                        .as("labels %d and %d overlap", i, j)
                        .isFalse();
            }
        }
    }

    @Test
    void everyStepIsListedInNumberOrderWithItsTimeLineAndOutcome() {
        ReportData data = minimal()
                .step(4000, 2, 9, "expect-ready: 3")
                .step(1500, 1, 7, "apply: zk.yaml")
                .verdict(2, 9, "3 pods Ready", VerdictRow.FAILED, "2 Ready")
                .build();
        List<Element> rows = rows(page(data), "steps");
        assertThat(rows)
                .extracting(Element::getTextContent)
                .containsExactly("11.5 s7apply: zk.yaml", "24 s9expect-ready: 3failed ");
        assertThat(rows.get(1).getAttribute("class")).isEqualTo("failed");
    }

    @Test
    void verdictRowsCarryStepLineExpectationOutcomeAndDetail() {
        List<Element> rows = rows(page(SAMPLE), "verdicts");
        assertThat(rows).hasSize(SAMPLE.verdicts().size());
        assertThat(rows.get(0).getTextContent()).isEqualTo("253 pods Ready within 2mheld 3 Ready after 36.9 s");
        Element failed = rows.get(rows.size() - 1);
        assertThat(failed.getAttribute("class")).isEqualTo("failed");
        assertThat(failed.getTextContent())
                .contains("zk-2 leads", "failed", "expected: zk-2 leads\nfound:    zk-1 leads (epoch 4)");
        assertThat(rows.get(8).getTextContent()).contains("skipped", "--engine real");
    }

    @Test
    void headerCarriesScenarioEngineSeedTimeNoteAndOverallVerdict() {
        PageXml page = page(SAMPLE);
        Element header = page.byTag("header").get(0);
        assertThat(header.getTextContent())
                .contains(
                        "Kubernetes ZooKeeper tutorial",
                        "failed",
                        "8 held · 1 failed · 1 skipped",
                        "scenarios/k8s-tutorial.yaml",
                        "model — virtual time",
                        "42",
                        "3 min 20 s");
        ReportData real = ReportData.builder("leader deleted", ReportData.REAL)
                .seed(-7)
                .timeUnitNote("wall time, Kubernetes delays scaled ×20")
                .endMs(8_250)
                .step(0, 1, 3, "apply")
                .verdict(1, 3, "a leader", VerdictRow.HELD, "")
                .build();
        Element realHeader = page(real).byTag("header").get(0);
        assertThat(realHeader.getTextContent())
                .contains("passed", "real — wall time, Kubernetes delays scaled ×20", "-7", "8.25 s");
    }

    @Test
    void factsInTheirOrderAndLogsAsRelativeLinks() {
        PageXml page = page(SAMPLE);
        assertThat(rows(page, "facts"))
                .extracting(Element::getTextContent)
                .startsWith("apply → 3 pods Ready36.9 s", "apply → first acknowledged write37.0 s");
        assertThat(page.byTag("a"))
                .extracting(a -> a.getAttribute("href") + " " + a.getTextContent())
                .containsExactly("logs/zk-0.log zk-0", "logs/zk-1.log zk-1", "logs/zk-2.log zk-2");
    }

    @Test
    void linkPathsArePercentEncodedSoTheyStayRelativePaths() {
        ReportData data = minimal()
                .log("zk-0", "javascript:alert(1)")
                .log("zk 1", "logs/zk 1#x?.log")
                .log("zk-2", "logs/ß.log")
                .build();
        assertThat(page(data).byTag("a"))
                .extracting(a -> a.getAttribute("href"))
                .containsExactly("javascript%3Aalert%281%29", "logs/zk%201%23x%3F.log", "logs/%C3%9F.log");
    }

    @Test
    void hostileTextIsEscapedEverywhere() {
        String h = "<script>alert(1)</script>\"' onmouseover=\"x\" &amp; ]]> <!-- </title></svg><img src=x>";
        ReportData data = ReportData.builder("T" + h, ReportData.REAL)
                .scenarioFile("F" + h)
                .timeUnitNote("N" + h)
                .endMs(60_000)
                .lane("P" + h, List.of(new StateSpan(0, 60_000, "S" + h, 2, "O" + h, "D" + h)))
                .leader(0, 30_000, "L" + h)
                .writable(0, 30_000)
                .step(1000, 1, 2, "X" + h)
                .verdict(1, 2, "V" + h, VerdictRow.FAILED, "E" + h)
                .fact("K" + h, "U" + h)
                .log("G" + h, "logs/" + h.replace("/", "_") + ".log")
                .build();
        String html = HtmlReport.render(data);
        assertThat(html).doesNotContain("<script", "<img", "<!-- ", "onmouseover=\"");
        PageXml page = PageXml.parse(html);
        assertThat(page.byTag("body").get(0).getElementsByTagName("*").getLength())
                .isPositive();
        assertThat(page.elements()).extracting(Element::getTagName).allMatch(ALLOWED_TAGS::contains);
        assertThat(page.attributeNames())
                .noneMatch(n -> n.toLowerCase(Locale.ROOT).startsWith("on"));
        // Every string comes back as the very text it was, not as markup.
        List<String> texts = page.texts();
        for (String prefix : List.of("T", "F", "N", "P", "X", "V", "E", "K", "U", "G", "L")) {
            assertThat(texts).as(prefix).anySatisfy(t -> assertThat(t).contains(prefix + h));
        }
        assertThat(PageXml.hovers(page.byClass("g", "span")).get(0)).contains("S" + h, "O" + h, "D" + h);
    }

    @Test
    void controlCharactersBecomeReplacementCharacters() {
        ReportData data = ReportData.builder("a\u0000b\u0007c\u001bd\ud800e\tf", ReportData.MODEL)
                .build();
        PageXml page = page(data);
        assertThat(page.byTag("h1").get(0).getTextContent()).isEqualTo("a\ufffdb\ufffdc\ufffdd\ufffde\tf");
    }

    @Test
    void thePageLoadsNothingFromTheNetworkAndRunsNoScript() {
        String html = HtmlReport.render(SAMPLE);
        assertThat(html).doesNotContain("http://", "https://", "<script", "src=", "@import", "<link", "//fonts");
        Matcher urls = Pattern.compile("url\\(([^)]*)\\)").matcher(html);
        while (urls.find()) {
            assertThat(urls.group(1)).startsWith("#");
        }
        assertThat(html).contains("default-src 'none'");
        PageXml page = PageXml.parse(html);
        assertThat(page.elements()).extracting(Element::getTagName).allMatch(ALLOWED_TAGS::contains);
        assertThat(page.byTag("a"))
                .allSatisfy(a ->
                        assertThat(a.getAttribute("href")).doesNotContain(":").doesNotStartWith("/"));
    }

    @Test
    void sameDataGivesTheSameBytesWhateverTheDefaultLocale() {
        String first = HtmlReport.render(SampleRuns.k8sTutorial());
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(HtmlReport.render(SampleRuns.k8sTutorial())).isEqualTo(first);
            Locale.setDefault(Locale.forLanguageTag("ar-EG"));
            assertThat(HtmlReport.render(SampleRuns.k8sTutorial())).isEqualTo(first);
        } finally {
            Locale.setDefault(before);
        }
        assertThat(first).doesNotContain("\r");
    }

    @Test
    void timelineStretchesToTheLatestTimeGiven() {
        ReportData data = ReportData.builder("late", ReportData.REAL)
                .endMs(9_000)
                .lane("zk-0", List.of(new StateSpan(0, 9_400, "Ready", 0, "n1", "")))
                .build();
        assertThat(data.timelineEndMs()).isEqualTo(9_400);
        List<String> hovers = PageXml.hovers(page(data).byClass("g", "gap"));
        assertThat(hovers).contains("no quorum: writes unavailable\n0 ms – 9.4 s (9.4 s)");
    }

    @Test
    void aWeekLongRunGetsAFewTicksInHoursAndShortStepsStillShow() {
        long week = 7L * 24 * 3_600_000;
        ReportData data = ReportData.builder("soak", ReportData.MODEL)
                .endMs(week)
                .lane("zk-0", List.of(new StateSpan(0, week, "Ready", 0, "n1", "")))
                .step(0, 1, 1, "apply")
                .step(3_600_000, 2, 2, "delete-pod: zk-0")
                .step(3_600_050, 3, 3, "expect-ready: 3")
                .build();
        PageXml page = page(data);
        NodeList labels = page.byClass("g", "axis").get(0).getElementsByTagName("text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < labels.getLength(); i++) {
            texts.add(labels.item(i).getTextContent());
        }
        assertThat(texts).containsExactly("0", "24 h", "48 h", "72 h", "96 h", "120 h", "144 h", "168 h");
        assertThat(page.byClass("g", "step"))
                .extracting(e -> e.getElementsByTagName("text").item(0).getTextContent())
                .containsExactly("1", "2–3");
    }

    @Test
    void longPodNamesAreShortenedLeftOfThePlotAndShownWholeOnHover() {
        String name = "zookeeper-ensemble-east-10";
        PageXml page =
                page(minimal().lane(name, List.of()).lane("zk-0", List.of()).build());
        List<Element> labels = page.byClass("text", "pod");
        assertThat(labels.get(0).getTextContent()).isEqualTo(name + "zookeeper-ens…");
        assertThat(PageXml.hovers(labels)).containsExactly(name);
        assertThat(labels.get(1).getTextContent()).isEqualTo("zk-0");
    }

    @Test
    void unknownStatusesGetTheNeutralColourAndALegendEntry() {
        ReportData data = zk0(
                        new StateSpan(0, 1000, "ErrImagePull", 0, "", ""),
                        new StateSpan(1000, 2000, "Completed", 0, "n1", ""))
                .build();
        PageXml page = page(data);
        assertThat(page.byClass("g", "st-other")).hasSize(2);
        assertThat(page.byClass("div", "legend").get(0).getTextContent()).contains("Completed, ErrImagePull");
    }
}
