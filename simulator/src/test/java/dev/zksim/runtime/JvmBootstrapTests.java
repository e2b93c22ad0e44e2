package dev.zksim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a {@code main} must do for the cluster DNS to work, proven in fresh JVMs (no surefire argLine there):
 * {@link JvmHostsFile#bootstrap()} as the first statement works; a name lookup before it makes
 * {@link JvmHostsFile#get()} refuse with an explanation instead of resolving wrongly.
 */
class JvmBootstrapTests {

    /** The child JVM's main. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            if (args.length > 0 && args[0].equals("lookup-first")) {
                InetAddress.getByName("localhost");
            }
            JvmHostsFile.bootstrap();
            try {
                JvmHostsFile.Zone z = JvmHostsFile.get().openZone("boot.local");
                z.replace(new TreeMap<>(
                        Map.of("zk-0.zk-hs.default.svc.boot.local", List.of(InetAddress.getByName("127.77.0.2")))));
                System.out.println("resolved "
                        + InetAddress.getByName("zk-0.zk-hs.default.svc.boot.local")
                                .getHostAddress());
            } catch (IllegalStateException e) {
                System.out.println("refused: " + e.getMessage());
            }
        }
    }

    private static String runChild(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Child.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void bootstrapFirstThingInMainMakesClusterDnsWork() throws Exception {
        assertThat(runChild(List.of())).contains("resolved 127.77.0.2");
    }

    @Test
    void aLookupBeforeBootstrapIsDetected() throws Exception {
        assertThat(runChild(List.of(), "lookup-first")).contains("refused: cluster DNS does not work in this JVM");
    }

    @Test
    void forkArgumentsMakeEvenAnEarlyLookupHarmless(@TempDir Path dir) throws Exception {
        assertThat(runChild(JvmHostsFile.forkArguments(dir), "lookup-first")).contains("resolved 127.77.0.2");
    }
}
