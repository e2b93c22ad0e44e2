package dev.zksim.benchmarks;

import dev.zksim.model.time.VirtualScheduler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the model's event loop: schedule and run {@code events} timer events in virtual time.
 * Mode: average time per batch; 3 warmup and 5 measurement iterations of 1 s; 1 fork.
 *
 * <p>How to run: {@code mvn -B -q -DskipTests package && java -jar benchmarks/target/benchmarks.jar VirtualScheduler}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class VirtualSchedulerBenchmark {
    @Param({"1000", "100000"})
    int events;

    @Benchmark
    public long scheduleAndRun() {
        VirtualScheduler s = new VirtualScheduler();
        long[] sum = new long[1];
        for (int i = 0; i < events; i++) {
            long d = (i * 7919L) % 10_000;
            s.schedule(d, "e", () -> sum[0] += d);
        }
        s.runUntil(10_000);
        return sum[0];
    }
}
