package dev.zksim.cli;

import static dev.zksim.cli.CliRun.zksim;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zksim.calibration.TimingProfileFile;
import dev.zksim.model.zab.TimingProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zksim calibrate} and {@code zksim run --timing-profile}: a bad profile is exit 2 with one paragraph, a
 * profile changes what the model predicts, and one short real calibration run writes a profile the model reads
 * (about 15–25 s on the shared 2 cores at load 15: one fresh 3-server ensemble, two failovers).
 */
class CalibrateCommandTests {
    static final Path ROOT = CliRun.root();
    static final String POD_DELETED =
            ROOT.resolve("benchmarks/scenarios/calibration/pod-deleted.yaml").toString();

    @Test
    void aBadTimingProfileIsExitTwoWithOneParagraphNamingFileLineAndField(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "messageDelayMs: 3\nsyncHandshakeMs: -5\n");
        CliRun r = zksim("run", POD_DELETED, "--timing-profile", bad.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("zksim: " + bad + ":2: syncHandshakeMs: must not be negative, got -5.");
        assertThat(r.out()).isEmpty();

        CliRun explore = zksim(
                "explore",
                ROOT.resolve("k8s-manifests/zookeeper.yaml").toString(),
                "--runs",
                "1",
                "--timing-profile",
                bad.toString());
        assertThat(explore.code()).isEqualTo(2);
        assertThat(explore.err()).contains(bad + ":2: syncHandshakeMs: must not be negative, got -5.");

        Files.writeString(bad, "messageDelayMs: 3\nfinalizeWait: 200\n");
        CliRun unknown = zksim("run", POD_DELETED, "--timing-profile", bad.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("zksim: " + bad + ":2: finalizeWait: unknown field; valid: ");

        CliRun missing = zksim(
                "run", POD_DELETED, "--timing-profile", dir.resolve("none.yaml").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.yaml: --timing-profile: cannot read the timing profile");
    }

    @Test
    void aTimingProfileIsRefusedForTheRealEngine(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, "messageDelayMs: 3\n");
        CliRun r = zksim("run", POD_DELETED, "--engine", "real", "--timing-profile", p.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--timing-profile: a timing profile sets the model engine's durations");
    }

    /** Break: ignore --timing-profile in RunCommand (use the default profile) and the outages are equal. */
    @Test
    void theTimingProfileChangesTheModelsFailover(@TempDir Path dir) throws IOException {
        TimingProfile d = TimingProfile.ZOOKEEPER_3_9_DEFAULTS;
        TimingProfile slowSync = new TimingProfile(
                d.processStartMs(),
                d.recoveryMsPerThousandTxns(),
                d.messageDelayMs(),
                d.finalizeWaitMs(),
                d.minNotificationIntervalMs(),
                d.maxNotificationIntervalMs(),
                d.followerSetupMs(),
                d.leaderBindMs(),
                d.leaderConnectTries(),
                d.leaderConnectRetryMs(),
                d.syncHandshakeMs() + 500,
                d.syncMsPerThousandTxns(),
                d.snapTransferMs(),
                d.quorumWriteMs(),
                d.followerCommitLagMs());
        Path p = dir.resolve("slow-sync.yaml");
        Files.writeString(p, TimingProfileFile.write(slowSync, List.of("test"), Map.of()));
        long base = outageAfterStart(zksim("run", POD_DELETED, "--json", "-"));
        long slow = outageAfterStart(zksim("run", POD_DELETED, "--json", "-", "--timing-profile", p.toString()));
        assertThat(base).isPositive();
        assertThat(slow - base)
                .as("the sync handshake is on the failover's path")
                .isEqualTo(500);
    }

    /** The model's write outage after the start-up: the windows that do not begin at 0. */
    static long outageAfterStart(CliRun r) throws IOException {
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        long sum = 0;
        for (JsonNode w : json.path("zookeeper").path("writeUnavailable")) {
            if (w.path("fromMs").asLong() > 0) {
                sum += w.path("durationMs").asLong();
            }
        }
        return sum;
    }

    @Test
    void badCalibrateOptionsAreExitTwo(@TempDir Path dir) {
        CliRun runs = zksim("calibrate", "--runs", "0");
        assertThat(runs.code()).isEqualTo(2);
        assertThat(runs.err()).contains("--runs: '0' is not a number of runs; give 1 to 1000.");
        CliRun manifest =
                zksim("calibrate", "--manifest", dir.resolve("nope.yaml").toString());
        assertThat(manifest.code()).isEqualTo(2);
        assertThat(manifest.err()).contains("nope.yaml: --manifest: no such file");
    }

    /**
     * One short real run (no recovery writes): every measured field of the written profile says "measured", and the
     * model runs a scenario with it. Break: a wrong pattern in CalibrationLog (e.g. "- LOOKING" spelled otherwise)
     * leaves processStartMs "not measured".
     */
    @Test
    void oneRealCalibrationRunWritesAProfileTheModelRuns(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("profile.yaml");
        CliRun r = zksim(
                "calibrate",
                "--runs",
                "1",
                "--writes",
                "3",
                "--recovery-txns",
                "0",
                "--manifest",
                ROOT.resolve("k8s-manifests/zookeeper.yaml").toString(),
                "--out",
                out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out())
                .contains("run 1/1 done in")
                .contains("message_delay")
                .contains("timing profile: " + out);
        String text = Files.readString(out);
        assertThat(text).contains("# Load average (1/5/15 min): ").contains("# Machine: ");
        for (String field : List.of(
                "processStartMs",
                "messageDelayMs",
                "leaderBindMs",
                "followerSetupMs",
                "syncHandshakeMs",
                "quorumWriteMs")) {
            assertThat(text).as(field).containsPattern("(?m)^" + field + ": \\d+   # measured \\d+ \\(");
        }
        assertThat(text).containsPattern("(?m)^recoveryMsPerThousandTxns: \\d+   # not measured in these runs");
        TimingProfile p = TimingProfileFile.read(out);
        assertThat(p.finalizeWaitMs()).isEqualTo(200);
        CliRun run = zksim("run", POD_DELETED, "--timing-profile", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
    }
}
