package dev.zksim.model.manifest;

import dev.zksim.model.InvalidInputException;
import java.nio.file.Path;

/**
 * Something in a manifest that does not stop zksim from understanding it but that {@code kubectl apply} (with its
 * default strict field validation, Kubernetes 1.27+) would reject or that silently does nothing. The loader returns
 * these next to the spec ({@link LoadedManifest}); {@code zksim lint} turns each into a finding.
 *
 * @param kind what sort of problem
 * @param documentIndex the YAML document (0-based, empty documents counted) it is in
 * @param path the YAML path of the offending node, e.g. {@code spec.template.spec.containers[0].resourcs}
 * @param line 1-based line of the node, 0 when unknown
 * @param message one or two sentences: what is wrong, what Kubernetes does with it, how to fix it
 */
public record ManifestProblem(ProblemKind kind, int documentIndex, YamlPath path, int line, String message) {

    /** The kinds of problem the loader reports. */
    public enum ProblemKind {
        /** A field the Kubernetes type does not have (a typo such as {@code resourcs}); zksim ignores it. */
        UNKNOWN_FIELD,
        /** A mapping key given twice; the last value wins in zksim. */
        DUPLICATE_KEY,
        /** An apiVersion the API server no longer serves (apps/v1beta1, apps/v1beta2, policy/v1beta1). */
        REMOVED_API_VERSION,
        /** An object of a kind zksim does not simulate (ConfigMap, ServiceAccount); it is skipped. */
        IGNORED_OBJECT
    }

    /** Whether {@code kubectl apply} refuses the file because of this problem. */
    public boolean rejectedByKubectl() {
        return kind != ProblemKind.IGNORED_OBJECT;
    }

    /** The same problem as bad input, for strict loading. */
    public InvalidInputException toException(Path file) {
        return new InvalidInputException(file == null ? null : file.toString(), line, path.toString(), message);
    }
}
