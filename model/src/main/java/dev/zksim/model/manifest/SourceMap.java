package dev.zksim.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Where each node of a multi-document YAML file starts: (document index, JSON pointer) to 1-based line.
 * Used to point findings and errors at a line. Lookups fall back to the nearest ancestor that is present.
 *
 * <p>The loader records every mapping key at the line of the key and every list element at the line of its
 * first token; document indexes count every YAML document of the file from 0, empty ones included. The map
 * also keeps the file's text lines so a finding can point into a multi-line scalar (a flag inside the
 * {@code sh -c "start-zookeeper ..."} string) with {@link #lineContaining}.
 */
public final class SourceMap {
    private final Map<String, Integer> lines;
    private final List<String> text;

    public SourceMap(Map<String, Integer> lines) {
        this(lines, List.of());
    }

    /**
     * @param lines {@code "<documentIndex>#<pointer>"} to line, as {@link #put} writes them
     * @param text the file's lines, in order (may be empty when unknown)
     */
    public SourceMap(Map<String, Integer> lines, List<String> text) {
        this.lines = java.util.Collections.unmodifiableMap(new TreeMap<>(lines));
        this.text = List.copyOf(text);
    }

    public static SourceMap empty() {
        return new SourceMap(Map.of());
    }

    static String key(int documentIndex, String pointer) {
        return documentIndex + "#" + pointer;
    }

    /** Records a node; used by the loader. The first record of a node wins. */
    public static void put(Map<String, Integer> into, int documentIndex, String pointer, int line) {
        into.putIfAbsent(key(documentIndex, pointer), line);
    }

    /** The line of {@code pointer} (e.g. {@code /spec/template/spec/affinity}) or of its nearest present ancestor. */
    public OptionalInt line(int documentIndex, String pointer) {
        String p = pointer;
        while (true) {
            Integer l = lines.get(key(documentIndex, p));
            if (l != null) {
                return OptionalInt.of(l);
            }
            if (p.isEmpty()) {
                return OptionalInt.empty();
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** The line of {@code path} or of its nearest present ancestor. */
    public OptionalInt line(int documentIndex, YamlPath path) {
        return line(documentIndex, path.pointer());
    }

    /** Like {@link #line(int, YamlPath)}, with 0 for "unknown" (the convention of InvalidInputException). */
    public int lineOrZero(int documentIndex, YamlPath path) {
        return line(documentIndex, path).orElse(0);
    }

    /** The exact line of {@code pointer}, if that node is present in the file. */
    public Optional<Integer> exactLine(int documentIndex, String pointer) {
        return Optional.ofNullable(lines.get(key(documentIndex, pointer)));
    }

    /**
     * The first line at or after {@code fromLine} (1-based) whose text contains {@code needle}, looking at most
     * {@code maxLines} lines ahead; for pointing into multi-line scalars. Empty when the text is not known.
     */
    public OptionalInt lineContaining(int fromLine, String needle, int maxLines) {
        int end = Math.min(text.size(), fromLine - 1 + maxLines);
        for (int i = Math.max(0, fromLine - 1); i < end; i++) {
            if (text.get(i).contains(needle)) {
                return OptionalInt.of(i + 1);
            }
        }
        return OptionalInt.empty();
    }

    /** Value equality: same nodes on the same lines, same text (so two loads of one file give equal specs). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SourceMap m && lines.equals(m.lines) && text.equals(m.text);
    }

    @Override
    public int hashCode() {
        return lines.hashCode() * 31 + text.hashCode();
    }

    @Override
    public String toString() {
        return "SourceMap[" + lines.size() + " nodes, " + text.size() + " lines]";
    }

    /** The number of text lines known. */
    public int lineCount() {
        return text.size();
    }
}
