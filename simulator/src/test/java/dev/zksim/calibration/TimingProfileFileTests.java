package dev.zksim.calibration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zksim.model.InvalidInputException;
import dev.zksim.model.zab.TimingProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timing profile files: what is accepted, and every way one is refused (file, line, field, exit-2 paragraph). */
class TimingProfileFileTests {

    @Test
    void fieldsLeftOutKeepTheDefaultAndCommentsAreIgnored() {
        TimingProfile p = TimingProfileFile.parse("p.yaml", """
                # measured somewhere
                messageDelayMs: 7     # median of 12
                syncHandshakeMs: 40
                leaderBindMs: 0
                """);
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        assertThat(p.messageDelayMs()).isEqualTo(7);
        assertThat(p.syncHandshakeMs()).isEqualTo(40);
        assertThat(p.leaderBindMs()).isZero();
        assertThat(p.processStartMs()).isEqualTo(d.processStartMs());
        assertThat(p.quorumWriteMs()).isEqualTo(d.quorumWriteMs());
        assertThat(p.leaderConnectTries()).isEqualTo(d.leaderConnectTries());
    }

    @Test
    void whatWriteWritesReadsBackAsTheSameProfile() {
        TimingProfile p = new TimingProfile(11, 12, 13, 200, 200, 60_000, 14, 15, 5, 100, 16, 17, 18, 19, 20);
        String text = TimingProfileFile.write(p, List.of("header", ""), Map.of("messageDelayMs", "measured 13"));
        assertThat(text).startsWith("# header\n#\n").contains("messageDelayMs: 13   # measured 13\n");
        assertThat(TimingProfileFile.parse("p.yaml", text)).isEqualTo(p);
        assertThat(TimingProfileFile.parse(
                        "p.yaml", TimingProfileFile.write(TimingProfile.FIRST_ESTIMATES, List.of(), Map.of())))
                .isEqualTo(TimingProfile.FIRST_ESTIMATES);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | messageDelayMs: 3\\nmesageDelayMs: 4           | p.yaml:2: mesageDelayMs: unknown field; valid: processStartMs,
            negative value     | messageDelayMs: 3\\nsyncHandshakeMs: -5        | p.yaml:2: syncHandshakeMs: must not be negative, got -5.
            a string           | quorumWriteMs: fast                           | p.yaml:1: quorumWriteMs: 'fast' is not a whole number of milliseconds.
            a fraction         | quorumWriteMs: 2.5                            | p.yaml:1: quorumWriteMs: '2.5' is not a whole number of milliseconds.
            a unit             | quorumWriteMs: 3ms                            | p.yaml:1: quorumWriteMs: '3ms' is not a whole number of milliseconds.
            a list             | quorumWriteMs: [1, 2]                         | p.yaml:1: quorumWriteMs: 'a list' is not a whole number of milliseconds.
            nothing            | quorumWriteMs:                                | p.yaml:1: quorumWriteMs: '' is not a whole number of milliseconds.
            twice              | quorumWriteMs: 1\\n\\nquorumWriteMs: 2          | p.yaml:3: quorumWriteMs: given twice (first on line 1).
            zero tries         | leaderConnectTries: 0                         | p.yaml:1: leaderConnectTries: must be at least 1
            tries as ms        | leaderConnectTries: many                      | p.yaml:1: leaderConnectTries: 'many' is not a whole number of tries.
            min above max      | minNotificationIntervalMs: 900\\nmaxNotificationIntervalMs: 800 | p.yaml:2: maxNotificationIntervalMs: need 0 < minNotificationIntervalMs <= maxNotificationIntervalMs, got 900 and 800.
            zero interval      | minNotificationIntervalMs: 0                  | p.yaml:1: minNotificationIntervalMs: need 0 <
            a list document    | - messageDelayMs: 3                           | p.yaml:1: a timing profile is a mapping of field names to whole milliseconds
            a scalar document  | fast                                          | p.yaml:1: a timing profile is a mapping
            empty              | '# only a comment'                            | p.yaml:1: the file is empty
            two documents      | messageDelayMs: 3\\n---\\nmessageDelayMs: 4     | p.yaml:3: a second YAML document starts here
            broken YAML        | 'messageDelayMs: "3'                          | p.yaml:1: not valid YAML:
            """)
    void badFilesAreRefusedWithFileLineAndField(String what, String yaml, String message) {
        String text = yaml.replace("\\n", "\n");
        assertThatThrownBy(() -> TimingProfileFile.parse("p.yaml", text))
                .as(what)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
