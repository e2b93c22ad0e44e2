package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.manifest.ManifestLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start script of k8s-manifests/zookeeper-reconfig.yaml, run by bash exactly as the manifest gives it, with the
 * image's commands ({@code hostname}, {@code zkCli.sh}, {@code zkServer.sh}, {@code nc}) replaced by stubs that
 * record what they are asked and answer as the ensemble would: which member list each start writes (first start,
 * joining, restart with the ensemble down, nothing to go on), and that a joining server adds itself once it serves.
 * The engines act the script out in Java; this is what keeps the shipped manifest's bash honest.
 */
class ReconfigStartScriptTests {
    private static final String DOMAIN = "zk-hs.default.svc.cluster.local";

    @TempDir
    Path dir;

    private List<String> command;
    private Path state;
    private Path vol;

    @BeforeEach
    void stubs() throws IOException {
        Assumptions.assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/bash")) || Files.isExecutable(Path.of("/bin/bash")));
        command = ManifestLoader.loadStrict(dev.zksim.cli.CliRun.manifest("zookeeper-reconfig.yaml"))
                .statefulSet()
                .template()
                .container()
                .command();
        state = Files.createDirectories(dir.resolve("state"));
        vol = Files.createDirectories(dir.resolve("vol"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        stub(bin, "hostname", "[ \"$1\" = -s ] && cat " + state + "/host || echo " + DOMAIN);
        // zkCli.sh: 'config' prints the committed members (state/members, absent: no ensemble answers);
        // 'reconfig -add LINE' commits LINE (the client address as zkCli prints it) and records the call
        stub(
                bin,
                "zkCli.sh",
                "echo \"$@\" >> " + state + "/zkcli.calls\n"
                        + "case \"$3\" in\n"
                        + "  config) [ -f " + state + "/members ] || exit 1; cat " + state + "/members;"
                        + " echo version=100000001 ;;\n"
                        + "  reconfig) echo \"$5\" | sed 's/;\\([0-9]*\\)$/;0.0.0.0:\\1/' >> " + state + "/members;"
                        + " touch " + state + "/added ;;\n"
                        + "esac");
        stub(bin, "nc", "cat > /dev/null; echo 'Mode: follower'");
        // zkServer.sh start-foreground CFG: records its files, then runs until the script's background add loop (its
        // child once bash exec'd it) has ended, at most 30 s
        stub(
                bin,
                "zkServer.sh",
                "cp \"$2\" " + state + "/zoo.cfg; cp \"$(dirname \"$2\")/zoo.cfg.dynamic\" " + state + "/dynamic\n"
                        + "echo \"$SERVER_JVMFLAGS\" > " + state + "/jvmflags\n"
                        + "for i in $(seq 1 300); do [ \"$(ps --ppid $$ -o comm= | grep -c bash)\" = 0 ] && exit 0;"
                        + " sleep 0.1; done");
    }

    private static void stub(Path bin, String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Run(int code, String out) {}

    /** Runs the manifest's command as pod {@code pod}, with the volume under the temp dir, to its end. */
    private Run start(String pod, String... extraFlags) throws Exception {
        Files.writeString(state.resolve("host"), pod + "\n");
        List<String> cmd = new ArrayList<>();
        for (String word : command) {
            cmd.add(word.replace("/var/lib/zookeeper", vol.toString()));
        }
        cmd.addAll(List.of(extraFlags));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private String file(String name) throws IOException {
        return Files.readString(state.resolve(name));
    }

    private static String line(int myid, String client) {
        return "server." + myid + "=zk-" + (myid - 1) + "." + DOMAIN + ":2888:3888:participant;" + client;
    }

    @Test
    void zk0WithNoEnsembleAndAnEmptyVolumeBootstrapsAloneAndWritesTheStaticFile() throws Exception {
        Run r = start("zk-0");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(file("dynamic")).isEqualTo(line(1, "2181") + "\n");
        assertThat(file("zoo.cfg"))
                .contains("reconfigEnabled=true\n", "standaloneEnabled=false\n", "skipACL=yes\n")
                .contains("dynamicConfigFile=" + vol + "/conf/zoo.cfg.dynamic\n", "autopurge.purgeInterval=12\n")
                .doesNotContain("clientPort");
        assertThat(Files.readString(vol.resolve("data/myid"))).isEqualTo("1\n");
        assertThat(file("jvmflags")).isEqualTo("-Xmx512M -Xms512M\n");
    }

    @Test
    void aJoiningServerStartsWithTheCommittedMembersPlusItselfAndAddsItselfOnceItServes() throws Exception {
        Files.writeString(state.resolve("members"), line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n");
        Run r = start("zk-2");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(file("dynamic"))
                .isEqualTo(line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n" + line(3, "2181") + "\n");
        assertThat(file("zkcli.calls"))
                .contains("-server zk-cs:2181 config\n")
                .contains("-server 127.0.0.1:2181 reconfig -add " + line(3, "2181") + "\n");
        assertThat(file("members")).endsWith(line(3, "0.0.0.0:2181") + "\n");
    }

    @Test
    void aMemberThatIsAlreadyCommittedIsNotAddedAgainAndItsOwnLineIsTheScripts() throws Exception {
        Files.writeString(
                state.resolve("members"),
                line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n" + line(3, "0.0.0.0:2181") + "\n");
        Run r = start("zk-1");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(file("dynamic"))
                .isEqualTo(line(1, "0.0.0.0:2181") + "\n" + line(3, "0.0.0.0:2181") + "\n" + line(2, "2181") + "\n");
        assertThat(file("zkcli.calls")).doesNotContain("reconfig");
    }

    @Test
    void withTheEnsembleDownARestartUsesTheNewestMemberListOnItsVolume() throws Exception {
        Path conf = Files.createDirectories(vol.resolve("conf"));
        Path newest = conf.resolve("zoo.cfg.dynamic.100000007");
        Files.writeString(newest, line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n");
        Files.writeString(conf.resolve("zoo.cfg"), "dataDir=x\ndynamicConfigFile=" + newest + "\n");
        Files.writeString(conf.resolve("zoo.cfg.dynamic"), line(2, "0.0.0.0:2181") + "\n"); // stale
        Run r = start("zk-1");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(file("dynamic")).isEqualTo(line(1, "0.0.0.0:2181") + "\n" + line(2, "2181") + "\n");
    }

    @Test
    void anotherPodWithNothingToGoOnExitsOneAndTheServerIsNotStarted() throws Exception {
        Run r = start("zk-1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("no ensemble answers on zk-cs:2181 and no member list on the volume");
        assertThat(state.resolve("zoo.cfg")).doesNotExist();
    }

    /**
     * --participants=3 (zookeeper-observers.yaml, issue #15): zk-3 writes and adds its own line as an observer; zk-2
     * stays a participant; a value the loader refuses makes the script exit 1 before it writes anything.
     */
    @Test
    void fromTheParticipantsOrdinalOnAPodJoinsAsAnObserver() throws Exception {
        String members =
                line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n" + line(3, "0.0.0.0:2181") + "\n";
        Files.writeString(state.resolve("members"), members);
        Run r = start("zk-3", "--participants=3");
        assertThat(r.code()).as(r.out()).isZero();
        String observer = "server.4=zk-3." + DOMAIN + ":2888:3888:observer;2181";
        assertThat(file("dynamic")).isEqualTo(members + observer + "\n");
        assertThat(file("zkcli.calls")).contains("-server 127.0.0.1:2181 reconfig -add " + observer + "\n");

        Files.writeString(state.resolve("members"), line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n");
        Files.deleteIfExists(state.resolve("zkcli.calls"));
        r = start("zk-2", "--participants=3");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(file("dynamic")).endsWith(line(3, "2181") + "\n");
    }

    @Test
    void theScriptRefusesAParticipantsValueAsZksimsLoaderDoes() throws Exception {
        for (String bad : List.of("--participants=0", "--participants=three", "--participants=-1")) {
            Run r = start("zk-0", bad);
            assertThat(r.code()).as(bad).isEqualTo(1);
            assertThat(r.out()).as(bad).contains("is not a whole number above 0");
            assertThat(state.resolve("zoo.cfg")).as(bad).doesNotExist();
        }
    }

    @Test
    void theScriptRejectsServersAsZksimsLoaderDoes() throws Exception {
        Run r = start("zk-0", "--servers=3");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Unknown option --servers=3");
    }

    /** The preStop hook's command, read from the manifest (zksim's loader keeps only the ZooKeeper container's start). */
    private static List<String> preStop() throws IOException {
        com.fasterxml.jackson.databind.ObjectMapper yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        try (var docs = yaml.readerFor(com.fasterxml.jackson.databind.JsonNode.class)
                .readValues(
                        dev.zksim.cli.CliRun.manifest("zookeeper-reconfig.yaml").toFile())) {
            while (docs.hasNext()) {
                com.fasterxml.jackson.databind.JsonNode doc = (com.fasterxml.jackson.databind.JsonNode) docs.next();
                if (doc.path("kind").asText().equals("StatefulSet")) {
                    List<String> cmd = new ArrayList<>();
                    doc.at("/spec/template/spec/containers/0/lifecycle/preStop/exec/command")
                            .forEach(w -> cmd.add(w.asText()));
                    return cmd;
                }
            }
        }
        throw new AssertionError("no StatefulSet");
    }

    @Test
    void preStopRemovesTheServerAndEndsOnceTheCommittedConfigNoLongerListsIt() throws Exception {
        Files.writeString(
                state.resolve("members"),
                line(1, "0.0.0.0:2181") + "\n" + line(2, "0.0.0.0:2181") + "\n" + line(3, "0.0.0.0:2181") + "\n");
        Files.createDirectories(vol.resolve("data"));
        Files.writeString(vol.resolve("data/myid"), "2\n");
        // zkCli.sh 'reconfig -remove ID' commits a config without that server
        stub(
                dir.resolve("bin"),
                "zkCli.sh",
                "echo \"$@\" >> " + state + "/zkcli.calls\n"
                        + "case \"$3\" in\n"
                        + "  config) cat " + state + "/members ;;\n"
                        + "  reconfig) grep -v \"^server\\.$5=\" " + state + "/members > " + state + "/m; mv " + state
                        + "/m " + state + "/members ;;\n"
                        + "esac");
        List<String> cmd = new ArrayList<>();
        for (String word : preStop()) {
            cmd.add(word.replace("/var/lib/zookeeper", vol.toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", dir.resolve("bin") + ":/usr/bin:/bin");
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("preStop ends").isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(file("zkcli.calls")).containsOnlyOnce("reconfig -remove 2");
        assertThat(file("members")).doesNotContain("server.2=").contains("server.1=", "server.3=");
    }
}
