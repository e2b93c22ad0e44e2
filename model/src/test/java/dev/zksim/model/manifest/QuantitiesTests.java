package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Kubernetes quantities parse exactly and round up like Quantity.Value() / MilliValue(). */
class QuantitiesTests {

    @ParameterizedTest
    @CsvSource({
        "0.5,500",
        "500m,500",
        "2,2000",
        "100m,100",
        "0.1,100",
        "1.5,1500",
        "1e3,1000000",
        "1E+3,1000000",
        "250u,1",
        "1n,1",
        ".5,500",
        "5.,5000",
        "1k,1000000"
    })
    void cpu(String q, long millis) {
        assertThat(Quantities.cpuMillis(q)).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({
        "1Gi,1073741824",
        "512Mi,536870912",
        "512M,512000000",
        "2G,2000000000",
        "10Gi,10737418240",
        "1Ki,1024",
        "1k,1000",
        "1e3,1000",
        "1.5Gi,1610612736",
        "100m,1",
        "128974848,128974848",
        "1Ti,1099511627776",
        "0,0"
    })
    void bytes(String q, long bytes) {
        assertThat(Quantities.bytes(q)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1GB", "1gi", "1K", "abc", "1.2.3", "1Gi5", "1e", "Gi", "true", "1 Gi"})
    void rejectsWhatKubernetesRejects(String q) {
        assertThatThrownBy(() -> Quantities.parse(q))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Kubernetes quantity");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-500m"})
    void negativeRequestsAreRejected(String q) {
        assertThatThrownBy(() -> Quantities.bytes(q)).hasMessageContaining("negative");
    }
}
