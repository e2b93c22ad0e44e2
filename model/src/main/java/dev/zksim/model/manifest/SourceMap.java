package dev.zksim.model.manifest;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Where each node of a multi-document YAML file starts: (document index, JSON pointer) to 1-based line.
 * Used to point findings and errors at a line. Lookups fall back to the nearest ancestor that is present.
 */
public final class SourceMap {
    private final Map<String, Integer> lines;

    public SourceMap(Map<String, Integer> lines) {
        this.lines = java.util.Collections.unmodifiableMap(new TreeMap<>(lines));
    }

    public static SourceMap empty() {
        return new SourceMap(Map.of());
    }

    private static String key(int documentIndex, String pointer) {
        return documentIndex + "#" + pointer;
    }

    /** Records a node; used by the loader. */
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

    /** The exact line of {@code pointer}, if that node is present in the file. */
    public Optional<Integer> exactLine(int documentIndex, String pointer) {
        return Optional.ofNullable(lines.get(key(documentIndex, pointer)));
    }
}
