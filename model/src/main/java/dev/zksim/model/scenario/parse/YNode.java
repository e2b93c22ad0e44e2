package dev.zksim.model.scenario.parse;

import java.util.List;
import java.util.Optional;

/**
 * A YAML node with the 1-based line it starts on, so every parse error can point at its line. Built by
 * {@link YamlTree} from Jackson's streaming parser; mapping keys keep their order.
 */
sealed interface YNode {

    int line();

    /** How the node is named in error messages: "a mapping", "a list", "the number 3", "'abc'". */
    String describe();

    /** A scalar; {@code text} is the literal text ("" for null). */
    record Scalar(int line, ScalarKind kind, String text) implements YNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing (null)";
                case STRING -> "'" + text + "'";
                case INT, FLOAT -> "the number " + text;
                case BOOL -> text;
            };
        }

        public boolean isNull() {
            return kind == ScalarKind.NULL;
        }
    }

    /** The scalar kinds Jackson's YAML parser distinguishes. */
    enum ScalarKind {
        NULL,
        STRING,
        INT,
        FLOAT,
        BOOL
    }

    /** A mapping; keys are unique (the tree builder refuses duplicates). */
    record Mapping(int line, List<MappingEntry> entries) implements YNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        public Optional<MappingEntry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping and the line the key sits on. */
    record MappingEntry(String key, int keyLine, YNode value) {}

    /** A list. */
    record Sequence(int line, List<YNode> items) implements YNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }
}
