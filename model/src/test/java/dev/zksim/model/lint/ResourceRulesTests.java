package dev.zksim.model.lint;

import static dev.zksim.model.fixture.EnsembleFixture.GIB;
import static dev.zksim.model.fixture.EnsembleFixture.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.Resources;
import org.junit.jupiter.api.Test;

class ResourceRulesTests {

    @Test
    void heapAboveTheRequestIsAnError() {
        var f = EnsembleFixture.tutorial().heap("2G", 2 * GIB);
        assertThat(Lint.of(f, "heap-exceeds-memory-request")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.template.spec.containers[0].resources.requests.memory");
            assertThat(x.message()).contains("--heap=2G (2 GiB)", "1 GiB", "OOM-killed");
            assertThat(x.fix()).contains("3 GiB");
        });
    }

    @Test
    void heapWithinTenPercentOfTheRequestIsAWarning() {
        var f = EnsembleFixture.tutorial().heap("950M", 950 * MIB);
        assertThat(Lint.of(f, "heap-exceeds-memory-request")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("93%");
        });
    }

    @Test
    void heapAtNinetyPercentOrLessIsFine() {
        assertThat(Lint.of(EnsembleFixture.tutorial().heap("921M", 921 * MIB), "heap-exceeds-memory-request"))
                .isEmpty();
        assertThat(Lint.of(EnsembleFixture.tutorial(), "heap-exceeds-memory-request"))
                .isEmpty();
    }

    @Test
    void noMemoryRequestIsAWarningAndNotAHeapError() {
        var f = EnsembleFixture.tutorial().requests(new Resources(500, 0));
        assertThat(Lint.of(f, "memory-request-missing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("--heap=512M (512 MiB)");
        });
        assertThat(Lint.of(f, "heap-exceeds-memory-request")).isEmpty();
    }
}
