package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.zksim.model.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input zksim cannot simulate fails with one InvalidInputException that names the file, the line and the field and
 * explains the fix. Fixtures: src/test/resources/manifests/ (each starts with a comment saying what is wrong).
 */
class MalformedManifestTests {
    static final Path DIR = Path.of("src", "test", "resources", "manifests");

    static InvalidInputException failure(Path file) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ManifestLoader.load(file));
        assertThat(e).as("loading %s must fail", file).isNotNull();
        return e;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                // file                     | line | field                                       | message fragment
                "empty.yaml                 | 0    | -                                           | the file is empty",
                "comments-only.yaml         | 0    | -                                           | no Kubernetes objects",
                "syntax-tab.yaml            | 50   | -                                           | Do not use \\t(TAB) for indentation",
                "syntax-unclosed-quote.yaml | 75   | -                                           | line 72 has an unclosed \"",
                "not-a-mapping.yaml         | 18   | -                                           | YAML document 2 is a list",
                "missing-kind.yaml          | 41   | kind                                        | has no kind",
                "missing-apiversion.yaml    | 31   | apiVersion                                  | has no apiVersion",
                "unsupported-kind.yaml      | 137  | kind                                        | kind Deployment is not supported. zksim reads a ZooKeeper ensemble made of Service, StatefulSet and PodDisruptionBudget",
                "wrong-apiversion.yaml      | 41   | apiVersion                                  | apps/v2 does not serve StatefulSet; use apps/v1",
                "no-statefulset.yaml        | 0    | -                                           | no StatefulSet (found Service, Service, PodDisruptionBudget)",
                "two-statefulsets.yaml      | 136  | -                                           | a second StatefulSet ('zk2'); the first starts at line 41",
                "replicas-string.yaml       | 50   | spec.replicas                               | expected a whole number, found the string \"three\"",
                "negative-replicas.yaml     | 50   | spec.replicas                               | -1 is negative",
                "bad-quantity.yaml          | 75   | spec.template.spec.containers[0].resources.requests.memory | '1GB' is not a Kubernetes quantity",
                "label-number.yaml          | 58   | spec.template.metadata.labels.version       | expected a string, found the number 1.0. Quote it",
                "command-string.yaml        | 84   | spec.template.spec.containers[0].command    | expected a list, found the string",
                "selector-mismatch.yaml     | 46   | spec.selector                               | does not match the pod template's labels",
                "pdb-both.yaml              | 40   | spec.maxUnavailable                         | minAvailable and maxUnavailable are both set",
                "bad-operator.yaml          | 65   | spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].operator | 'in' is not a selector operator",
                "no-containers.yaml         | 69   | spec.template.spec.containers               | the pod template has no containers",
                "not-start-zookeeper.yaml   | 84   | spec.template.spec.containers[0].command    | no container runs start-zookeeper (found command [sh, -c, zkServer.sh start-foreground])",
                "unknown-flag.yaml          | 99   | spec.template.spec.containers[0].command    | 'Unknown option --foo=1' and exits 1",
                "non-numeric-flag.yaml      | 95   | spec.template.spec.containers[0].command    | --tick_time=2s is not a whole number",
                "flag-space-form.yaml       | 97   | spec.template.spec.containers[0].command    | only accepts the one-word form --sync_limit=VALUE",
                "bad-heap.yaml              | 98   | spec.template.spec.containers[0].command    | --heap=512MB is not a JVM heap size",
                "undefined-alias.yaml       | 56   | spec.template.metadata.labels               | the alias *labels refers to no anchor &labels",
                "reconfig-participants-flag.yaml | 185 | spec.template.spec.containers[0].command | zk-reconfig-start flag '--participants=0': --participants=0 is not a whole number of at least 1",
                "reconfig-servers-flag.yaml | 179  | spec.template.spec.containers[0].command    | zk-reconfig-start flag '--servers=3': zk-reconfig-start prints 'Unknown option --servers=3' and exits 1: the members come from ZooKeeper's dynamic configuration",
            })
    void malformedInputNamesFileLineAndField(String name, int line, String field, String fragment) {
        Path file = DIR.resolve(name);
        InvalidInputException e = failure(file);
        assertThat(e.file()).isEqualTo(file.toString());
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.problem()).contains(fragment);
        // One paragraph: file:line: field: problem, no line breaks, a full sentence at the end.
        assertThat(e.getMessage())
                .startsWith(file + (line > 0 ? ":" + line : "") + ": ")
                .doesNotContain("\n")
                .endsWith(".");
    }

    @Test
    void missingFileAndDirectory() {
        InvalidInputException missing = failure(DIR.resolve("no-such-file.yaml"));
        assertThat(missing.problem()).startsWith("no such file");
        InvalidInputException dir = failure(DIR);
        assertThat(dir.problem()).startsWith("this is a directory");
    }

    @Test
    void syntaxErrorsKeepTheYamlParserAsCauseButNotInTheMessage() {
        InvalidInputException e = failure(DIR.resolve("syntax-tab.yaml"));
        assertThat(e).hasCauseInstanceOf(com.fasterxml.jackson.core.JsonProcessingException.class);
        assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("in 'reader'");
    }
}
