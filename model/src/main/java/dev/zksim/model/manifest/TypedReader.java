package dev.zksim.model.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.zksim.model.InvalidInputException;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one YAML document's tree into a fabric8 Kubernetes object with Jackson (fabric8's classes carry the
 * Jackson annotations; IntOrString and Quantity bring their own deserializers) and finds the fields the type
 * does not have. The mapper is configured like the API server's JSON decoding: no string-to-number,
 * number-to-string or float-to-int coercion, so {@code replicas: "3"} and {@code labels: {version: 1.0}} fail
 * here just as {@code kubectl apply} fails with "cannot unmarshal string into Go struct field".
 */
final class TypedReader {
    private final ObjectMapper mapper;
    private final String file;
    private final SourceMap sourceMap;
    /** Bean properties per fabric8 class; looked up only, never iterated, so HashMap order cannot leak. */
    private final Map<Class<?>, BeanDescription> beans = new HashMap<>();

    TypedReader(ObjectMapper mapper, String file, SourceMap sourceMap) {
        this.mapper = mapper;
        this.file = file;
        this.sourceMap = sourceMap;
    }

    /**
     * Reads {@code root} as {@code type}; fields the type lacks land in fabric8's {@code additionalProperties}
     * (or, for a class without them, in {@code unknown}).
     *
     * @throws InvalidInputException when a value has the wrong type, naming the field and its line
     */
    <T> T read(int doc, JsonNode root, Class<T> type, List<ManifestProblem> unknown) {
        DeserializationProblemHandler handler = new DeserializationProblemHandler() {
            @Override
            public boolean handleUnknownProperty(
                    DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> d, Object bean, String name)
                    throws IOException {
                JsonStreamContext ctx = p.getParsingContext();
                if (p.currentToken() != null && p.currentToken().isStructStart()) {
                    ctx = ctx.getParent();
                }
                YamlPath path = pathOf(ctx);
                unknown.add(unknownField(
                        doc, path, bean == null ? "" : bean.getClass().getSimpleName(), List.of()));
                p.skipChildren();
                return true;
            }
        };
        try {
            return mapper.readerFor(type).withHandler(handler).readValue(mapper.treeAsTokens(root));
        } catch (JsonMappingException e) {
            throw typeError(doc, root, e);
        } catch (IOException e) {
            throw new InvalidInputException(file, 0, null, "cannot read the document: " + e.getMessage(), e);
        }
    }

    /** Every field below {@code typed} that its fabric8 type collected as unknown, in path order. */
    List<ManifestProblem> unknownFields(int doc, Object typed) {
        List<ManifestProblem> out = new ArrayList<>();
        walk(doc, typed, YamlPath.root(), out);
        return out;
    }

    private void walk(int doc, Object o, YamlPath path, List<ManifestProblem> out) {
        if (o == null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(doc, list.get(i), path.index(i), out);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(doc, e.getValue(), path.key(String.valueOf(e.getKey())), out);
            }
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.") || o instanceof Quantity || o instanceof AnyType) {
            return;
        }
        BeanDescription bd = beans.computeIfAbsent(
                o.getClass(), c -> mapper.getSerializationConfig().introspect(mapper.constructType(c)));
        List<String> known = new ArrayList<>();
        for (BeanPropertyDefinition p : bd.findProperties()) {
            known.add(p.getName());
            AnnotatedMember accessor = p.getAccessor();
            if (accessor != null) {
                walk(doc, accessor.getValue(o), path.key(p.getName()), out);
            }
        }
        AnnotatedMember anyGetter = bd.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(o) instanceof Map<?, ?> extra) {
            for (Object key : extra.keySet()) {
                out.add(unknownField(
                        doc, path.key(String.valueOf(key)), o.getClass().getSimpleName(), known));
            }
        }
    }

    private ManifestProblem unknownField(int doc, YamlPath path, String typeName, List<String> known) {
        String name = String.valueOf(path.segments().get(path.segments().size() - 1));
        String guess = closest(name, known);
        return new ManifestProblem(
                ManifestProblem.ProblemKind.UNKNOWN_FIELD,
                doc,
                path,
                sourceMap.lineOrZero(doc, path),
                "unknown field '" + name + "'" + (typeName.isEmpty() ? "" : " in " + typeName)
                        + (guess == null ? "." : "; did you mean '" + guess + "'?") + " kubectl apply rejects it"
                        + " (strict field validation: unknown field \"" + path + "\") and zksim ignores it.");
    }

    /** The known field within edit distance 2 of {@code name}, if exactly one is closest. */
    private static String closest(String name, List<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String k : known) {
            int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static YamlPath pathOf(JsonStreamContext ctx) {
        List<JsonStreamContext> chain = new ArrayList<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            chain.add(0, c);
        }
        YamlPath p = YamlPath.root();
        for (JsonStreamContext c : chain) {
            if (c.inArray()) {
                p = p.index(Math.max(0, c.getCurrentIndex()));
            } else if (c.getCurrentName() != null) {
                p = p.key(c.getCurrentName());
            }
        }
        return p;
    }

    private InvalidInputException typeError(int doc, JsonNode root, JsonMappingException e) {
        YamlPath path = YamlPath.root();
        for (JsonMappingException.Reference ref : e.getPath()) {
            path = ref.getFieldName() != null ? path.key(ref.getFieldName()) : path.index(Math.max(0, ref.getIndex()));
        }
        JsonNode found = root.at(path.pointer());
        Class<?> target = null;
        if (e instanceof MismatchedInputException mie) {
            target = mie.getTargetType();
        } else if (e instanceof ValueInstantiationException vie && vie.getType() != null) {
            target = vie.getType().getRawClass();
        } else if (String.valueOf(e.getOriginalMessage()).contains("quantity")) {
            target = Quantity.class;
        }
        String expected = expected(target);
        String message;
        if (expected == null) {
            message = "this value has the wrong type (" + firstLine(e.getOriginalMessage()) + "); found "
                    + describe(found) + ".";
        } else {
            message = "expected " + expected + ", found " + describe(found) + "." + hint(target, found, path);
        }
        return new InvalidInputException(
                file,
                sourceMap.lineOrZero(doc, path),
                path.toString(),
                message + " The API server rejects this too, so kubectl apply fails.",
                e);
    }

    private static String expected(Class<?> t) {
        if (t == null) {
            return null;
        }
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class || t == Short.class) {
            return "a whole number";
        }
        if (t == Double.class || t == double.class || t == Float.class || t == float.class) {
            return "a number";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(t)) {
            return "a mapping";
        }
        if (t == io.fabric8.kubernetes.api.model.IntOrString.class) {
            return "a whole number or a percentage string such as \"25%\"";
        }
        if (t == Quantity.class) {
            return "a quantity such as 500m or 1Gi";
        }
        if (t.getName().startsWith("io.fabric8.")) {
            return "a mapping (" + t.getSimpleName() + ")";
        }
        return "a " + t.getSimpleName();
    }

    private static String hint(Class<?> t, JsonNode found, YamlPath path) {
        String key = path.segments().isEmpty()
                ? ""
                : String.valueOf(path.segments().get(path.segments().size() - 1));
        if ((t == Integer.class || t == Long.class || t == int.class || t == long.class)
                && found.isTextual()
                && found.asText().matches("-?[0-9]+")) {
            return " Remove the quotes: " + key + ": " + found.asText() + ".";
        }
        if (t == String.class && (found.isNumber() || found.isBoolean())) {
            return " Quote it: \"" + found.asText() + "\" (YAML reads unquoted 1.0, 10, true, yes and no as"
                    + " numbers and booleans).";
        }
        if ((t != null && Collection.class.isAssignableFrom(t)) && found.isTextual()) {
            return " Write it as a YAML list, one item per line starting with '- ', or [a, b].";
        }
        return "";
    }

    private static String describe(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "the string \"" + n.asText() + "\"";
        }
        if (n.isNumber()) {
            return "the number " + n.asText();
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        return n.asText();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse(s);
    }
}
