package dev.zksim.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal output of {@code zksim bench}: what was compared, then per metric one row per engine with A's and B's
 * median, p90 and range, the difference of medians with its 95% interval and the verdict, then the lines where the
 * model and the real servers disagree.
 */
public final class BenchTable {
    private BenchTable() {}

    public static void print(BenchResult r, PrintWriter out) {
        out.println("workload  " + r.workload());
        out.println("A         " + r.baseline().label());
        out.println("B         " + r.candidate().label());
        out.println("runs      " + r.runsPerSide() + " per side and engine, interleaved A B A B ..., after one"
                + " warm-up pair; engines " + String.join(", ", r.engines()) + "; seed " + r.seed());
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {
            "metric",
            "engine",
            "A median",
            "A p90",
            "A min..max",
            "B median",
            "B p90",
            "B min..max",
            "B-A (95% CI)",
            "verdict"
        });
        String last = "";
        for (BenchResult.MetricResult m : r.metrics()) {
            BenchMetric x = m.metric();
            String name = x.description() + " (" + x.unit() + ")";
            rows.add(new String[] {
                name.equals(last) ? "" : name,
                m.engine(),
                x.format(m.summaryA().median()),
                x.format(m.summaryA().p90()),
                x.format(m.summaryA().min()) + ".." + x.format(m.summaryA().max()),
                x.format(m.summaryB().median()),
                x.format(m.summaryB().p90()),
                x.format(m.summaryB().min()) + ".." + x.format(m.summaryB().max()),
                signed(x, m.difference().diff()) + " ("
                        + x.format(m.difference().low()) + ".."
                        + x.format(m.difference().high()) + ")",
                m.verdict().text()
            });
            last = name;
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                boolean number = i >= 2 && i <= 7;
                String cell = number ? pad(row[i], widths[i], true) : pad(row[i], widths[i], false);
                line.append(i == row.length - 1 ? row[i] : cell).append(i == row.length - 1 ? "" : "  ");
            }
            out.println(line.toString().stripTrailing());
        }
        if (r.engines().size() > 1) {
            out.println();
            if (r.disagreements().isEmpty()) {
                out.println("model and real agree within " + (int) (BenchResult.DISAGREEMENT * 100)
                        + "% on every metric (medians)");
            } else {
                r.disagreements().forEach(d -> out.println(d.describe()));
            }
        }
        out.flush();
    }

    private static String signed(BenchMetric m, double v) {
        return (v > 0 ? "+" : "") + m.format(v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
