package dev.zksim.model.zab;

import dev.zksim.model.zab.WriteOp.Create;
import dev.zksim.model.zab.WriteOp.SetData;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures (prints, does not assert) how many model runs of about ten mixed steps one thread completes per second: a
 * three-server ensemble started in parallel until every server serves, then ten random steps among writes, reads,
 * crashes with restarts, graceful stops and waits.
 */
class ZabThroughputTests {

    @Test
    void measureRunsPerSecond() {
        SplittableRandom random = new SplittableRandom(2024);
        long warmupEnd = System.nanoTime() + 500_000_000L;
        while (System.nanoTime() < warmupEnd) {
            oneRun(random.nextLong());
        }
        long runs = 0;
        long events = 0;
        long start = System.nanoTime();
        long end = start + 2_000_000_000L;
        while (System.nanoTime() < end) {
            events += oneRun(random.nextLong());
            runs++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "zab model throughput: %.0f runs/s of 10 mixed steps (3 servers, one thread),"
                + " %.0f timeline lines/s%n", runs / seconds, events / seconds);
        assertThat(runs).isPositive();
    }

    /** One run; returns the number of timeline lines as a rough measure of work done. */
    static long oneRun(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Ensemble zk = Ensemble.fastDns(3, seed);
        zk.startParallel();
        zk.awaitAllServing(60_000);
        for (int step = 0; step < 10; step++) {
            int i = r.nextInt(3);
            switch (r.nextInt(6)) {
                case 0 -> zk.model.write(Ensemble.pod(i), new Create("/k" + r.nextInt(4), "v"));
                case 1 -> zk.model.write(Ensemble.pod(i), new SetData("/k" + r.nextInt(4), "w"));
                case 2 -> zk.model.read(Ensemble.pod(i), "/k" + r.nextInt(4), r.nextBoolean());
                case 3 -> {
                    zk.stop(i, true);
                    zk.runFor(500);
                    zk.start(i);
                }
                case 4 -> zk.stop(i, false);
                default -> zk.runFor(r.nextBoolean() ? 1_000 : 5_000);
            }
        }
        zk.runFor(5_000);
        return zk.model.history().timeline().size();
    }
}
