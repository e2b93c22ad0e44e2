package dev.zksim.bench;

import dev.zksim.report.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code zksim bench --report DIR}: one self-contained page, {@code DIR/index.html} (no script, no network): the
 * verdict table, then per metric and engine a strip plot of A's and B's runs side by side with each side's median and
 * its 10th–90th percentile box, in inline SVG.
 */
public final class BenchHtml {
    private static final int WIDTH = 640;
    private static final int ROW = 36;
    private static final int LEFT = 40;
    private static final int RIGHT = 20;

    private BenchHtml() {}

    /** Writes {@code dir/index.html} and returns its path. */
    public static Path write(BenchResult r, Path dir) {
        try {
            Files.createDirectories(dir);
            Path page = dir.resolve("index.html");
            Files.writeString(page, render(r), StandardCharsets.UTF_8);
            return page;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page. */
    public static String render(BenchResult r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>zksim bench: ")
                .append(Html.text(r.workload()))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}td.l,th.l{text-align:left}"
                        + ".dis{color:#b00}.a{fill:#1f77b4}.b{fill:#ff7f0e}</style></head><body>\n");
        h.append("<h1>zksim bench: ")
                .append(Html.text(r.workload()))
                .append("</h1>\n<p>A: ")
                .append(Html.text(r.baseline().label()))
                .append("<br>B: ")
                .append(Html.text(r.candidate().label()))
                .append("<br>")
                .append(r.runsPerSide())
                .append(" runs per side and engine, interleaved A B A B …, after one warm-up pair; engines ")
                .append(Html.text(String.join(", ", r.engines())))
                .append("; seed ")
                .append(r.seed())
                .append("</p>\n<h2>Verdicts</h2>\n<table><tr><th class=\"l\">metric</th><th class=\"l\">engine</th>"
                        + "<th>A median</th><th>B median</th><th>B−A (95% CI)</th>"
                        + "<th class=\"l\">verdict</th></tr>\n");
        for (BenchResult.MetricResult m : r.metrics()) {
            BenchMetric x = m.metric();
            h.append("<tr><td class=\"l\">")
                    .append(Html.text(x.description() + " (" + x.unit() + ")"))
                    .append("</td><td class=\"l\">")
                    .append(m.engine())
                    .append("</td><td>")
                    .append(x.format(m.summaryA().median()))
                    .append("</td><td>")
                    .append(x.format(m.summaryB().median()))
                    .append("</td><td>")
                    .append(x.format(m.difference().diff()))
                    .append(" (")
                    .append(x.format(m.difference().low()))
                    .append("..")
                    .append(x.format(m.difference().high()))
                    .append(")</td><td class=\"l\">")
                    .append(Html.text(m.verdict().text()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
        for (BenchResult.MedianDisagreement d : r.disagreements()) {
            h.append("<p class=\"dis\">").append(Html.text(d.describe())).append("</p>\n");
        }
        h.append("<h2>Runs</h2>\n");
        for (BenchResult.MetricResult m : r.metrics()) {
            h.append("<h3>")
                    .append(Html.text(
                            m.metric().description() + " (" + m.metric().unit() + "), " + m.engine()))
                    .append("</h3>\n")
                    .append(strip(m))
                    .append('\n');
        }
        h.append("</body></html>\n");
        return h.toString();
    }

    /** A and B on one horizontal axis: a dot per run, a box from p10 to p90, a bar at the median. */
    static String strip(BenchResult.MetricResult m) {
        double lo = Math.min(m.summaryA().min(), m.summaryB().min());
        double max = Math.max(m.summaryA().max(), m.summaryB().max());
        // one value everywhere still needs an axis of some length
        double hi = max == lo ? lo + 1 : max;
        int height = 2 * ROW + 30;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\">");
        row(s, "A", "a", m.a(), lo, hi, 0);
        row(s, "B", "b", m.b(), lo, hi, 1);
        int axisY = 2 * ROW + 5;
        s.append(line(LEFT, axisY, WIDTH - RIGHT, axisY));
        s.append(label(LEFT, axisY + 18, m.metric().format(lo), "start"));
        s.append(label(
                WIDTH - RIGHT,
                axisY + 18,
                m.metric().format(max) + " " + m.metric().unit(),
                "end"));
        s.append("</svg>");
        return s.toString();
    }

    private static void row(StringBuilder s, String name, String cls, double[] v, double lo, double hi, int i) {
        int y = i * ROW + ROW / 2;
        s.append(label(10, y + 5, name, "start"));
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        double p10 = BenchStats.quantileSorted(sorted, 0.1);
        double p90 = BenchStats.quantileSorted(sorted, 0.9);
        double med = BenchStats.quantileSorted(sorted, 0.5);
        s.append(String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"none\" stroke=\"#999\"/>",
                x(p10, lo, hi),
                y - 10,
                Math.max(1, x(p90, lo, hi) - x(p10, lo, hi)),
                20));
        s.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" stroke-width=\"2\"/>",
                x(med, lo, hi),
                y - 12,
                x(med, lo, hi),
                y + 12));
        for (int k = 0; k < v.length; k++) {
            // a small vertical jitter by run index keeps equal values visible as several dots
            s.append(String.format(
                    Locale.ROOT,
                    "<circle class=\"%s\" cx=\"%.1f\" cy=\"%d\" r=\"4\""
                            + " fill-opacity=\"0.7\"><title>%s</title></circle>",
                    cls,
                    x(v[k], lo, hi),
                    y - 6 + (k % 4) * 4,
                    Html.text(name + " run " + (k + 1) + ": " + v[k])));
        }
    }

    private static double x(double v, double lo, double hi) {
        return LEFT + (v - lo) / (hi - lo) * (WIDTH - LEFT - RIGHT);
    }

    private static String line(int x1, int y1, int x2, int y2) {
        return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#666\"/>";
    }

    private static String label(int x, int y, String text, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" text-anchor=\"" + anchor + "\">"
                + Html.text(text) + "</text>";
    }
}
