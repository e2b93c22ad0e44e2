package dev.zksim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zksim.model.lint.Finding;
import dev.zksim.model.lint.LintReport;
import dev.zksim.model.lint.LintRule;
import dev.zksim.model.lint.Linter;
import dev.zksim.model.lint.Severity;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zksim lint MANIFEST... [--json] [--thorough]}: the static checks of docs/lint.md. Exit 0 when no finding is at
 * ERROR level, 1 when one is, 2 when a file cannot be read as a ZooKeeper manifest (nothing is printed to stdout then:
 * every file is loaded before any finding is reported).
 */
@Command(
        name = "lint",
        mixinStandardHelpOptions = true,
        description = {
            "Checks ZooKeeper-on-Kubernetes manifests for what breaks at run time: selectors that select"
                    + " nothing, disruption budgets that let a drain take quorum, replicas that disagree with"
                    + " --servers, data directories lost on restart, absurd timing. Rules and reasons: docs/lint.md.",
            "Exit codes: 0 no error-level finding, 1 an error-level finding, 2 unreadable input."
        })
public final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "MANIFEST", description = "Multi-document YAML manifest(s).")
    List<Path> manifests = new ArrayList<>();

    @Option(names = "--json", description = "Print the findings as JSON instead of text.")
    boolean json;

    @Option(
            names = "--thorough",
            description = "Also run the rules that fire on the tutorial manifest by design, because they point at a"
                    + " trade-off or a limitation rather than a mistake (readiness-probe-ruok, fixed-server-list).")
    boolean thorough;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Linter linter = thorough ? Linter.thorough() : Linter.standard();
        LintReport report = linter.lintFiles(manifests);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(report, linter));
        } else {
            printText(report, out);
        }
        out.flush();
        return report.hasErrors() ? Main.CHECK_FAILED : Main.OK;
    }

    /** One block per finding ({@code file:line: SEVERITY [rule] path}, the message, {@code fix:}), then the summary. */
    static void printText(LintReport report, PrintWriter out) {
        for (Finding f : report.findings()) {
            out.println(f.file() + (f.line() > 0 ? ":" + f.line() : "") + ": " + f.severity() + " [" + f.ruleId() + "] "
                    + f.path());
            out.println("  " + f.message());
            out.println("  fix: " + f.fix());
            out.println();
        }
        out.println(report.summary());
    }

    /**
     * {@code {"findings": [{rule, severity, file, line, path, message, fix, reference}], "summary": {errors,
     * warnings, info, files}}}, keys in that order.
     */
    static String toJson(LintReport report, Linter linter) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rule", f.ruleId());
            m.put("severity", f.severity().name());
            m.put("file", f.file());
            m.put("line", f.line());
            m.put("path", f.path());
            m.put("message", f.message());
            m.put("fix", f.fix());
            m.put("reference", linter.rule(f.ruleId()).map(LintRule::reference).orElse(""));
            findings.add(m);
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("errors", report.count(Severity.ERROR));
        summary.put("warnings", report.count(Severity.WARNING));
        summary.put("info", report.count(Severity.INFO));
        summary.put("files", report.files());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("findings", findings);
        root.put("summary", summary);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
