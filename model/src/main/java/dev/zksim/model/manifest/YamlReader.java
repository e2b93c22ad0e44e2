package dev.zksim.model.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zksim.model.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One streaming pass over a multi-document YAML file with Jackson's YAML parser: builds each document's tree, notes
 * the line of every node (the {@link SourceMap}) and catches duplicate keys, which a tree-building parser would
 * silently collapse (last wins) and which kubectl's strict field validation rejects.
 */
final class YamlReader {

    /** One YAML document; {@code root} is a null node for an empty document (only comments or nothing). */
    record Document(int index, int line, JsonNode root) {}

    /** Everything the pass produced. */
    record Result(List<Document> documents, SourceMap sourceMap, List<ManifestProblem> problems) {}

    private final String file;
    private final TreeMap<String, Integer> lines = new TreeMap<>();
    private final List<ManifestProblem> problems = new ArrayList<>();

    private YamlReader(String file) {
        this.file = file;
    }

    /**
     * Reads {@code text}; {@code file} only names the input in messages.
     *
     * @throws InvalidInputException on a YAML syntax error, with the line SnakeYAML reports
     */
    static Result read(YAMLFactory factory, String file, String text) {
        YamlReader reader = new YamlReader(file);
        List<Document> docs = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            int index = 0;
            while (p.nextToken() != null) {
                int line = p.currentTokenLocation().getLineNr();
                docs.add(new Document(index, line, reader.value(p, index, YamlPath.root())));
                index++;
            }
        } catch (StreamReadException e) {
            throw reader.syntaxError(e);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read the YAML: " + e.getMessage(), e);
        }
        List<String> textLines = text.lines().toList();
        return new Result(docs, new SourceMap(reader.lines, textLines), reader.problems);
    }

    private JsonNode value(JsonParser p, int doc, YamlPath path) throws IOException {
        JsonToken t = p.currentToken();
        lines.putIfAbsent(SourceMap.key(doc, path.pointer()), p.currentTokenLocation().getLineNr());
        switch (t) {
            case START_OBJECT: {
                ObjectNode obj = JsonNodeFactory.instance.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    YamlPath child = path.key(name);
                    if (obj.has(name)) {
                        int firstLine = lines.getOrDefault(SourceMap.key(doc, child.pointer()), 0);
                        problems.add(new ManifestProblem(ManifestProblem.Kind.DUPLICATE_KEY, doc, child, keyLine,
                                "the key '" + name + "' appears twice in the same mapping (first at line " + firstLine
                                        + "). kubectl apply rejects the file (strict field validation: duplicate field);"
                                        + " zksim uses the last value. Delete one of the two."));
                        forget(doc, child.pointer());
                    }
                    lines.put(SourceMap.key(doc, child.pointer()), keyLine);
                    p.nextToken();
                    obj.set(name, value(p, doc, child));
                }
                return obj;
            }
            case START_ARRAY: {
                ArrayNode arr = JsonNodeFactory.instance.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    arr.add(value(p, doc, path.index(i++)));
                }
                return arr;
            }
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT: {
                Number n = p.getNumberValue();
                if (n instanceof Integer i) {
                    return JsonNodeFactory.instance.numberNode(i);
                } else if (n instanceof Long l) {
                    return JsonNodeFactory.instance.numberNode(l);
                }
                return JsonNodeFactory.instance.numberNode((BigInteger) n);
            }
            case VALUE_NUMBER_FLOAT:
                try {
                    // Exact decimal, so a quantity such as cpu: 0.1 keeps its digits.
                    return new DecimalNode(p.getDecimalValue());
                } catch (NumberFormatException e) {
                    return TextNode.valueOf(p.getText()); // .inf, .nan
                }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            case VALUE_NULL:
                return NullNode.getInstance();
            default:
                return TextNode.valueOf(p.getText());
        }
    }

    /** Drops the lines recorded for a node and everything below it (a duplicate key's first value). */
    private void forget(int doc, String pointer) {
        String k = SourceMap.key(doc, pointer);
        lines.remove(k);
        lines.subMap(k + "/", k + "/\uffff").clear();
    }

    private InvalidInputException syntaxError(StreamReadException e) {
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        String what = e.getOriginalMessage();
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y) {
            if (y.getProblemMark() != null) {
                line = y.getProblemMark().getLine() + 1;
            }
            what = y.getProblem();
            if (y.getContext() != null) {
                what += " (" + y.getContext()
                        + (y.getContextMark() == null ? "" : " that starts at line " + (y.getContextMark().getLine() + 1))
                        + ")";
            }
        } else if (what != null) {
            what = what.lines().findFirst().orElse(what);
        }
        return new InvalidInputException(file, line, null,
                "the file is not valid YAML: " + what + ". kubectl cannot read it either; check the indentation"
                        + " (spaces only, no tabs) and the quoting on this line and the lines just above it.", e);
    }
}
