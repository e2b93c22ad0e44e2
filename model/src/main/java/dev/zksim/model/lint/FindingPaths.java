package dev.zksim.model.lint;

/**
 * Paths as findings print them: the display form of {@link dev.zksim.model.manifest.YamlPath}
 * ({@code spec.template.spec.affinity.podAntiAffinity}), optionally followed by a space and a {@code start-zookeeper}
 * flag ({@code spec.template.spec.containers[0].command --sync_limit}).
 */
final class FindingPaths {
    static final String POD_SPEC = "spec.template.spec";
    static final String ANTI_AFFINITY = POD_SPEC + ".affinity.podAntiAffinity";

    private FindingPaths() {}

    /** The JSON pointer of a finding path (the flag suffix, if any, is not part of it). */
    static String toPointer(String path) {
        int space = path.indexOf(' ');
        String p = space < 0 ? path : path.substring(0, space);
        return p.isEmpty() ? "" : dev.zksim.model.manifest.YamlPath.parse(p).pointer();
    }
}
