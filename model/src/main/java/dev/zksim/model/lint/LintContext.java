package dev.zksim.model.lint;

import dev.zksim.model.manifest.EnsembleSpec;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link LintRule} looks at: the loaded {@link EnsembleSpec} and, when available, the text of the file it
 * came from (to point findings about {@code start-zookeeper} flags at the flag's own line inside a multi-line
 * command string, which the YAML source map cannot see). Also builds {@link Finding}s with their lines.
 */
public final class LintContext {
    /** How far below the container's first line a flag is searched, so a search always ends. */
    private static final int MAX_FLAG_SEARCH_LINES = 500;

    private final EnsembleSpec spec;
    private final String file;
    private final List<String> sourceLines;

    /**
     * @param spec the loaded manifest
     * @param sourceLines the file's lines (may be empty: flag findings then point at the command)
     */
    public LintContext(EnsembleSpec spec, List<String> sourceLines) {
        this.spec = Objects.requireNonNull(spec);
        this.file = spec.source() == null ? "<manifest>" : spec.source().toString();
        this.sourceLines = List.copyOf(sourceLines);
    }

    /** A context without the file's text. */
    public static LintContext of(EnsembleSpec spec) {
        return new LintContext(spec, List.of());
    }

    public EnsembleSpec spec() {
        return spec;
    }

    /** The file name findings carry. */
    public String file() {
        return file;
    }

    /** The document index of the StatefulSet. */
    public int statefulSetDocument() {
        return spec.statefulSet().documentIndex();
    }

    /** The line of {@code path} in document {@code documentIndex}, or of its nearest present ancestor; 0 if none. */
    public int line(int documentIndex, String path) {
        return spec.sourceMap().line(documentIndex, YamlPath.toPointer(path)).orElse(0);
    }

    /**
     * The line where {@code --name} appears in the ZooKeeper container's command, searched in the file text from
     * the container's first line to the end of the YAML document; the command's line when the flag is not written
     * (a default applies) or the text is not available.
     */
    public int flagLine(String name) {
        int doc = statefulSetDocument();
        int commandLine = line(doc, YamlPath.COMMAND);
        int start = line(doc, YamlPath.CONTAINER);
        if (sourceLines.isEmpty() || start <= 0) {
            return commandLine;
        }
        Pattern flag = Pattern.compile("(^|[\\s\"'\\[,])--" + Pattern.quote(name) + "([=\\s\"'\\\\,\\]]|$)");
        int end = Math.min(sourceLines.size(), start - 1 + MAX_FLAG_SEARCH_LINES);
        for (int i = start - 1; i < end; i++) {
            String text = sourceLines.get(i);
            if (i > start - 1 && text.startsWith("---")) {
                break;
            }
            if (flag.matcher(text).find()) {
                return i + 1;
            }
        }
        return commandLine;
    }

    /** A finding at the rule's own severity. */
    public Finding finding(LintRule rule, int documentIndex, String path, String message, String fix) {
        return finding(rule, rule.severity(), documentIndex, path, message, fix);
    }

    /** A finding at {@code path} of document {@code documentIndex}. */
    public Finding finding(LintRule rule, Severity severity, int documentIndex, String path, String message,
                           String fix) {
        return new Finding(rule.id(), severity, file, line(documentIndex, path), path, message, fix);
    }

    /** A finding about the StatefulSet at {@code path}. */
    public Finding atStatefulSet(LintRule rule, Severity severity, String path, String message, String fix) {
        return finding(rule, severity, statefulSetDocument(), path, message, fix);
    }

    /** A finding about the {@code start-zookeeper} flag {@code --name}. */
    public Finding atFlag(LintRule rule, Severity severity, String name, String message, String fix) {
        return new Finding(rule.id(), severity, file, flagLine(name), YamlPath.flag(name), message, fix);
    }
}
