package dev.zksim.model.lint;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.LoadedManifest;
import dev.zksim.model.manifest.ManifestProblem;
import dev.zksim.model.manifest.SourceMap;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a {@link LintRule} looks at: the loaded {@link EnsembleSpec} and the loader's {@link ManifestProblem}s. Also
 * builds {@link Finding}s with their lines from the spec's {@link SourceMap}, including findings about
 * {@code start-zookeeper} flags, which point at the flag's own line inside a multi-line command string.
 */
public final class LintContext {
    /** How far below the container's first line a flag is searched, so a search always ends. */
    private static final int MAX_FLAG_SEARCH_LINES = 500;
    /** How many containers are probed for the ZooKeeper container's index. */
    private static final int MAX_CONTAINERS = 64;

    private final EnsembleSpec spec;
    private final List<ManifestProblem> problems;
    private final String file;
    private final String containerPath;

    /**
     * @param spec the loaded manifest
     * @param problems what the loader found on the way (unknown fields, duplicate keys, ...)
     */
    public LintContext(EnsembleSpec spec, List<ManifestProblem> problems) {
        this.spec = Objects.requireNonNull(spec);
        this.problems = List.copyOf(problems);
        this.file = spec.source() == null ? "<manifest>" : spec.source().toString();
        this.containerPath = FindingPaths.POD_SPEC + ".containers[" + containerIndex(spec) + "]";
    }

    /** A context for a spec without loader problems (tests, specs built in code). */
    public static LintContext of(EnsembleSpec spec) {
        return new LintContext(spec, List.of());
    }

    /** A context for what {@link dev.zksim.model.manifest.ManifestLoader#load} returned. */
    public static LintContext of(LoadedManifest loaded) {
        return new LintContext(loaded.spec(), loaded.problems());
    }

    /**
     * The index of the ZooKeeper container among the pod template's containers: the loader takes the first container
     * that runs start-zookeeper, and container names are unique within a pod, so the index whose {@code name:} line
     * carries the container's name. 0 when the source map cannot tell (a single container, or a spec built in code).
     */
    private static int containerIndex(EnsembleSpec spec) {
        SourceMap map = spec.sourceMap();
        int doc = spec.statefulSet().documentIndex();
        String name = spec.statefulSet().template().container().name();
        for (int i = 0; i < MAX_CONTAINERS; i++) {
            String base = "/spec/template/spec/containers/" + i;
            if (map.exactLine(doc, base).isEmpty()) {
                break;
            }
            var nameLine = map.exactLine(doc, base + "/name");
            if (nameLine.isPresent()
                    && map.lineContaining(nameLine.get(), name, 1).isPresent()) {
                return i;
            }
        }
        return 0;
    }

    public EnsembleSpec spec() {
        return spec;
    }

    /** The loader's problems with the file, in file order. */
    public List<ManifestProblem> problems() {
        return problems;
    }

    /** The file name findings carry. */
    public String file() {
        return file;
    }

    /** The document index of the StatefulSet. */
    public int statefulSetDocument() {
        return spec.statefulSet().documentIndex();
    }

    /** The path of the ZooKeeper container: {@code spec.template.spec.containers[0]}. */
    public String containerPath() {
        return containerPath;
    }

    /** The line of {@code path} in document {@code documentIndex}, or of its nearest present ancestor; 0 if none. */
    public int line(int documentIndex, String path) {
        return spec.sourceMap()
                .line(documentIndex, FindingPaths.toPointer(path))
                .orElse(0);
    }

    /**
     * The line where {@code --name=} is written in the ZooKeeper container (its command or args, a multi-line
     * scalar or a list), searched from the container's first line up to the next YAML document; the command's line
     * when the flag is not written (its default applies) or the file text is not known.
     */
    public int flagLine(String name) {
        int doc = statefulSetDocument();
        int commandLine = line(doc, containerPath + ".command");
        int start = line(doc, containerPath);
        if (start <= 0) {
            return commandLine;
        }
        int limit = MAX_FLAG_SEARCH_LINES;
        OptionalInt nextDocument = spec.sourceMap().line(doc + 1, "");
        if (nextDocument.isPresent() && nextDocument.getAsInt() > start) {
            limit = Math.min(limit, nextDocument.getAsInt() - start);
        }
        return spec.sourceMap().lineContaining(start, "--" + name + "=", limit).orElse(commandLine);
    }

    /** A finding at {@code path} of document {@code documentIndex}. */
    public Finding finding(
            LintRule rule, Severity severity, int documentIndex, String path, String message, String fix) {
        return new Finding(rule.id(), severity, file, line(documentIndex, path), path, message, fix);
    }

    /** A finding at the rule's own severity. */
    public Finding finding(LintRule rule, int documentIndex, String path, String message, String fix) {
        return finding(rule, rule.severity(), documentIndex, path, message, fix);
    }

    /** A finding about the StatefulSet at {@code path}. */
    public Finding atStatefulSet(LintRule rule, Severity severity, String path, String message, String fix) {
        return finding(rule, severity, statefulSetDocument(), path, message, fix);
    }

    /** A finding about the {@code start-zookeeper} flag {@code --name}. */
    public Finding atFlag(LintRule rule, Severity severity, String name, String message, String fix) {
        return new Finding(
                rule.id(), severity, file, flagLine(name), containerPath + ".command --" + name, message, fix);
    }
}
