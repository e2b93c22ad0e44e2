package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeAxisTests {
    private static List<String> labels(long domainMs) {
        TimeAxis axis = new TimeAxis(domainMs, 11);
        List<String> out = new ArrayList<>();
        for (long t : axis.ticks()) {
            out.add(axis.label(t));
        }
        return out;
    }

    @Test
    void unitFollowsTheLengthOfTheRun() {
        assertThat(labels(1)).containsExactly("0", "1 ms");
        assertThat(labels(850))
                .containsExactly("0", "100 ms", "200 ms", "300 ms", "400 ms", "500 ms", "600 ms", "700 ms", "800 ms");
        assertThat(labels(8_250)).containsExactly("0", "1 s", "2 s", "3 s", "4 s", "5 s", "6 s", "7 s", "8 s");
        assertThat(labels(2_500)).startsWith("0", "0.25 s", "0.5 s", "0.75 s", "1 s");
        assertThat(labels(200_000))
                .containsExactly(
                        "0",
                        "20 s",
                        "40 s",
                        "1 min",
                        "1 min 20 s",
                        "1 min 40 s",
                        "2 min",
                        "2 min 20 s",
                        "2 min 40 s",
                        "3 min",
                        "3 min 20 s");
        assertThat(labels(45 * 60_000))
                .containsExactly(
                        "0", "5 min", "10 min", "15 min", "20 min", "25 min", "30 min", "35 min", "40 min", "45 min");
        assertThat(labels(7L * 24 * 3_600_000))
                .containsExactly("0", "24 h", "48 h", "72 h", "96 h", "120 h", "144 h", "168 h");
        assertThat(labels(5 * 3_600_000 + 1))
                .containsExactly(
                        "0",
                        "30 min",
                        "1 h",
                        "1 h 30 min",
                        "2 h",
                        "2 h 30 min",
                        "3 h",
                        "3 h 30 min",
                        "4 h",
                        "4 h 30 min",
                        "5 h");
    }

    @Test
    void runsLongerThanAWeekStillGetFewTicks() {
        TimeAxis axis = new TimeAxis(365L * 24 * 3_600_000, 11);
        assertThat(axis.ticks().length).isBetween(2, 12);
    }

    @Test
    void durationsInWords() {
        assertThat(TimeAxis.duration(0)).isEqualTo("0 ms");
        assertThat(TimeAxis.duration(999)).isEqualTo("999 ms");
        assertThat(TimeAxis.duration(12_250)).isEqualTo("12.25 s");
        assertThat(TimeAxis.duration(60_000)).isEqualTo("1 min");
        assertThat(TimeAxis.duration(123_500)).isEqualTo("2 min 3.5 s");
        assertThat(TimeAxis.duration(3_723_000)).isEqualTo("1 h 2 min 3 s");
        assertThat(TimeAxis.duration(3_600_001)).isEqualTo("1 h 0.001 s");
    }
}
