package dev.zksim.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns JMH's JSON results into one self-contained HTML page: charts drawn with XChart and embedded as PNG data URIs
 * (no script, no network), each followed by its numbers. Medians and their 99% confidence intervals are computed from
 * the per-iteration values ({@code rawData}) with the distribution-free order-statistic interval (normal
 * approximation of the binomial), which is what a single-shot time needs; SampleTime results use JMH's percentiles.
 *
 * <p>Usage: {@code ResultsPage OUT_DIR NOTES.txt RESULTS.json...}: merges the JMH JSON files into
 * {@code OUT_DIR/results.json} and writes {@code OUT_DIR/index.html}; each line of NOTES.txt is printed under the title
 * (machine, JDK, load averages, the run's mode). {@code benchmarks/run.sh} calls it.
 */
public final class ResultsPage {
    private final JsonNode results;
    private final StringBuilder html = new StringBuilder();

    private ResultsPage(JsonNode results) {
        this.results = results;
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        if (args.length < 3) {
            System.err.println("usage: ResultsPage OUT_DIR NOTES.txt RESULTS.json...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ArrayNode all = mapper.createArrayNode();
        for (String part : Arrays.asList(args).subList(2, args.length)) {
            Path p = Path.of(part);
            if (Files.size(p) > 0) {
                mapper.readTree(p.toFile()).forEach(all::add);
            }
        }
        Files.createDirectories(dir);
        mapper.writerWithDefaultPrettyPrinter()
                .writeValue(dir.resolve("results.json").toFile(), all);
        List<String> notes = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("index.html"), new ResultsPage(all).render(notes), StandardCharsets.UTF_8);
        System.out.println("wrote " + dir.resolve("results.json") + " and " + dir.resolve("index.html"));
    }

    /** What a chart and a table show for a combination this run did not measure: a zero bar. */
    private static final Median NONE = new Median(0, 0, 0, 0);

    /** A median with its 99% confidence interval and the sample size. */
    record Median(double median, double low, double high, int n) {
        static Optional<Median> of(List<Double> values) {
            if (values.isEmpty()) {
                return Optional.empty();
            }
            double[] v =
                    values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            // ranks n/2 ± z·√n/2 with z = 2.576 (99%): the interval covers the true median with ≥ 99% probability
            int k = (int) Math.floor(n / 2.0 - 2.576 * Math.sqrt(n) / 2);
            double low = v[Math.max(0, k)];
            double high = v[Math.min(n - 1, n - 1 - Math.max(0, k))];
            return Optional.of(new Median(median, low, high, n));
        }

        String text() {
            return String.format(Locale.ROOT, "%,.0f [%,.0f..%,.0f] (n=%d)", median, low, high, n);
        }
    }

    // ------------------------------------------------------------------ reading the JSON

    private List<JsonNode> runs(String benchmark) {
        List<JsonNode> l = new ArrayList<>();
        for (JsonNode r : results) {
            if (r.path("benchmark").asText().endsWith(benchmark)) {
                l.add(r);
            }
        }
        return l;
    }

    private Optional<JsonNode> run(String benchmark, String... params) {
        for (JsonNode r : runs(benchmark)) {
            boolean all = true;
            for (int i = 0; i + 1 < params.length; i += 2) {
                all &= r.path("params").path(params[i]).asText().equals(params[i + 1]);
            }
            if (all) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static List<Double> raw(JsonNode metric) {
        List<Double> v = new ArrayList<>();
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode x : fork) {
                v.add(x.asDouble());
            }
        }
        return v;
    }

    private static Optional<Median> primary(Optional<JsonNode> run) {
        return run.flatMap(r -> Median.of(raw(r.path("primaryMetric"))));
    }

    private static Optional<Median> secondary(Optional<JsonNode> run, String name) {
        return run.flatMap(r -> Median.of(raw(r.path("secondaryMetrics").path(name))));
    }

    private static Optional<Double> percentile(Optional<JsonNode> run, String p) {
        return run.map(r -> r.path("primaryMetric").path("scorePercentiles").path(p))
                .filter(JsonNode::isNumber)
                .map(JsonNode::asDouble);
    }

    private static Optional<double[]> score(Optional<JsonNode> run) {
        return run.map(r -> new double[] {
            r.path("primaryMetric").path("score").asDouble(),
            r.path("primaryMetric").path("scoreError").asDouble()
        });
    }

    // ------------------------------------------------------------------ the page

    String render(List<String> lines) {
        html.append("<!doctype html><html><head><meta charset=\"utf-8\"><title>zksim benchmarks</title><style>")
                .append("body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}")
                .append("table{border-collapse:collapse;margin:.5em 0 2em}td,th{border:1px solid #ccc;")
                .append("padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}")
                .append("img{max-width:100%}</style></head><body><h1>zksim benchmarks</h1>");
        for (String l : lines) {
            html.append("<p>").append(escape(l)).append("</p>");
        }
        html.append("<p>Medians with their 99% confidence interval over the iterations; write latencies are JMH's ")
                .append("percentiles of every sampled call. Details of each benchmark: benchmarks/README.md.</p>");
        election();
        curator();
        writes();
        recovery();
        model();
        memory();
        html.append("</body></html>\n");
        return html.toString();
    }

    private void election() {
        MedianBars bars =
                new MedianBars("→ first acknowledged write", "→ new leader serving", "ZooKeeper's own election time");
        StringBuilder table = new StringBuilder("<table><tr><th>servers, disruption</th><th>→ first acknowledged "
                + "write, ms</th><th>→ new leader serving, ms</th><th>ZooKeeper's LEADER ELECTION TOOK, ms</th>"
                + "<th>iterations in which ZooKeeper elected more than one leader</th></tr>");
        for (String servers : List.of("3", "5")) {
            for (String d : List.of(
                    "pod-deleted", "process-killed", "node-failed", "cold-start", "cold-start-publish-not-ready")) {
                Optional<JsonNode> r =
                        run("ElectionBenchmark.disruptionToFirstWrite", "servers", servers, "disruption", d);
                Optional<Median> w = primary(r);
                if (w.isEmpty()) {
                    continue;
                }
                Median serving = secondary(r, "leaderServingMs").orElse(NONE);
                Median zk = secondary(r, "zookeeperElectionMs").orElse(NONE);
                bars.add(servers + " " + d, w.get(), serving, zk);
                long reElections = r.map(x -> raw(x.path("secondaryMetrics").path("leadersElected")).stream()
                                .filter(v -> v > 1)
                                .count())
                        .orElse(0L);
                table.append(row(
                        servers + " servers, " + d,
                        w.get().text(),
                        serving.text(),
                        zk.text(),
                        Long.toString(reElections)));
            }
        }
        if (bars.isEmpty()) {
            return;
        }
        section("Election: disruption → first acknowledged write (zksim real engine)");
        chartAndTable(bars.chart("Election (median, 99% CI)", "servers and disruption"), table);
    }

    private void curator() {
        MedianBars bars = new MedianBars("zksim (Kubernetes + real ZooKeeper)", "Curator TestingCluster");
        StringBuilder table = new StringBuilder("<table><tr><th>event</th><th>zksim, ms</th><th>Curator "
                + "TestingCluster, ms</th><th>ratio</th></tr>");
        for (String servers : List.of("3", "5")) {
            compare(
                    bars,
                    table,
                    servers + " start → first write",
                    primary(run(
                            "ElectionBenchmark.disruptionToFirstWrite",
                            "servers",
                            servers,
                            "disruption",
                            "cold-start")),
                    primary(run("CuratorTestingClusterBenchmark.startToFirstWrite", "servers", servers)));
            compare(
                    bars,
                    table,
                    servers + " start (publishNotReadyAddresses) → first write",
                    primary(run(
                            "ElectionBenchmark.disruptionToFirstWrite",
                            "servers",
                            servers,
                            "disruption",
                            "cold-start-publish-not-ready")),
                    primary(run("CuratorTestingClusterBenchmark.startToFirstWrite", "servers", servers)));
            compare(
                    bars,
                    table,
                    servers + " leader killed → first write",
                    primary(run(
                            "ElectionBenchmark.disruptionToFirstWrite",
                            "servers",
                            servers,
                            "disruption",
                            "process-killed")),
                    primary(run("CuratorTestingClusterBenchmark.leaderKilledToFirstWrite", "servers", servers)));
        }
        if (bars.isEmpty()) {
            return;
        }
        section("zksim and Curator's TestingCluster on the same events");
        chartAndTable(bars.chart("zksim vs TestingCluster (median, 99% CI)", "servers and event"), table);
    }

    private static void compare(
            MedianBars bars, StringBuilder table, String name, Optional<Median> zksim, Optional<Median> curator) {
        if (zksim.isEmpty() && curator.isEmpty()) {
            return;
        }
        bars.add(name, zksim.orElse(NONE), curator.orElse(NONE));
        String ratio = zksim.isPresent() && curator.isPresent() && curator.get().median() > 0
                ? String.format(
                        Locale.ROOT,
                        "%.2f",
                        zksim.get().median() / curator.get().median())
                : "";
        table.append(row(
                name,
                zksim.map(Median::text).orElse("—"),
                curator.map(Median::text).orElse("—"),
                ratio));
    }

    private static final List<String> WRITE_METHODS = List.of(
            "plainSetDataViaLeader",
            "plainSetDataViaFollower",
            "plainCreateViaLeader",
            "plainCreateViaFollower",
            "zksimSetDataViaLeader");

    private void writes() {
        boolean any = false;
        for (String servers : List.of("3", "5")) {
            for (String sync : List.of("yes", "no")) {
                List<String> cats = new ArrayList<>();
                List<String> payloads = new ArrayList<>();
                for (String p : List.of("64", "1024", "102400")) {
                    if (run(
                                    "WriteQuorumBenchmark.plainSetDataViaLeader",
                                    "servers",
                                    servers,
                                    "payloadBytes",
                                    p,
                                    "forceSync",
                                    sync)
                            .isPresent()) {
                        payloads.add(p);
                        cats.add(bytes(p));
                    }
                }
                if (payloads.isEmpty()) {
                    continue;
                }
                if (!any) {
                    section("Write latency: one synchronous request, real ZooKeeper client (µs)");
                    any = true;
                }
                CategoryChart p50 = chart(
                        "Write latency p50, " + servers + " servers, forceSync=" + sync + " (log scale)",
                        "payload",
                        "µs");
                CategoryChart p99 = chart(
                        "Write latency p99, " + servers + " servers, forceSync=" + sync + " (log scale)",
                        "payload",
                        "µs");
                for (CategoryChart c : List.of(p50, p99)) {
                    // XChart's bars start at 0, which a log axis cannot show: points instead
                    c.getStyler()
                            .setDefaultSeriesRenderStyle(
                                    org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle.Scatter);
                    c.getStyler().setMarkerSize(12);
                    c.getStyler().setYAxisLogarithmic(true);
                }
                StringBuilder table =
                        new StringBuilder("<table><tr><th>" + servers + " servers, forceSync=" + sync + "</th>");
                for (String p : payloads) {
                    table.append("<th>").append(bytes(p)).append(" p50 / p99</th>");
                }
                table.append("</tr>");
                for (String m : WRITE_METHODS) {
                    addLatency(
                            p50,
                            p99,
                            table,
                            m,
                            "WriteQuorumBenchmark." + m,
                            payloads,
                            cats,
                            "servers",
                            servers,
                            "forceSync",
                            sync);
                }
                if (sync.equals("yes")) {
                    addLatency(
                            p50,
                            p99,
                            table,
                            "Curator TestingCluster setData via leader",
                            "CuratorTestingClusterBenchmark.setDataViaLeader",
                            payloads,
                            cats,
                            "servers",
                            servers);
                }
                image(p50);
                image(p99);
                html.append("<p>A point at 1 µs means the combination was not measured in this run.</p>");
                html.append(table).append("</table>");
            }
        }
        StringBuilder t = new StringBuilder("<table><tr><th>async setData, " + WriteQuorumBenchmark.OUTSTANDING
                + " outstanding</th><th>writes/s (± 99.9% CI)</th></tr>");
        boolean rows = false;
        for (JsonNode r : runs("WriteQuorumBenchmark.asyncSetDataThroughput")) {
            rows = true;
            t.append(row(
                    r.path("params").path("servers").asText() + " servers, "
                            + bytes(r.path("params").path("payloadBytes").asText()) + ", forceSync="
                            + r.path("params").path("forceSync").asText(),
                    String.format(
                            Locale.ROOT,
                            "%,.0f ± %,.0f",
                            r.path("primaryMetric").path("score").asDouble(),
                            r.path("primaryMetric").path("scoreError").asDouble())));
        }
        if (rows) {
            html.append("<h3>Throughput</h3>").append(t).append("</table>");
        }
    }

    private void addLatency(
            CategoryChart p50Chart,
            CategoryChart p99Chart,
            StringBuilder table,
            String label,
            String benchmark,
            List<String> payloads,
            List<String> cats,
            String... params) {
        List<Double> p50 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        StringBuilder cells = new StringBuilder();
        boolean any = false;
        for (String p : payloads) {
            String[] all = Arrays.copyOf(params, params.length + 2);
            all[params.length] = "payloadBytes";
            all[params.length + 1] = p;
            Optional<JsonNode> r = run(benchmark, all);
            // a log axis cannot show 0: a missing cell is drawn at 1 µs and is blank in the table
            double a = percentile(r, "50.0").orElse(1.0);
            double b = percentile(r, "99.0").orElse(1.0);
            any |= r.isPresent();
            p50.add(a);
            p99.add(b);
            cells.append("<td>")
                    .append(r.isPresent() ? String.format(Locale.ROOT, "%,.0f / %,.0f", a, b) : "—")
                    .append("</td>");
        }
        if (!any) {
            return;
        }
        table.append("<tr><td>")
                .append(escape(label))
                .append("</td>")
                .append(cells)
                .append("</tr>");
        p50Chart.addSeries(label, cats, p50);
        p99Chart.addSeries(label, cats, p99);
    }

    private void recovery() {
        List<JsonNode> deleted = runs("RecoveryBenchmark.podDeletedToServing");
        List<JsonNode> pvc = runs("RecoveryBenchmark.pvcDeletedToInSync");
        if (deleted.isEmpty() && pvc.isEmpty()) {
            return;
        }
        section("Recovery: a follower's pod back in sync, against data size");
        MedianBars bars =
                new MedianBars("pod deleted → serving", "ZooKeeper's own restore figure", "PVC deleted → in sync");
        StringBuilder table = new StringBuilder("<table><tr><th>znodes, snapCount</th><th>pod deleted → serving, ms"
                + "</th><th>ZooKeeper's own restore (Snapshot loaded in), ms</th><th>txns replayed</th><th>ratio</th>"
                + "<th>PVC deleted → in sync (SNAP), ms</th></tr>");
        for (String z : List.of("500", "1000", "10000", "100000")) {
            for (String snap : List.of("1000", "1000000")) {
                Optional<JsonNode> d = run("RecoveryBenchmark.podDeletedToServing", "znodes", z, "snapCount", snap);
                Optional<JsonNode> p = run("RecoveryBenchmark.pvcDeletedToInSync", "znodes", z, "snapCount", snap);
                if (d.isEmpty() && p.isEmpty()) {
                    continue;
                }
                Median dm = primary(d).orElse(NONE);
                Median zm = secondary(d, "zookeeperRestoreMs").orElse(NONE);
                String cat = String.format(Locale.ROOT, "%,d znodes, snapCount %s", Long.parseLong(z), snap);
                bars.add(cat, dm, zm, primary(p).orElse(NONE));
                table.append(row(
                        cat,
                        dm.text(),
                        zm.text(),
                        secondary(d, "txnsReplayed").map(Median::text).orElse("—"),
                        zm.median() > 0 ? String.format(Locale.ROOT, "%.1f", dm.median() / zm.median()) : "—",
                        primary(p).map(Median::text).orElse("—")));
            }
        }
        chartAndTable(bars.chart("Recovery (median, 99% CI)", "data size"), table);
    }

    private void model() {
        List<String> cats = new ArrayList<>();
        List<Double> v = new ArrayList<>();
        List<Double> e = new ArrayList<>();
        StringBuilder table = new StringBuilder(
                "<table><tr><th>model engine, one thread</th><th>per second (± 99.9% " + "CI)</th></tr>");
        score(run("ModelBenchmark.tutorialScenario")).ifPresent(s -> {
            cats.add("tutorial scenario");
            v.add(s[0]);
            e.add(s[1]);
        });
        for (String steps : List.of("10", "30")) {
            score(run("ModelBenchmark.randomChain", "steps", steps)).ifPresent(s -> {
                cats.add("random " + steps + "-step chain");
                v.add(s[0]);
                e.add(s[1]);
            });
        }
        if (cats.isEmpty()) {
            return;
        }
        section("Model engine throughput");
        CategoryChart c = chart("Model engine (ops/s)", "", "per second");
        c.addSeries("ops/s", cats, v, e);
        for (int i = 0; i < cats.size(); i++) {
            table.append(row(cats.get(i), String.format(Locale.ROOT, "%,.1f ± %,.1f", v.get(i), e.get(i))));
        }
        chartAndTable(c, table);
    }

    private void memory() {
        List<JsonNode> m = runs("EnsembleMemoryBenchmark.runningEnsemble");
        if (m.isEmpty()) {
            return;
        }
        section("Memory of a running ensemble");
        List<String> cats = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> ens = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        StringBuilder table = new StringBuilder("<table><tr><th>servers</th><th>JVM heap after GC, MiB</th>"
                + "<th>of it the ensemble's, MiB</th><th>process RSS, MiB</th></tr>");
        for (JsonNode r : m) {
            String s = r.path("params").path("servers").asText();
            Optional<JsonNode> o = Optional.of(r);
            double h = secondary(o, "heapAfterGcMiB").map(Median::median).orElse(0.0);
            double en = secondary(o, "ensembleHeapMiB").map(Median::median).orElse(0.0);
            double rs = secondary(o, "rssMiB").map(Median::median).orElse(0.0);
            cats.add(s + " servers");
            heap.add(h);
            ens.add(en);
            rss.add(rs);
            table.append(row(s, fmt(h), fmt(en), fmt(rs)));
        }
        CategoryChart c = chart("Memory (MiB; goal ≤ 300 MB)", "", "MiB");
        c.addSeries("heap after GC", cats, heap);
        c.addSeries("ensemble's heap", cats, ens);
        c.addSeries("process RSS", cats, rss);
        chartAndTable(c, table);
    }

    // ------------------------------------------------------------------ drawing

    private static CategoryChart chart(String title, String x, String y) {
        CategoryChart c = new CategoryChartBuilder()
                .width(1000)
                .height(460)
                .title(title)
                .xAxisTitle(x)
                .yAxisTitle(y)
                .build();
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setErrorBarsColorSeriesColor(true);
        c.getStyler().setXAxisLabelRotation(20);
        c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        return c;
    }

    /**
     * The bars of a chart of medians in milliseconds: categories, each with one median per named series (a category
     * one series did not measure holds {@link #NONE} there).
     */
    private static final class MedianBars {
        private final List<String> cats = new ArrayList<>();
        private final Map<String, List<Median>> series = new LinkedHashMap<>();

        MedianBars(String... names) {
            for (String name : names) {
                series.put(name, new ArrayList<>());
            }
        }

        /** A category and its medians, one per series in the order they were named. */
        void add(String category, Median... medians) {
            if (medians.length != series.size()) {
                throw new IllegalArgumentException(series.size() + " series, " + medians.length + " medians");
            }
            cats.add(category);
            int i = 0;
            for (List<Median> values : series.values()) {
                values.add(medians[i++]);
            }
        }

        boolean isEmpty() {
            return cats.isEmpty();
        }

        /** The chart, a series each; asymmetric CIs drawn as symmetric bars of the larger half (XChart draws ±error). */
        CategoryChart chart(String title, String xAxis) {
            CategoryChart c = ResultsPage.chart(title, xAxis, "ms");
            series.forEach((name, values) -> {
                List<Double> y = new ArrayList<>();
                List<Double> e = new ArrayList<>();
                for (Median m : values) {
                    y.add(m.median());
                    e.add(Math.max(m.high() - m.median(), m.median() - m.low()));
                }
                c.addSeries(name, cats, y, e);
            });
            return c;
        }
    }

    private void image(CategoryChart c) {
        try {
            byte[] png = BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG);
            html.append("<p><img alt=\"")
                    .append(escape(c.getTitle()))
                    .append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png))
                    .append("\"></p>");
        } catch (IOException e) {
            throw new IllegalStateException("cannot draw " + c.getTitle(), e);
        }
    }

    /** A section's chart, then the table of its numbers (its rows appended already; the closing tag added here). */
    private void chartAndTable(CategoryChart c, StringBuilder table) {
        image(c);
        html.append(table).append("</table>");
    }

    private void section(String title) {
        html.append("<h2>").append(escape(title)).append("</h2>");
    }

    private static String row(String... cells) {
        StringBuilder b = new StringBuilder("<tr>");
        for (String c : cells) {
            b.append("<td>").append(escape(c)).append("</td>");
        }
        return b.append("</tr>").toString();
    }

    private static String bytes(String n) {
        long b = Long.parseLong(n);
        return b >= 1024 ? (b / 1024) + " KiB" : b + " B";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
