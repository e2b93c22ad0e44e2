package dev.zksim.model.k8s;

import dev.zksim.model.manifest.PodTemplate;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A ControllerRevision: a pod template with its name ({@code <sts>-<hash>}) and number. The number is mutable because
 * Kubernetes renumbers a revision when the spec returns to its template
 * (kubernetes.io/docs/reference/kubectl/generated/kubectl_rollout/kubectl_rollout_history/).
 */
final class Revision {
    private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    final String name;
    final PodTemplate template;
    int number;
    /** {@link #entrypointExit()}, once known. */
    private Optional<String> entrypointExit;

    Revision(String stsName, PodTemplate template, int number) {
        this.name = stsName + "-" + hash(template);
        this.template = template;
        this.number = number;
    }

    /**
     * What the container's entrypoint does with this template's command ({@link ContainerEntrypoint#exitAtStart}),
     * parsed once: the template never changes, and the kubelet asks at every container start.
     */
    Optional<String> entrypointExit() {
        if (entrypointExit == null) {
            entrypointExit =
                    ContainerEntrypoint.exitAtStart(template.container().command());
        }
        return entrypointExit;
    }

    /**
     * A stable 10-character hash in the alphabet Kubernetes uses for generated names (no vowels, no 0/1/3): FNV-1a
     * over the template's canonical text, printed in decimal and encoded like apimachinery's SafeEncodeString.
     */
    static String hash(PodTemplate template) {
        int h = 0x811c9dc5;
        for (byte b : template.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x01000193;
        }
        String digits = Long.toString(Integer.toUnsignedLong(h));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            sb.append(SAFE_ALPHABET.charAt(digits.charAt(i) % SAFE_ALPHABET.length()));
        }
        return sb.toString();
    }
}
