package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.ContainerSpec.Mount;
import java.util.List;
import org.junit.jupiter.api.Test;

class StorageRulesTests {

    @Test
    void dataDirOutsideTheClaimMountIsAnError() {
        var f = EnsembleFixture.tutorial().dataDir("/data").dataLogDir("/var/lib/zookeeper/log");
        assertThat(Lint.of(f, "data-dir-not-persistent")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].command --data_dir");
            assertThat(x.message()).contains("--data_dir=/data", "no volume mount", "acknowledged writes are lost");
        });
    }

    @Test
    void siblingDirectoryWithTheSamePrefixIsNotUnderTheMount() {
        var f = EnsembleFixture.tutorial().dataDir("/var/lib/zookeeper-data").dataLogDir("/var/lib/zookeeper/");
        assertThat(Lint.of(f, "data-dir-not-persistent")).singleElement().satisfies(x -> assertThat(x.path())
                .endsWith("--data_dir"));
    }

    @Test
    void aDeeperNonClaimMountShadowsTheClaim() {
        var f = EnsembleFixture.tutorial()
                .mounts(List.of(
                        new Mount("datadir", "/var/lib/zookeeper"),
                        new Mount("scratch", "/var/lib/zookeeper/data/log/")));
        assertThat(Lint.of(f, "data-dir-not-persistent")).singleElement().satisfies(x -> {
            assertThat(x.path()).endsWith("--data_log_dir");
            assertThat(x.message()).contains("volume mount scratch", "not a volumeClaimTemplate");
        });
    }

    @Test
    void noClaimTemplatesAtAll() {
        var f = EnsembleFixture.tutorial()
                .claims(List.of())
                .mounts(List.of(new Mount("datadir", "/var/lib/zookeeper")));
        assertThat(Lint.of(f, "data-dir-not-persistent")).hasSize(2).allSatisfy(x -> assertThat(x.message())
                .contains("there are none"));
    }

    @Test
    void unmountedClaimTemplateIsAWarning() {
        var f = EnsembleFixture.tutorial().mounts(List.of());
        assertThat(Lint.of(f, "volume-claim-template-unmounted"))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.severity()).isEqualTo(Severity.WARNING);
                    assertThat(x.path()).isEqualTo("spec.volumeClaimTemplates[0]");
                    assertThat(x.message()).contains("datadir-zk-0");
                });
        assertThat(Lint.of(f, "data-dir-not-persistent")).hasSize(2);
    }

    @Test
    void rootMountCoversEverything() {
        var f = EnsembleFixture.tutorial().mounts(List.of(new Mount("datadir", "/")));
        assertThat(Lint.all(f)).isEmpty();
    }
}
