package dev.zksim.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Renders {@link ReportData} as one HTML document: header with the overall verdict, legend and timeline, steps,
 * expectations, measured facts and log links. Pure: equal data give equal strings, with {@code \n} line ends; no
 * clock, no locale, no hash order. The markup is also well-formed XML (void elements self-closed), which lets tests
 * parse it strictly.
 */
final class ReportPage {
    /** Begins a tag written into every report; {@link HtmlReport} recognises its own pages by it (any version). */
    static final String GENERATOR_MARK = "<meta name=\"generator\" content=\"zksim report";

    private static final String GENERATOR = GENERATOR_MARK + "\"/>";

    private static final String CSS = """
            :root{color-scheme:light}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            color:#1f2328;background:#fff;margin:0}
            main{max-width:1320px;margin:0 auto;padding:18px 24px 40px}
            h1{font-size:22px;margin:0 8px 4px 0;display:inline-block}
            h2{font-size:16px;margin:0 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}
            section{margin-top:26px}
            .badge{display:inline-block;padding:0 9px;border-radius:10px;font-size:11.5px;font-weight:600;\
            text-transform:uppercase;letter-spacing:.03em;line-height:17px}
            header .badge{vertical-align:4px}
            .passed,.held{background:#dafbe1;color:#116329}
            .failed{background:#ffebe9;color:#a40e26}
            .skipped{background:#eaeef2;color:#57606a}
            .done{background:#ddf4ff;color:#0a3069}
            .counts{color:#57606a;margin-left:6px;vertical-align:4px}
            dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:10px 0 0}
            dl.meta dt{color:#57606a}
            dl.meta dd{margin:0}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            table{border-collapse:collapse;width:100%;font-size:13px}
            table.narrow{width:auto;min-width:50%}
            th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
            th{background:#f6f8fa;font-weight:600;white-space:nowrap}
            th.num,td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            td.detail{white-space:pre-wrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;\
            font-size:12px;color:#424a53}
            tr.failed td{background:#fff5f5}
            .stepno{display:inline-block;min-width:12px;padding:0 5px;border-radius:8px;background:#37474f;color:#fff;\
            font-size:11px;text-align:center;line-height:16px}
            .stepno.failed{background:#c62828;color:#fff}
            .legend{display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px;margin:0 0 8px;color:#424a53}
            .sw{display:inline-block;width:16px;height:10px;vertical-align:-1px;margin-right:5px;border-radius:2px}
            .sw.no-quorum{background:repeating-linear-gradient(45deg,#e7a3a3 0 2px,#fbe9e9 2px 5px)}
            .sw.restart{width:0;height:0;border-radius:0;border-left:5px solid transparent;\
            border-right:5px solid transparent;border-top:8px solid #7a1010;background:none}
            .frame{border:1px solid #d0d7de;border-radius:6px;padding:8px 8px 2px;overflow-x:auto}
            svg.timeline{display:block;min-width:960px}
            svg.timeline text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
            svg .pod{font-weight:600;fill:#1f2328}
            svg .aux{font-style:italic;fill:#57606a}
            svg .empty{fill:#57606a;font-style:italic}
            svg g.span:hover rect,svg g.leader:hover rect,svg g.writable:hover rect,svg g.gap:hover rect\
            {stroke:#1f2328;stroke-width:1.5}
            svg g.step:hover line{stroke-width:2}
            .note{color:#57606a;font-size:12px;margin:6px 0 0}
            ul.logs{margin:0;padding-left:20px;columns:3}
            footer{margin-top:30px;color:#57606a;font-size:12px}
            """;

    private final ReportData data;
    private final StringBuilder out = new StringBuilder(32_768);

    private ReportPage(ReportData data) {
        this.data = data;
    }

    static String render(ReportData data) {
        return new ReportPage(data).page();
    }

    private String page() {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append(GENERATOR)
                .append('\n')
                // No network, no scripts: the page must open from a copied directory, offline, and show only text.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>")
                .append(t("zksim · " + data.title() + " · " + data.engine()))
                .append("</title>\n")
                .append("<style>\n")
                .append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        header();
        timeline();
        steps();
        verdicts();
        facts();
        logs();
        out.append("<footer>Written by zksim. Times are ")
                .append(t(timeNote()))
                .append(" since the run began. Hover a bar or a step marker for its details.</footer>\n");
        out.append("</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static String t(String s) {
        return Html.text(s);
    }

    private String timeNote() {
        return data.timeUnitNote().isBlank()
                ? (ReportData.MODEL.equals(data.engine()) ? "virtual time" : "wall time")
                : data.timeUnitNote();
    }

    private void header() {
        out.append("<header>\n<h1>").append(t(data.title())).append("</h1>");
        boolean passed = data.passed();
        out.append("<span class=\"badge ")
                .append(passed ? "passed" : "failed")
                .append("\">")
                .append(passed ? "passed" : "failed")
                .append("</span>");
        out.append("<span class=\"counts\">")
                .append(data.count(VerdictRow.HELD))
                .append(" held · ")
                .append(data.count(VerdictRow.FAILED))
                .append(" failed · ")
                .append(data.count(VerdictRow.SKIPPED))
                .append(" skipped</span>\n");
        out.append("<dl class=\"meta\">\n");
        meta("scenario", "<code>" + t(data.scenarioFile()) + "</code>");
        meta("engine", "<strong>" + t(data.engine()) + "</strong> — " + t(timeNote()));
        meta("seed", "<code>" + data.seed() + "</code>");
        meta("duration", t(TimeAxis.duration(data.endMs())));
        meta("pods", Integer.toString(data.lanes().size()));
        out.append("</dl>\n</header>\n");
    }

    private void meta(String name, String html) {
        out.append("<dt>").append(name).append("</dt><dd>").append(html).append("</dd>\n");
    }

    private void timeline() {
        out.append("<section id=\"timeline\">\n<h2>Timeline</h2>\n<div class=\"legend\">");
        TreeSet<String> others = new TreeSet<>();
        data.lanes().forEach(l -> l.spans().forEach(s -> {
            if (!StatusStyle.KNOWN.contains(s.status())) {
                others.add(s.status());
            }
        }));
        for (String status : StatusStyle.KNOWN) {
            swatch(StatusStyle.of(status).fill(), "", status);
        }
        if (!others.isEmpty()) {
            swatch(StatusStyle.OTHER.fill(), "", String.join(", ", others));
        }
        swatch("#7cc395", "", "writes OK");
        swatch("", "no-quorum", "no quorum");
        swatch("", "restart", "restart");
        out.append("<span><span class=\"stepno\">n</span> step n</span>");
        out.append("</div>\n<div class=\"frame\">\n")
                .append(TimelineSvg.render(data))
                .append("</div>\n");
        out.append("<p class=\"note\">Pod bars name the node the pod runs on (or its status while unscheduled);"
                + " gaps in a pod lane are times the pod did not exist. The writes band shows when a write could be"
                + " acknowledged; \"no quorum\" marks when it could not.</p>\n");
        out.append("</section>\n");
    }

    private void swatch(String colour, String cssClass, String label) {
        out.append("<span><span class=\"sw")
                .append(cssClass.isEmpty() ? "" : " " + cssClass)
                .append('"');
        if (!colour.isEmpty()) {
            out.append(" style=\"background:").append(colour).append('"');
        }
        out.append("></span>").append(t(label)).append("</span>");
    }

    private List<StepMarker> sortedSteps() {
        List<StepMarker> steps = new ArrayList<>(data.steps());
        steps.sort(Comparator.comparingInt(StepMarker::index));
        return steps;
    }

    private List<VerdictRow> verdictsOf(int step) {
        return data.verdicts().stream().filter(v -> v.stepIndex() == step).toList();
    }

    private void steps() {
        out.append("<section id=\"steps\">\n<h2>Steps</h2>\n");
        if (data.steps().isEmpty()) {
            out.append("<p>The scenario has no steps.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th>#</th><th class=\"num\">at</th><th class=\"num\">line</th>"
                + "<th>step</th><th>outcome</th></tr></thead>"
                + "\n<tbody>\n");
        for (StepMarker s : sortedSteps()) {
            List<VerdictRow> vs = verdictsOf(s.index());
            boolean failed = vs.stream().anyMatch(VerdictRow::failed);
            out.append(failed ? "<tr class=\"failed\">" : "<tr>")
                    .append("<td><span class=\"stepno")
                    .append(failed ? " failed" : "")
                    .append("\">")
                    .append(s.index())
                    .append("</span></td>")
                    .append("<td class=\"num\">")
                    .append(t(TimeAxis.duration(s.atMs())))
                    .append("</td>")
                    .append("<td class=\"num\">")
                    .append(s.line() > 0 ? Integer.toString(s.line()) : "")
                    .append("</td><td><code>")
                    .append(t(s.text()))
                    .append("</code></td><td>");
            for (String outcome :
                    new TreeSet<>(vs.stream().map(VerdictRow::outcome).toList())) {
                badge(outcome);
            }
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void badge(String outcome) {
        out.append("<span class=\"badge ")
                .append(outcome)
                .append("\">")
                .append(outcome)
                .append("</span> ");
    }

    private void verdicts() {
        out.append("<section id=\"verdicts\">\n<h2>Expectations</h2>\n");
        if (data.verdicts().isEmpty()) {
            out.append("<p>The scenario states no expectations.</p>\n</section>\n");
            return;
        }
        out.append("<table>\n<thead><tr><th class=\"num\">step</th><th class=\"num\">line</th>"
                + "<th>expectation</th><th>outcome</th>"
                + "<th>detail</th></tr></thead>\n<tbody>\n");
        List<VerdictRow> sorted = new ArrayList<>(data.verdicts());
        sorted.sort(Comparator.comparingInt(VerdictRow::stepIndex));
        for (VerdictRow v : sorted) {
            out.append(v.failed() ? "<tr class=\"failed\">" : "<tr>")
                    .append("<td class=\"num\">")
                    .append(v.stepIndex())
                    .append("</td><td class=\"num\">")
                    .append(v.line() > 0 ? Integer.toString(v.line()) : "")
                    .append("</td><td><code>")
                    .append(t(v.text()))
                    .append("</code></td><td>");
            badge(v.outcome());
            out.append("</td><td class=\"detail\">").append(t(v.detail())).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void facts() {
        out.append("<section id=\"facts\">\n<h2>Measured</h2>\n");
        if (data.facts().isEmpty()) {
            out.append("<p>This engine measured nothing beyond the timeline.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"narrow\">\n<thead><tr><th>what</th><th>value</th></tr></thead>\n<tbody>\n");
        for (Fact f : data.facts()) {
            out.append("<tr><td>")
                    .append(t(f.name()))
                    .append("</td><td class=\"mono\">")
                    .append(t(f.value()))
                    .append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    private void logs() {
        out.append("<section id=\"logs\">\n<h2>Logs</h2>\n");
        if (data.logs().isEmpty()) {
            out.append("<p>No per-pod logs were written for this run.</p>\n</section>\n");
            return;
        }
        out.append("<ul class=\"logs\">\n");
        for (LogLink l : data.logs()) {
            out.append("<li><a href=\"")
                    .append(t(Html.href(l.relativePath())))
                    .append("\">")
                    .append(t(l.pod()))
                    .append("</a> <span class=\"mono\">")
                    .append(t(l.relativePath()))
                    .append("</span></li>\n");
        }
        out.append("</ul>\n</section>\n");
    }
}
