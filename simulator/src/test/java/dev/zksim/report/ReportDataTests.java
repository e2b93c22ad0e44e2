package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportDataTests {

    private static StateSpan span(long from, long to) {
        return new StateSpan(from, to, "Ready", 0, "n1", "");
    }

    @Test
    void recordsAreImmutableCopies() {
        List<StateSpan> spans = new ArrayList<>(List.of(span(0, 5)));
        PodLane lane = new PodLane("zk-0", spans);
        spans.add(span(5, 9));
        assertThat(lane.spans()).hasSize(1);
        assertThatThrownBy(() -> lane.spans().add(span(5, 9))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void spansAndIntervalsNeedOrderedNonNegativeTimes() {
        assertThatThrownBy(() -> span(5, 4)).hasMessageContaining("startMs <= endMs");
        assertThatThrownBy(() -> span(-1, 4)).hasMessageContaining("0 <= startMs");
        assertThatThrownBy(() -> new Interval(3, 2, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepMarker(-1, 1, 0, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PodLane("zk-0", List.of(span(0, 10), span(5, 20))))
                .hasMessageContaining("spans of zk-0 must be in time order without overlap");
        assertThat(new PodLane("zk-0", List.of(span(0, 10), span(10, 20), span(30, 40))).spans())
                .hasSize(3);
        assertThatThrownBy(() -> ReportData.builder("t", "model")
                        .leader(0, 10, "a")
                        .leader(9, 12, "b")
                        .build())
                .hasMessageContaining("leaders");
        assertThatThrownBy(() -> ReportData.builder("t", "model")
                        .writable(5, 10)
                        .writable(0, 3)
                        .build())
                .hasMessageContaining("writable");
    }

    @Test
    void fieldsAreChecked() {
        assertThatThrownBy(() -> new StateSpan(0, 1, " ", 0, "", "")).hasMessageContaining("status");
        assertThatThrownBy(() -> new StateSpan(0, 1, "Ready", -1, "", "")).hasMessageContaining("restarts");
        assertThatThrownBy(() -> new StateSpan(0, 1, "Ready", 0, null, "")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new StepMarker(0, 0, 0, "x")).hasMessageContaining("1-based");
        assertThatThrownBy(() -> new VerdictRow(1, 0, "x", "passed", "")).hasMessageContaining("outcome");
        assertThatThrownBy(() -> new Fact("", "1")).hasMessageContaining("name");
        assertThatThrownBy(() -> ReportData.builder("t", "kind").build()).hasMessageContaining("model or real");
        assertThatThrownBy(() -> ReportData.builder("", "model").build()).hasMessageContaining("title");
        assertThatThrownBy(() -> ReportData.builder("t", "model").endMs(-1).build())
                .hasMessageContaining("endMs");
    }

    @Test
    void podsAndStepNumbersAreUniqueAndVerdictsNameListedSteps() {
        assertThatThrownBy(() -> ReportData.builder("t", "model")
                        .lane("zk-0", List.of())
                        .lane("zk-0", List.of())
                        .build())
                .hasMessageContaining("two lanes for pod zk-0");
        assertThatThrownBy(() -> ReportData.builder("t", "model")
                        .step(0, 1, 0, "a")
                        .step(1, 1, 0, "b")
                        .build())
                .hasMessageContaining("two steps numbered 1");
        assertThatThrownBy(() -> ReportData.builder("t", "model")
                        .step(0, 1, 0, "a")
                        .verdict(2, 0, "x", VerdictRow.HELD, "")
                        .build())
                .hasMessageContaining("verdict names step 2");
    }

    @Test
    void logPathsMustStayInsideTheReportDirectory() {
        for (String bad : List.of(
                "/etc/passwd",
                "../x.log",
                "logs/../../x.log",
                "logs//x.log",
                "logs/",
                "./x.log",
                "logs\\zk-0.log",
                " ")) {
            assertThatThrownBy(() -> new LogLink("zk-0", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(new LogLink("zk-0", "logs/zk-0.log").relativePath()).isEqualTo("logs/zk-0.log");
    }

    @Test
    void countsAndOverallVerdict() {
        ReportData data = ReportData.builder("t", "real")
                .step(0, 1, 0, "a")
                .step(0, 2, 0, "b")
                .verdict(1, 0, "x", VerdictRow.HELD, "")
                .verdict(2, 0, "y", VerdictRow.SKIPPED, "")
                .build();
        assertThat(data.passed()).isTrue();
        assertThat(data.count(VerdictRow.SKIPPED)).isEqualTo(1);
        ReportData failed = ReportData.builder("t", "real")
                .step(0, 1, 0, "a")
                .verdict(1, 0, "x", VerdictRow.FAILED, "")
                .build();
        assertThat(failed.passed()).isFalse();
    }
}
