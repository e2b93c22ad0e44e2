package dev.zksim.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.zksim.model.InvalidInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What kubectl would reject but zksim can still read comes back as problems, with path and line. */
class ManifestProblemTests {
    static final Path DIR = MalformedManifestTests.DIR;

    @Test
    void unknownFieldsAreReportedWithPathLineAndSuggestion() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("unknown-fields.yaml"));
        assertThat(m.problems())
                .extracting(
                        ManifestProblem::kind,
                        ManifestProblem::documentIndex,
                        p -> p.path().toString(),
                        ManifestProblem::line)
                .containsExactly(
                        tuple(ManifestProblem.ProblemKind.UNKNOWN_FIELD, 2, "spec.selector.matchLabel", 39),
                        tuple(ManifestProblem.ProblemKind.UNKNOWN_FIELD, 3, "spec.foo", 56),
                        tuple(
                                ManifestProblem.ProblemKind.UNKNOWN_FIELD,
                                3,
                                "spec.template.spec.containers[0].resourcs",
                                76));
        assertThat(m.problems().get(0).message()).contains("did you mean 'matchLabels'?");
        assertThat(m.problems().get(2).message())
                .contains("did you mean 'resources'?")
                .contains("unknown field \"spec.template.spec.containers[0].resourcs\"");
        assertThat(m.problems()).allMatch(ManifestProblem::rejectedByKubectl);
        // The typo is ignored: the limit under 'resourcs' does not become a request.
        assertThat(m.spec().statefulSet().template().container().requests()).isEqualTo(new Resources(500, 1L << 30));
    }

    @Test
    void duplicateKeysAreReportedAndTheLastValueWins() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("duplicate-keys.yaml"));
        assertThat(m.problems())
                .extracting(ManifestProblem::kind, p -> p.path().toString(), ManifestProblem::line)
                .containsExactly(
                        tuple(ManifestProblem.ProblemKind.DUPLICATE_KEY, "metadata.labels.app", 24),
                        tuple(ManifestProblem.ProblemKind.DUPLICATE_KEY, "spec.replicas", 52));
        assertThat(m.problems().get(1).message()).contains("first at line 51");
        assertThat(m.spec().statefulSet().replicas()).isEqualTo(5);
        // The source map follows the value that won.
        assertThat(m.spec().sourceMap().line(3, "/spec/replicas")).hasValue(52);
    }

    @Test
    void removedApiVersionsAreReportedAndReadAsTheCurrentVersion() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("removed-api-versions.yaml"));
        assertThat(m.problems())
                .extracting(ManifestProblem::kind, ManifestProblem::line)
                .containsExactly(
                        tuple(ManifestProblem.ProblemKind.REMOVED_API_VERSION, 31),
                        tuple(ManifestProblem.ProblemKind.REMOVED_API_VERSION, 41));
        assertThat(m.problems().get(0).message()).contains("policy/v1beta1").contains("Kubernetes 1.25");
        assertThat(m.problems().get(1).message()).contains("apps/v1beta1").contains("Kubernetes 1.16");
        assertThat(m.spec().statefulSet().replicas()).isEqualTo(3);
    }

    @Test
    void configMapsAndEmptyDocumentsAreSkipped() {
        LoadedManifest m = ManifestLoader.load(DIR.resolve("with-configmap.yaml"));
        assertThat(m.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ManifestProblem.ProblemKind.IGNORED_OBJECT);
            assertThat(p.rejectedByKubectl()).isFalse();
            assertThat(p.line()).isEqualTo(4);
        });
        assertThat(m.spec().statefulSet().documentIndex()).isEqualTo(4); // the trailing empty document is skipped
        assertThat(ManifestLoader.loadStrict(DIR.resolve("with-configmap.yaml")))
                .isEqualTo(m.spec());
    }

    @Test
    void strictLoadingFailsOnTheFirstProblemKubectlRejects() {
        assertThatThrownBy(() -> ManifestLoader.loadStrict(DIR.resolve("unknown-fields.yaml")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(
                        DIR.resolve("unknown-fields.yaml") + ":39: spec.selector.matchLabel: unknown field");
        assertThatThrownBy(() -> ManifestLoader.loadStrict(DIR.resolve("duplicate-keys.yaml")))
                .hasMessageContaining(":24: metadata.labels.app: the key 'app' appears twice");
        assertThatThrownBy(() -> ManifestLoader.loadStrict(DIR.resolve("removed-api-versions.yaml")))
                .hasMessageContaining(":31: apiVersion: apiVersion policy/v1beta1");
    }
}
