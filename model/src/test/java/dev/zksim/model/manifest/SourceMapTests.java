package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every node of the tutorial manifest maps to the line it starts on. */
class SourceMapTests {
    static final SourceMap MAP =
            BundledManifestTests.load("zookeeper.yaml").spec().sourceMap();

    @Test
    void keysListItemsAndDocumentsMapToTheirLines() {
        // Document 0 (zk-hs) starts after the 4-line header comment.
        assertThat(MAP.line(0, "")).hasValue(5);
        assertThat(MAP.line(0, "/metadata/name")).hasValue(8);
        assertThat(MAP.line(0, "/spec/ports/1/port")).hasValue(15);
        assertThat(MAP.line(0, "/spec/clusterIP")).hasValue(17);
        assertThat(MAP.line(2, "/spec/maxUnavailable")).hasValue(42);
        assertThat(MAP.line(3, "")).hasValue(44);
        assertThat(MAP.line(3, YamlPath.parse("spec.replicas"))).hasValue(53);
        assertThat(MAP.line(3, YamlPath.parse("spec.template.spec.containers[0]")))
                .hasValue(73);
        assertThat(MAP.line(3, YamlPath.parse("spec.template.spec.containers[0].resources.requests.cpu")))
                .hasValue(79);
        assertThat(
                        MAP.line(
                                3,
                                YamlPath.parse(
                                        "spec.template.spec.affinity.podAntiAffinity"
                                                + ".requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchExpressions[0].values[0]")))
                .hasValue(70);
        assertThat(MAP.line(3, YamlPath.parse("spec.volumeClaimTemplates[0].spec.resources.requests.storage")))
                .hasValue(137);
    }

    @Test
    void missingNodesFallBackToTheNearestAncestor() {
        assertThat(MAP.exactLine(3, "/spec/minReadySeconds")).isEmpty();
        assertThat(MAP.line(3, "/spec/minReadySeconds")).isEqualTo(MAP.line(3, "/spec"));
        assertThat(MAP.line(3, YamlPath.parse("spec.template.spec.containers[0].startupProbe.periodSeconds")))
                .hasValue(73);
        assertThat(MAP.line(9, "/spec")).isEmpty();
        assertThat(MAP.lineOrZero(9, YamlPath.root())).isZero();
    }

    @Test
    void linesInsideMultiLineScalars() {
        int command = MAP.line(3, YamlPath.parse("spec.template.spec.containers[0].command"))
                .getAsInt();
        assertThat(command).isEqualTo(87);
        assertThat(MAP.lineContaining(command, "--heap=", 50)).hasValue(101);
        assertThat(MAP.lineContaining(command, "--no-such-flag", 50)).isEmpty();
        assertThat(MAP.lineCount()).isEqualTo(137);
    }
}
