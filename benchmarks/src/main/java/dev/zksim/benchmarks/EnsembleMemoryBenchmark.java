package dev.zksim.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Memory of a running ensemble of real ZooKeeper 3.9.4 servers in zksim's real engine ({@link EngineEnsemble}), in a
 * fresh JVM (one fork, one iteration): the ensemble is applied, awaited until every server serves, given
 * {@value #WRITES} znodes of 1 KiB (ZooKeeper's own client), and then measured after two full GCs. The primary
 * result (SingleShotTime, ms) is the time from {@code kubectl apply} to that point; the secondary results
 * ({@link Footprint}) are the JVM's heap in use after GC ({@code heapAfterGcMiB}), the same minus what the JVM held
 * before the ensemble started
 * ({@code ensembleHeapMiB}), and the process's resident set ({@code rssMiB}, {@code VmRSS} of
 * {@code /proc/self/status}, JVM and JMH included).
 *
 * <p>Run: {@code benchmarks/run.sh --quick EnsembleMemory} or
 * {@code java -jar benchmarks/target/benchmarks.jar EnsembleMemory -p servers=5}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(1)
@State(Scope.Benchmark)
public class EnsembleMemoryBenchmark {
    static final int WRITES = 1_000;

    @Param({"5"})
    int servers;

    private EngineEnsemble ensemble;
    private long heapBeforeBytes;

    /** The footprint, MiB (JMH event counters; one iteration, so the sum is the value). */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Footprint {
        public long heapAfterGcMiB;
        public long ensembleHeapMiB;
        public long rssMiB;

        @Setup(Level.Iteration)
        public void reset() {
            heapAfterGcMiB = 0;
            ensembleHeapMiB = 0;
            rssMiB = 0;
        }
    }

    @Setup(Level.Iteration)
    public void baseline() {
        heapBeforeBytes = heapAfterGc();
        ensemble = EngineEnsemble.create(servers, true);
    }

    @Benchmark
    public void runningEnsemble(Footprint footprint) {
        ensemble.apply();
        ensemble.awaitSteady();
        java.net.InetSocketAddress a = ensemble.clientAddress(ensemble.leader());
        org.apache.zookeeper.ZooKeeper zk =
                PlainZooKeeperClient.open(a.getAddress().getHostAddress() + ":" + a.getPort());
        try {
            byte[] value = new byte[1024];
            for (int i = 0; i < WRITES; i++) {
                String path = "/m" + i;
                PlainZooKeeperClient.call(() -> zk.create(
                        path,
                        value,
                        org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        org.apache.zookeeper.CreateMode.PERSISTENT));
            }
        } finally {
            PlainZooKeeperClient.close(zk);
        }
        long heap = heapAfterGc();
        footprint.heapAfterGcMiB = heap >> 20;
        footprint.ensembleHeapMiB = Math.max(0, heap - heapBeforeBytes) >> 20;
        footprint.rssMiB = rssBytes() >> 20;
    }

    @TearDown(Level.Iteration)
    public void close() {
        if (ensemble != null) {
            ensemble.close();
            ensemble = null;
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        m.gc();
        m.gc();
        return m.getHeapMemoryUsage().getUsed();
    }

    /** {@code VmRSS} of {@code /proc/self/status} (Linux), bytes; 0 elsewhere. */
    static long rssBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
