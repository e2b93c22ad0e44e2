package dev.zksim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One word, one thing (CONTRIBUTING.md, "Style"): in the main sources of model, simulator and benchmarks no two
 * types share a simple name, top-level or nested, unless one of them is a private nested type (a name its file alone
 * can see), so a bare name means one type.
 *
 * <p>Declarations are read line by line, as the formatter leaves them (spotless:check runs in {@code verify}): a
 * declaration at column 0 is top-level, an indented one nested (or local).
 */
class TypeNamesTests {
    /** Maven runs the tests in the simulator module's directory. */
    private static final List<Path> MAIN_SOURCES = Stream.of("model", "simulator", "benchmarks")
            .map(module -> Path.of("..", module, "src", "main", "java"))
            .toList();

    private static final Pattern DECLARATION = Pattern.compile("^(\\s*)(?:@\\w+(?:\\([^)]*\\))?\\s+)*"
            + "(?:(?:public|protected|private|static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
            + "(?:class|record|enum|interface|@interface)\\s+([A-Z]\\w*)");

    record Declaration(String name, boolean nested, boolean privateType, Path file, int line) {
        @Override
        public String toString() {
            return file.normalize() + ":" + line;
        }
    }

    @Test
    void noTopLevelTypeSharesItsSimpleNameWithAnotherTypeTopLevelOrNested() throws IOException {
        List<Declaration> declarations = declarations();
        Map<String, List<Declaration>> topLevel = declarations.stream()
                .filter(d -> !d.nested())
                .collect(Collectors.groupingBy(Declaration::name, TreeMap::new, Collectors.toList()));

        List<String> clashes = new ArrayList<>();
        topLevel.forEach((name, same) -> {
            if (same.size() > 1) {
                clashes.add("top-level " + name + " declared " + same.size() + " times: " + same);
            }
        });
        for (Declaration d : declarations) {
            if (d.nested() && topLevel.containsKey(d.name())) {
                clashes.add("nested " + d.name() + " at " + d + " has the name of the top-level type at "
                        + topLevel.get(d.name()));
            }
        }
        assertTrue(
                clashes.isEmpty(),
                () -> clashes.size() + " type name(s) mean more than one type; rename one side:\n  "
                        + String.join("\n  ", clashes));
    }

    @Test
    void noTwoTypesShareASimpleNameUnlessOneIsPrivateAndNested() throws IOException {
        Map<String, List<Declaration>> visible = declarations().stream()
                .filter(d -> !(d.nested() && d.privateType()))
                .collect(Collectors.groupingBy(Declaration::name, TreeMap::new, Collectors.toList()));
        List<String> clashes = new ArrayList<>();
        visible.forEach((name, same) -> {
            if (same.size() > 1) {
                clashes.add(name + " declared " + same.size() + " times: " + same);
            }
        });
        assertTrue(
                clashes.isEmpty(),
                () -> clashes.size() + " type name(s) mean more than one type; rename one side:\n  "
                        + String.join("\n  ", clashes));
    }

    /** Every type declared in the main sources; fails if a source tree is missing or a file declares no type. */
    private static List<Declaration> declarations() throws IOException {
        List<Declaration> out = new ArrayList<>();
        for (Path root : MAIN_SOURCES) {
            assertTrue(Files.isDirectory(root), () -> root.toAbsolutePath().normalize() + " not found");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root)) {
                files = walk.filter(p -> p.toString().endsWith(".java"))
                        .filter(p -> !p.getFileName().toString().equals("package-info.java"))
                        .sorted()
                        .toList();
            }
            for (Path file : files) {
                List<String> lines = Files.readAllLines(file);
                boolean topLevelFound = false;
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = DECLARATION.matcher(lines.get(i));
                    if (m.find()) {
                        boolean nested = !m.group(1).isEmpty();
                        topLevelFound |= !nested;
                        boolean privateType = m.group(0).matches("(?s).*\\bprivate\\s.*");
                        out.add(new Declaration(m.group(2), nested, privateType, file, i + 1));
                    }
                }
                assertTrue(topLevelFound, () -> file.normalize() + ": no top-level type declaration recognised");
            }
        }
        return out;
    }
}
