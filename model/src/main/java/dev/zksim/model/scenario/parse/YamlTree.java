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
 */
final class YamlTree {
    /** Deeper nesting than this is not a scenario; the bound keeps a hostile file from exhausting the stack. */
    private static final int MAX_DEPTH = 64;
    /**
     * {@code apply:} with nothing after it is null, not an empty string; "yes"/"on" stay strings (YAML 1.2 booleans
     * are only true/false).
     */
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .enable(YAMLParser.Feature.PARSE_BOOLEAN_LIKE_WORDS_AS_STRINGS)
            .build();

    private final String file;
    private final JsonParser parser;

    private YamlTree(String file, JsonParser parser) {
        this.file = file;
        this.parser = parser;
    }

    /** Parses {@code text} (the content of {@code file}); an empty document is an error. */
    static YNode parse(String file, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            YamlTree t = new YamlTree(file, p);
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new InvalidInputException(file, 1, null, "the file is empty; a scenario needs at least "
                        + "'name', 'manifest' and 'steps'.");
            }
            YNode root = t.node(first, 0);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new InvalidInputException(file, line(p.currentTokenLocation()), null,
                        "a second YAML document starts here; a scenario file holds exactly one document.");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new InvalidInputException(file, loc == null ? 0 : line(loc), null,
                    "this is not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("") + ".", e);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read the file: " + e.getMessage() + ".", e);
        }
    }

    private YNode node(JsonToken token, int depth) throws IOException {
        int line = line(parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(file, line, null, "nesting deeper than " + MAX_DEPTH + " levels.");
        }
        return switch (token) {
            case START_OBJECT -> mapping(line, depth);
            case START_ARRAY -> sequence(line, depth);
            case VALUE_NULL -> new YNode.Scalar(line, YNode.Kind.NULL, "");
            case VALUE_TRUE, VALUE_FALSE -> new YNode.Scalar(line, YNode.Kind.BOOL, parser.getText());
            case VALUE_NUMBER_INT -> new YNode.Scalar(line, YNode.Kind.INT, parser.getText());
            case VALUE_NUMBER_FLOAT -> new YNode.Scalar(line, YNode.Kind.FLOAT, parser.getText());
            case VALUE_STRING -> new YNode.Scalar(line, YNode.Kind.STRING, parser.getText());
            default -> throw new InvalidInputException(file, line, null, "unexpected YAML content (" + token + ").");
        };
    }

    private YNode mapping(int line, int depth) throws IOException {
        List<YNode.Entry> entries = new ArrayList<>();
        JsonToken t;
        while ((t = parser.nextToken()) != JsonToken.END_OBJECT) {
            String key = parser.currentName();
            int keyLine = line(parser.currentTokenLocation());
            for (YNode.Entry e : entries) {
                if (e.key().equals(key)) {
                    throw new InvalidInputException(file, keyLine, key, "this key appears twice in the same mapping "
                            + "(first on line " + e.keyLine() + "); YAML tools disagree on which one wins, so "
                            + "zksim refuses it. Remove one of them.");
                }
            }
            YNode value = node(parser.nextToken(), depth + 1);
            entries.add(new YNode.Entry(key, keyLine, value));
            if (t != JsonToken.FIELD_NAME) {
                throw new IllegalStateException("expected a field name, got " + t);
            }
        }
        return new YNode.Mapping(line, entries);
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
