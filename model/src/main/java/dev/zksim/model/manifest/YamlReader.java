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
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.zksim.model.InvalidInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One streaming pass over a multi-document YAML file with Jackson's YAML parser: builds each document's tree, notes
 * the line of every node (the {@link SourceMap}) and catches duplicate keys, which a tree-building parser would
 * silently collapse (last wins) and which kubectl's strict field validation rejects. Anchors, aliases
 * ({@code &labels} / {@code *labels}) and merge keys ({@code <<: *labels}) are expanded as kubectl's YAML reader
 * (go-yaml) expands them; Jackson's parser only reports an alias as its name.
 */
final class YamlReader {

    /** One YAML document; {@code root} is a null node for an empty document (only comments or nothing). */
    record Document(int index, int line, JsonNode root) {}

    /** Everything the pass produced. */
    record ParsedYaml(List<Document> documents, SourceMap sourceMap, List<ManifestProblem> problems) {}

    private final String file;
    private final String text;
    private final TreeMap<String, Integer> lines = new TreeMap<>();
    private final List<ManifestProblem> problems = new ArrayList<>();
    /** Anchored nodes by name, looked up only (never iterated). Anchors are per document in YAML. */
    private final Map<String, JsonNode> anchors = new HashMap<>();

    private YamlReader(String file, String text) {
        this.file = file;
        this.text = text;
    }

    /**
     * Reads {@code text}; {@code file} only names the input in messages.
     *
     * @throws InvalidInputException on a YAML syntax error, with the line SnakeYAML reports
     */
    static ParsedYaml read(YAMLFactory factory, String file, String text) {
        YamlReader reader = new YamlReader(file, text);
        List<Document> docs = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            int index = 0;
            while (p.nextToken() != null) {
                reader.anchors.clear();
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
        return new ParsedYaml(docs, new SourceMap(reader.lines, textLines), reader.problems);
    }

    private JsonNode value(JsonParser p, int doc, YamlPath path) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        lines.putIfAbsent(SourceMap.key(doc, path.pointer()), line);
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            JsonNode target = anchors.get(p.getText());
            if (target == null) {
                throw new InvalidInputException(
                        file,
                        line,
                        path.toString(),
                        "the alias *" + p.getText() + " refers to no anchor &" + p.getText()
                                + " earlier in this YAML document.");
            }
            return target.deepCopy();
        }
        Object anchor = p.getObjectId();
        JsonNode node = node(p, doc, path);
        if (anchor != null) {
            anchors.put(anchor.toString(), node);
        }
        return node;
    }

    private JsonNode node(JsonParser p, int doc, YamlPath path) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: {
                ObjectNode obj = JsonNodeFactory.instance.objectNode();
                List<JsonNode> merges = new ArrayList<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    int keyLine = p.currentTokenLocation().getLineNr();
                    YamlPath child = path.key(name);
                    if (name.equals("<<")) {
                        p.nextToken();
                        merges.add(value(p, doc, child));
                        continue;
                    }
                    if (obj.has(name)) {
                        int firstLine = lines.getOrDefault(SourceMap.key(doc, child.pointer()), 0);
                        problems.add(new ManifestProblem(
                                ManifestProblem.ProblemKind.DUPLICATE_KEY,
                                doc,
                                child,
                                keyLine,
                                "the key '" + name + "' appears twice in the same mapping (first at line " + firstLine
                                        + "). kubectl apply rejects the file (strict field validation: duplicate"
                                        + " field); zksim uses the last value. Delete one of the two."));
                        forget(doc, child.pointer());
                    }
                    lines.put(SourceMap.key(doc, child.pointer()), keyLine);
                    p.nextToken();
                    obj.set(name, value(p, doc, child));
                }
                merge(obj, merges, doc, path);
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

    /**
     * A hint naming the nearest line at or above {@code line} with an odd number of double quotes: a quoted scalar
     * that is never closed runs on over the following lines, so SnakeYAML notices only where it ends.
     */
    private String unbalancedQuote(int line) {
        List<String> all = text.lines().toList();
        for (int i = Math.min(line, all.size()) - 1; i >= 0 && i >= line - 30; i--) {
            String l = all.get(i).replace("\\\\", "").replace("\\\"", "");
            int hash = l.indexOf(" #");
            long quotes = l.chars().filter(c -> c == '"').count();
            if (quotes % 2 == 1 && (hash < 0 || l.indexOf('"') < hash)) {
                return i + 1 == line ? " (this line has an unclosed \")" : " (line " + (i + 1) + " has an unclosed \")";
            }
        }
        return "";
    }

    /**
     * Applies merge keys ({@code <<: *base} or {@code <<: [*a, *b]}): keys the mapping sets itself win, then earlier
     * merged mappings over later ones (yaml.org/type/merge.html).
     */
    private void merge(ObjectNode obj, List<JsonNode> merges, int doc, YamlPath path) {
        int mergeLine = lines.getOrDefault(SourceMap.key(doc, path.key("<<").pointer()), 0);
        lines.remove(SourceMap.key(doc, path.key("<<").pointer()));
        for (JsonNode m : merges) {
            List<JsonNode> sources = new ArrayList<>();
            if (m.isArray()) {
                m.forEach(sources::add);
            } else {
                sources.add(m);
            }
            for (JsonNode src : sources) {
                if (!src.isObject()) {
                    throw new InvalidInputException(
                            file,
                            mergeLine,
                            path.key("<<").toString(),
                            "a merge key (<<)" + " needs a mapping or a list of mappings, e.g. <<: *defaults.");
                }
                src.fields().forEachRemaining(e -> {
                    if (!obj.has(e.getKey())) {
                        obj.set(e.getKey(), e.getValue().deepCopy());
                        lines.putIfAbsent(
                                SourceMap.key(doc, path.key(e.getKey()).pointer()), mergeLine);
                    }
                });
            }
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
                        + (y.getContextMark() == null
                                ? ""
                                : " that starts at line " + (y.getContextMark().getLine() + 1))
                        + ")";
            }
        } else if (what != null) {
            what = what.lines().findFirst().orElse(what);
        }
        String quote = what != null && (what.contains("scalar") || what.contains("end of stream"))
                ? unbalancedQuote(line)
                : "";
        return new InvalidInputException(
                file,
                line,
                null,
                "the file is not valid YAML: " + what + ". kubectl cannot read it either; check the indentation"
                        + " (spaces only, no tabs) and the quoting on this line and the lines just above it"
                        + quote + ".",
                e);
    }
}
