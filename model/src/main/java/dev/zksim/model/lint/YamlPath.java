package dev.zksim.model.lint;

/**
 * YAML paths as findings print them ({@code spec.template.spec.containers[0].resources}) and their JSON pointers
 * ({@code /spec/template/spec/containers/0/resources}), which is how the loader's
 * {@link dev.zksim.model.manifest.SourceMap} keys lines.
 */
final class YamlPath {
    /** The pod template's ZooKeeper container; the loader takes the first container as the ZooKeeper one. */
    static final String CONTAINER = "spec.template.spec.containers[0]";
    static final String POD_SPEC = "spec.template.spec";
    static final String ANTI_AFFINITY = POD_SPEC + ".affinity.podAntiAffinity";
    static final String COMMAND = CONTAINER + ".command";

    private YamlPath() {}

    /**
     * Converts a dotted path with {@code [i]} indices to a JSON pointer. Anything after the first space (the
     * {@code --flag} suffix of command paths) is not part of the pointer.
     */
    static String toPointer(String path) {
        String p = path;
        int space = p.indexOf(' ');
        if (space >= 0) {
            p = p.substring(0, space);
        }
        if (p.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String part : p.split("\\.")) {
            int bracket = part.indexOf('[');
            String key = bracket < 0 ? part : part.substring(0, bracket);
            sb.append('/').append(key.replace("~", "~0").replace("/", "~1"));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                sb.append('/').append(part, bracket + 1, close);
                bracket = part.indexOf('[', close);
            }
        }
        return sb.toString();
    }

    /** The path of the flag {@code --name} in the ZooKeeper container's command. */
    static String flag(String name) {
        return COMMAND + " --" + name;
    }
}
