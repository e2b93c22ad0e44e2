package dev.zksim.model.manifest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.zksim.model.InvalidInputException;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Loads a ZooKeeper-on-Kubernetes manifest: a multi-document YAML file with one StatefulSet, its Services and
 * PodDisruptionBudgets, the same file {@code kubectl apply -f} takes.
 *
 * <p>The file goes through three stages: a streaming YAML pass ({@link SourceMap}, duplicate keys, syntax errors
 * with their line), typed fabric8 Kubernetes objects (type errors; fields the type lacks), and the immutable
 * {@link EnsembleSpec} with every Kubernetes and {@code start-zookeeper} default filled in. Input zksim cannot
 * understand raises {@link InvalidInputException} naming the file, line and field; what it can understand but
 * {@code kubectl apply} would reject (unknown fields, duplicate keys, removed API versions) comes back as
 * {@link ManifestProblem}s next to the spec, for {@code zksim lint} to report.
 *
 * <p>Supported objects: {@code v1 Service}, {@code apps/v1 StatefulSet} (exactly one), {@code policy/v1
 * PodDisruptionBudget}; {@code ConfigMap} and {@code ServiceAccount} are skipped with an
 * {@link ManifestProblem.ProblemKind#IGNORED_OBJECT} note. The loader is stateless and thread-safe.
 */
public final class ManifestLoader {
    /** Configured once here and never changed afterwards; Jackson factories and mappers are thread-safe then. */
    private static final YAMLFactory YAML = new YAMLFactory();

    private static final ObjectMapper MAPPER = strictMapper();

    private static final Map<String, String> REMOVED = Map.of(
            "StatefulSet/apps/v1beta1", "Kubernetes 1.16",
            "StatefulSet/apps/v1beta2", "Kubernetes 1.16",
            "PodDisruptionBudget/policy/v1beta1", "Kubernetes 1.25");

    private ManifestLoader() {}

    /**
     * Loads {@code file}.
     *
     * @throws InvalidInputException when the file is missing, unreadable, not YAML, or not a manifest zksim can
     *     simulate
     */
    public static LoadedManifest load(Path file) {
        return load(file, read(file));
    }

    /**
     * Loads manifest text; {@code file} names it in messages and in {@link EnsembleSpec#source()}.
     *
     * @throws InvalidInputException as {@link #load(Path)}
     */
    public static LoadedManifest load(Path file, String yaml) {
        String name = file.toString();
        if (yaml.isBlank()) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "the file is empty. A manifest holds a StatefulSet and"
                            + " its Services and PodDisruptionBudget as YAML documents separated by '---' (see"
                            + " k8s-manifests/zookeeper.yaml).");
        }
        YamlReader.ParsedYaml parsed =
                YamlReader.read(YAML, name, yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml);
        SourceMap map = parsed.sourceMap();
        List<ManifestProblem> problems = new ArrayList<>(parsed.problems());
        TypedReader typed = new TypedReader(MAPPER, name, map);
        EnsembleMapper.Typed<StatefulSet> sts = null;
        List<EnsembleMapper.Typed<Service>> services = new ArrayList<>();
        List<EnsembleMapper.Typed<PodDisruptionBudget>> pdbs = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (YamlReader.Document d : parsed.documents()) {
            JsonNode root = d.root();
            if (root.isNull()) {
                continue; // an empty document, e.g. a leading or trailing '---'; kubectl skips it too
            }
            int doc = d.index();
            if (!root.isObject()) {
                throw new InvalidInputException(
                        name,
                        d.line(),
                        null,
                        "YAML document " + (doc + 1) + " is "
                                + (root.isArray() ? "a list" : "a single value")
                                + ", not a Kubernetes object. Each document"
                                + " must be a mapping with apiVersion, kind, metadata and spec; separate documents with"
                                + " '---'.");
            }
            String kind = required(name, map, doc, root, "kind", "e.g. kind: StatefulSet");
            String api = required(name, map, doc, root, "apiVersion", "e.g. apiVersion: apps/v1 for a StatefulSet");
            switch (kind) {
                case "StatefulSet" -> {
                    checkApi(name, map, doc, kind, api, "apps/v1", problems);
                    StatefulSet s = typed.read(doc, root, StatefulSet.class, problems);
                    problems.addAll(typed.unknownFields(doc, s));
                    if (sts != null) {
                        throw new InvalidInputException(
                                name,
                                d.line(),
                                null,
                                "a second StatefulSet"
                                        + objectName(s.getMetadata()) + "; the first starts at line "
                                        + map.lineOrZero(sts.doc(), YamlPath.root()) + ". zksim simulates one ZooKeeper"
                                        + " ensemble per manifest: put each StatefulSet in a file of its own.");
                    }
                    sts = new EnsembleMapper.Typed<>(doc, s);
                }
                case "Service" -> {
                    checkApi(name, map, doc, kind, api, "v1", problems);
                    Service s = typed.read(doc, root, Service.class, problems);
                    problems.addAll(typed.unknownFields(doc, s));
                    services.add(new EnsembleMapper.Typed<>(doc, s));
                }
                case "PodDisruptionBudget" -> {
                    checkApi(name, map, doc, kind, api, "policy/v1", problems);
                    PodDisruptionBudget p = typed.read(doc, root, PodDisruptionBudget.class, problems);
                    problems.addAll(typed.unknownFields(doc, p));
                    pdbs.add(new EnsembleMapper.Typed<>(doc, p));
                }
                case "ConfigMap", "ServiceAccount" ->
                    problems.add(new ManifestProblem(
                            ManifestProblem.ProblemKind.IGNORED_OBJECT,
                            doc,
                            YamlPath.root().key("kind"),
                            map.lineOrZero(doc, YamlPath.root().key("kind")),
                            "zksim skips this " + kind
                                    + ": the ZooKeeper configuration it simulates comes from the"
                                    + " start-zookeeper flags."));
                default ->
                    throw new InvalidInputException(
                            name,
                            map.lineOrZero(doc, YamlPath.root().key("kind")),
                            "kind",
                            "kind " + kind + " is not supported. zksim reads a ZooKeeper ensemble made of"
                                    + " Service, StatefulSet and PodDisruptionBudget objects (ConfigMap and"
                                    + " ServiceAccount are skipped); keep other objects in another file.");
            }
            seen.add(kind);
        }
        if (seen.isEmpty()) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "the file holds no Kubernetes objects (only comments or"
                            + " empty YAML documents). zksim needs a StatefulSet, see k8s-manifests/zookeeper.yaml.");
        }
        if (sts == null) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "the file has no StatefulSet (found " + String.join(", ", seen)
                            + "). zksim simulates the ZooKeeper StatefulSet; add it (see k8s-manifests/zookeeper.yaml)"
                            + " or point zksim at the file that has it.");
        }
        EnsembleSpec spec = new EnsembleMapper(name, map).map(file, sts, services, pdbs);
        problems.sort(Comparator.comparingInt(ManifestProblem::line).thenComparingInt(ManifestProblem::documentIndex));
        return new LoadedManifest(spec, problems);
    }

    /**
     * Loads {@code file} like {@code kubectl apply} with strict field validation would accept it: the first problem
     * that kubectl rejects (unknown field, duplicate key, removed apiVersion) is an error. Skipped objects are not.
     *
     * @throws InvalidInputException for unreadable input or the first such problem
     */
    public static EnsembleSpec loadStrict(Path file) {
        LoadedManifest m = load(file);
        for (ManifestProblem p : m.problems()) {
            if (p.rejectedByKubectl()) {
                throw p.toException(file);
            }
        }
        return m.spec();
    }

    private static String read(Path file) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "this is a directory, not a manifest file. Name the YAML"
                            + " file itself, e.g. k8s-manifests/zookeeper.yaml.");
        }
        if (!Files.exists(file)) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "no such file. Check the path; the bundled manifests are"
                            + " in k8s-manifests/ (e.g. k8s-manifests/zookeeper.yaml).");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(
                    name, 0, null, "cannot read the file: " + e.getMessage() + ". Check its permissions.", e);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(
                    name,
                    0,
                    null,
                    "the file is not UTF-8 text (is it a binary file?)." + " Manifests are YAML text.",
                    e);
        }
    }

    private static String required(String file, SourceMap map, int doc, JsonNode root, String field, String example) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            throw new InvalidInputException(
                    file,
                    map.lineOrZero(doc, YamlPath.root()),
                    field,
                    "YAML document "
                            + (doc + 1) + " has no " + field + "; every Kubernetes object needs apiVersion and kind ("
                            + example + ").");
        }
        if (!n.isTextual() || n.asText().isBlank()) {
            throw new InvalidInputException(
                    file,
                    map.lineOrZero(doc, YamlPath.root().key(field)),
                    field,
                    field + " must be a non-empty string (" + example + ").");
        }
        return n.asText();
    }

    private static void checkApi(
            String file,
            SourceMap map,
            int doc,
            String kind,
            String api,
            String current,
            List<ManifestProblem> problems) {
        if (api.equals(current)) {
            return;
        }
        YamlPath at = YamlPath.root().key("apiVersion");
        int line = map.lineOrZero(doc, at);
        String removedIn = REMOVED.get(kind + "/" + api);
        if (removedIn != null) {
            problems.add(new ManifestProblem(
                    ManifestProblem.ProblemKind.REMOVED_API_VERSION,
                    doc,
                    at,
                    line,
                    "apiVersion "
                            + api + " for " + kind + " was removed in " + removedIn
                            + "; kubectl apply fails with 'no matches"
                            + " for kind \"" + kind + "\" in version \"" + api + "\"'. Use " + current
                            + "; zksim reads the"
                            + " object as " + current + "."));
            return;
        }
        throw new InvalidInputException(
                file, line, "apiVersion", "apiVersion " + api + " does not serve " + kind + "; use " + current + ".");
    }

    private static String objectName(io.fabric8.kubernetes.api.model.ObjectMeta meta) {
        return meta == null || meta.getName() == null ? "" : " ('" + meta.getName() + "')";
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper m = new ObjectMapper();
        // Decode like the API server: the JSON types must match the Go field types exactly.
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }
}
