package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Display paths and JSON pointers convert both ways, even for keys with dots and slashes. */
class YamlPathTests {

    @Test
    void displayAndPointer() {
        YamlPath p = YamlPath.root()
                .key("spec")
                .key("template")
                .key("spec")
                .key("containers")
                .index(0)
                .key("resourcs");
        assertThat(p).hasToString("spec.template.spec.containers[0].resourcs");
        assertThat(p.pointer()).isEqualTo("/spec/template/spec/containers/0/resourcs");
        assertThat(YamlPath.parse(p.toString())).isEqualTo(p);
        assertThat(p.parent().parent()).hasToString("spec.template.spec.containers");
    }

    @Test
    void keysWithDotsAndSlashes() {
        YamlPath p = YamlPath.root().key("metadata").key("labels").key("app.kubernetes.io/name");
        assertThat(p).hasToString("metadata.labels[\"app.kubernetes.io/name\"]");
        assertThat(p.pointer()).isEqualTo("/metadata/labels/app.kubernetes.io~1name");
        assertThat(YamlPath.parse(p.toString())).isEqualTo(p);
        assertThat(YamlPath.parse("a[2][3].b").segments()).containsExactly("a", 2, 3, "b");
        assertThat(YamlPath.root()).hasToString("(document)");
        assertThat(YamlPath.root().pointer()).isEmpty();
        assertThat(new YamlPath(List.of("a~b")).pointer()).isEqualTo("/a~0b");
    }
}
