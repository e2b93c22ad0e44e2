package dev.zksim.model.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path to a node inside one YAML document, shown the way {@code kubectl explain} and the API server's
 * validation messages name fields ({@code spec.template.spec.containers[0].resources}) and convertible to the
 * RFC 6901 JSON pointer that {@link SourceMap} is keyed by ({@code /spec/template/spec/containers/0/resources}).
 *
 * <p>Keys that contain {@code .}, {@code /}, {@code [} or {@code "} are shown in brackets,
 * {@code metadata.labels["app.kubernetes.io/name"]}, so the display form parses back unambiguously.
 *
 * @param segments each a {@link String} key or an {@link Integer} list index, outermost first
 */
public record YamlPath(List<Object> segments) {
    private static final YamlPath ROOT = new YamlPath(List.of());
    private static final Pattern PLAIN_KEY = Pattern.compile("[^.\\[\\]/\"]+");

    public YamlPath {
        segments = List.copyOf(segments);
        for (Object s : segments) {
            if (!(s instanceof String) && !(s instanceof Integer)) {
                throw new IllegalArgumentException("a segment is a String key or an Integer index: " + s);
            }
        }
    }

    /** The document itself. */
    public static YamlPath root() {
        return ROOT;
    }

    /** Parses the display form: {@code spec.template.spec.containers[0].command}, {@code metadata.labels["a.b/c"]}. */
    public static YamlPath parse(String display) {
        List<Object> out = new ArrayList<>();
        int i = 0;
        int n = display.length();
        while (i < n) {
            char c = display.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = display.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed [ in " + display);
                }
                String inside = display.substring(i + 1, close);
                if (inside.startsWith("\"")) {
                    close = display.indexOf("\"]", i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed [\" in " + display);
                    }
                    out.add(display.substring(i + 2, close));
                    i = close + 2;
                } else {
                    out.add(Integer.parseInt(inside));
                    i = close + 1;
                }
            } else {
                int end = i;
                while (end < n && display.charAt(end) != '.' && display.charAt(end) != '[') {
                    end++;
                }
                out.add(display.substring(i, end));
                i = end;
            }
        }
        return new YamlPath(out);
    }

    /** The path of a mapping entry below this node. */
    public YamlPath key(String key) {
        List<Object> s = new ArrayList<>(segments);
        s.add(key);
        return new YamlPath(s);
    }

    /** The path of a list element below this node. */
    public YamlPath index(int index) {
        List<Object> s = new ArrayList<>(segments);
        s.add(index);
        return new YamlPath(s);
    }

    /** The enclosing node's path (the root's parent is the root). */
    public YamlPath parent() {
        return segments.isEmpty() ? this : new YamlPath(segments.subList(0, segments.size() - 1));
    }

    /** The RFC 6901 JSON pointer: {@code ""} for the root, {@code /spec/ports/0/name} otherwise. */
    public String pointer() {
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            sb.append('/').append(s.toString().replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /** The display form; the root is shown as {@code (document)}. */
    @Override
    public String toString() {
        if (segments.isEmpty()) {
            return "(document)";
        }
        StringBuilder sb = new StringBuilder();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else if (PLAIN_KEY.matcher((String) s).matches()) {
                sb.append(sb.length() == 0 ? "" : ".").append(s);
            } else {
                sb.append("[\"").append(s).append("\"]");
            }
        }
        return sb.toString();
    }
}
