package dev.zksim.model.scenario.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.zksim.model.InvalidInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one YAML document into a {@link YNode} tree that remembers lines, using Jackson's streaming parser (its token
 * locations carry the line). Refuses duplicate keys and more than one document, both of which YAML tools disagree on.
 *
 * <p>Anchors, aliases and merge keys are resolved as kubectl resolves them (its YAML reader, go-yaml, expands
 * {@code *x} to the node anchored {@code &x} and merges {@code <<: *x} mappings, keys written in the mapping winning).
 * Jackson's streaming parser only reports an alias as the anchor's name, which would silently turn
 * {@code pod: *victim} into the pod "victim"; the tree builder looks the anchor up instead. An alias to an anchor not
 * defined before it is an error, and so are more than {@value #MAX_COLLECTION_ALIASES} aliases to mappings or lists
 * (the bound go-yaml and SnakeYAML also put on "billion laughs" documents).
 */
final class YamlTree {
    /** Deeper nesting than this is not a scenario; the bound keeps a hostile file from exhausting the stack. */
    private static final int MAX_DEPTH = 64;
    /** More aliases of mappings or lists than this is an expansion bomb, not a scenario. */
    static final int MAX_COLLECTION_ALIASES = 100;
    /** The YAML merge key (yaml.org/type/merge.html). */
    private static final String MERGE_KEY = "<<";
    /**
     * {@code apply:} with nothing after it is null, not an empty string; "yes"/"on" stay strings (YAML 1.2 booleans
     * are only true/false).
     */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    /** A node's properties as written at its start: an optional tag, then the anchor. */
    private static final java.util.regex.Pattern ANCHOR =
            java.util.regex.Pattern.compile("(?:![^\\s]*\\s+)?&([^\\s,\\[\\]{}]+)");

    private final String file;
    private final String text;
    private final JsonParser parser;
    /** Anchor name → the node it anchors, as defined so far (a later anchor of the same name replaces it). */
    private final java.util.Map<String, YNode> anchors = new java.util.HashMap<>();

    private int collectionAliases;

    private YamlTree(String file, String text, JsonParser parser) {
        this.file = file;
        this.text = text;
        this.parser = parser;
    }

    /** Parses {@code text} (the content of {@code file}); an empty document is an error. */
    static YNode parse(String file, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            YamlTree t = new YamlTree(file, text, p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException(
                        file,
                        1,
                        null,
                        "the file is empty; a scenario needs at least " + "'name', 'manifest' and 'steps'.");
            }
            YNode root = t.node(first, 0);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new InvalidInputException(
                        file,
                        line(p.currentTokenLocation()),
                        null,
                        "a second YAML document starts here; a scenario file holds exactly one document.");
            }
            return root;
        } catch (JsonProcessingException e) {
            // SnakeYAML's own exception knows the line of the problem and its reason ("found character '\t(TAB)'
            // that cannot start any token"); Jackson's location and first message line are its context, which for a
            // tab in the indentation is the line before and only "while scanning for the next token".
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m
                    && m.getProblemMark() != null
                    && m.getProblem() != null) {
                // A problem at the end of the stream sits after the last newline: report the last line instead.
                int line = (int) Math.min(
                        m.getProblemMark().getLine() + 1,
                        Math.max(1, text.lines().count()));
                throw new InvalidInputException(
                        file, line, null, "this is not valid YAML: " + oneLine(m.getProblem()) + contextOf(m) + ".", e);
            }
            JsonLocation loc = e.getLocation();
            throw new InvalidInputException(
                    file,
                    loc == null ? 0 : line(loc),
                    null,
                    "this is not valid YAML: "
                            + e.getOriginalMessage().lines().findFirst().orElse("") + ".",
                    e);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read the file: " + e.getMessage() + ".", e);
        }
    }

    /** SnakeYAML's reason on one line, without a trailing period (the message adds its own). */
    private static String oneLine(String problem) {
        String s = problem.replace("\t", "\\t").replaceAll("\\s+", " ").strip();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** " (while scanning ... on line 5)" when SnakeYAML names a context on another line. */
    private static String contextOf(org.yaml.snakeyaml.error.MarkedYAMLException m) {
        if (m.getContext() == null
                || m.getContextMark() == null
                || m.getContextMark().getLine() == m.getProblemMark().getLine()) {
            return "";
        }
        return " (" + oneLine(m.getContext()) + " started on line "
                + (m.getContextMark().getLine() + 1) + ")";
    }

    private YNode node(JsonToken token, int depth) throws IOException {
        int line = line(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(file, line, null, "nesting deeper than " + MAX_DEPTH + " levels.");
        }
        YAMLParser yaml = (YAMLParser) parser;
        if (yaml.isCurrentAlias()) {
            return alias(parser.getText(), line);
        }
        Object anchor = token.isScalarValue() ? scalarAnchor() : yaml.getObjectId();
        YNode node = build(token, line, depth);
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
        return node;
    }

    /**
     * The anchor of the scalar just read. Jackson reports anchors of mappings and lists but drops those of scalars;
     * a scalar's location is the start of its node, properties included, so the anchor is read from the text there.
     */
    private String scalarAnchor() {
        long offset = parser.currentTokenLocation().getCharOffset();
        if (offset < 0 || offset >= text.length()) {
            return null;
        }
        java.util.regex.Matcher m = ANCHOR.matcher(text).region((int) offset, text.length());
        return m.lookingAt() ? m.group(1) : null;
    }

    /** {@code *name}: the node anchored {@code &name} before it; a scalar takes the alias's line. */
    private YNode alias(String name, int line) {
        YNode target = anchors.get(name);
        if (target == null) {
            throw new InvalidInputException(
                    file,
                    line,
                    null,
                    "the alias *" + name + " refers to no anchor: define " + "'&" + name
                            + "' on a value before this line (YAML aliases only refer back).");
        }
        if (target instanceof YNode.Scalar s) {
            return new YNode.Scalar(line, s.kind(), s.text());
        }
        if (++collectionAliases > MAX_COLLECTION_ALIASES) {
            throw new InvalidInputException(
                    file,
                    line,
                    null,
                    "more than " + MAX_COLLECTION_ALIASES + " aliases "
                            + "of mappings or lists; a scenario does not need that many (and it could expand without"
                            + " bound).");
        }
        return target;
    }

    private YNode build(JsonToken token, int line, int depth) throws IOException {
        return switch (token) {
            case START_OBJECT -> mapping(line, depth);
            case START_ARRAY -> sequence(line, depth);
            case VALUE_NULL -> new YNode.Scalar(line, YNode.ScalarKind.NULL, "");
            case VALUE_TRUE, VALUE_FALSE -> new YNode.Scalar(line, YNode.ScalarKind.BOOL, parser.getText());
            case VALUE_NUMBER_INT -> new YNode.Scalar(line, YNode.ScalarKind.INT, parser.getText());
            case VALUE_NUMBER_FLOAT -> new YNode.Scalar(line, YNode.ScalarKind.FLOAT, parser.getText());
            case VALUE_STRING -> new YNode.Scalar(line, YNode.ScalarKind.STRING, parser.getText());
            default -> throw new InvalidInputException(file, line, null, "unexpected YAML content (" + token + ").");
        };
    }

    private YNode mapping(int line, int depth) throws IOException {
        List<YNode.MappingEntry> entries = new ArrayList<>();
        List<YNode.MappingEntry> merged = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (t != JsonToken.FIELD_NAME) {
                throw new IllegalStateException("expected a field name, got " + t);
            }
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            for (YNode.MappingEntry e : entries) {
                if (e.key().equals(key)) {
                    throw new InvalidInputException(
                            file,
                            keyLine,
                            key,
                            "this key appears twice in the same mapping "
                                    + "(first on line " + e.keyLine() + "); YAML tools disagree on which one wins, so "
                                    + "zksim refuses it. Remove one of them.");
                }
            }
            YNode value = node(parser.nextToken(), depth + 1);
            if (key.equals(MERGE_KEY)) {
                merged.addAll(mergeSources(value, keyLine));
            } else {
                entries.add(new YNode.MappingEntry(key, keyLine, value));
            }
        }
        // Keys written in the mapping win over merged ones; of several merged mappings the first wins.
        for (YNode.MappingEntry m : merged) {
            if (entries.stream().noneMatch(e -> e.key().equals(m.key()))) {
                entries.add(m);
            }
        }
        return new YNode.Mapping(line, entries);
    }

    /** The entries {@code <<: *x} or {@code <<: [*x, *y]} merges in. */
    private List<YNode.MappingEntry> mergeSources(YNode value, int keyLine) {
        List<YNode> sources = value instanceof YNode.Sequence seq ? seq.items() : List.of(value);
        List<YNode.MappingEntry> out = new ArrayList<>();
        for (YNode s : sources) {
            if (!(s instanceof YNode.Mapping m)) {
                throw new InvalidInputException(
                        file,
                        keyLine,
                        MERGE_KEY,
                        "a merge key '<<' takes a mapping or a list "
                                + "of mappings (usually aliases such as <<: *defaults); found " + s.describe() + ".");
            }
            out.addAll(m.entries());
        }
        return out;
    }

    private YNode sequence(int line, int depth) throws IOException {
        List<YNode> items = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
            items.add(node(t, depth + 1));
        }
        return new YNode.Sequence(line, items);
    }

    private static int line(JsonLocation loc) {
        return Math.max(0, loc.getLineNr());
    }
}
