package dev.zksim.runtime;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.ScenarioRunner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (surefire's default includes skip its name; {@code mvn verify} never runs it): the
 * write-unavailable time of each reconfiguration of {@code scenarios/reconfig/scale-3-5-3.yaml} in the real engine.
 * One client writes {@code /gap} through the client Service (the engine's kube-proxy-like forwarder) back to back
 * the whole run; for each {@code reconfig} a pod's script ran ({@link RealContainerRuntime#scriptReconfigs()}), the
 * write-unavailable time is the longest gap between two acknowledged writes that overlaps the reconfig or the 3 s
 * after it. Run it with
 * {@code mvn -B -o -pl simulator -am test -Dtest=ReconfigWriteGapMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dzksim.reps=3}; it prints one line per reconfiguration.
 */
class ReconfigWriteGapMeasurement {
    private static final long AFTER_MS = 3_000;

    @Test
    void measure() throws Exception {
        int reps = Integer.getInteger("zksim.reps", 3);
        Scenario scenario = ScenarioParser.parse(ReconfigScaleTests.SCENARIO);
        for (int rep = 1; rep <= reps; rep++) {
            runOnce(scenario, rep);
        }
    }

    private static void runOnce(Scenario scenario, int rep) throws Exception {
        long seed = scenario.seed().orElse(Scenario.DEFAULT_SEED);
        List<Long> acks = new ArrayList<>();
        List<String> leaderRemoved = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = null;
        try (RealEngine engine = RealEngine.create(
                new EngineSetup(scenario.cluster(), scenario.timing(), seed),
                RealEngineSettings.defaults().withProbeWrites(false).withFaultLayer(false))) {
            ScenarioRunner.Session session =
                    ScenarioRunner.create(engine, RunObserver.NONE).open(scenario, seed);
            for (Step step : scenario.steps()) {
                if (writer == null && step instanceof Step.Write) {
                    String connect = engine.clientService().connectString();
                    writer = new Thread(() -> write(connect, acks, stop), "gap-writer");
                    writer.start();
                }
                List<String> leaders =
                        engine.containers().map(r -> List.copyOf(r.leaders())).orElse(List.of());
                long before = System.currentTimeMillis();
                session.step(step);
                if (step instanceof Step.DeletePod) {
                    engine.containers().ifPresent(r -> r.scriptReconfigs().stream()
                            .filter(x -> x.startEpochMs() >= before && x.op().equals("remove"))
                            .filter(x -> leaders.contains(x.pod()))
                            .forEach(x -> leaderRemoved.add(x.pod())));
                }
            }
            session.finish();
            stop.set(true);
            writer.join(30_000);
            List<ScriptReconfig> done = engine.containers().orElseThrow().scriptReconfigs();
            List<Long> sorted;
            synchronized (acks) {
                sorted = new ArrayList<>(acks);
            }
            for (ScriptReconfig r : done) {
                if (!r.committed()) {
                    continue;
                }
                long gap = 0;
                for (int i = 0; i + 1 < sorted.size(); i++) {
                    long a = sorted.get(i);
                    long b = sorted.get(i + 1);
                    if (b >= r.startEpochMs() && a <= r.endEpochMs() + AFTER_MS) {
                        gap = Math.max(gap, b - a);
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "rep %d: %-6s server.%d (%s%s): reconfig %d ms, longest write gap %d ms%n",
                        rep,
                        r.op(),
                        r.serverId(),
                        r.pod(),
                        leaderRemoved.contains(r.pod()) && r.op().equals("remove") ? ", the leader" : "",
                        r.endEpochMs() - r.startEpochMs(),
                        gap);
            }
            System.out.printf(Locale.ROOT, "rep %d: %d acknowledged writes%n", rep, sorted.size());
        } finally {
            stop.set(true);
        }
    }

    /** Sets {@code /gap} back to back, recording each acknowledgement's wall time; reconnects as a client does. */
    private static void write(String connect, List<Long> acks, AtomicBoolean stop) {
        CountDownLatch connected = new CountDownLatch(1);
        Watcher w = e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        };
        try (ZooKeeper zk = new ZooKeeper(connect, 10_000, w)) {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                return;
            }
            try {
                zk.create("/gap", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
            } catch (KeeperException.NodeExistsException e) {
                // a retried create
            }
            long n = 0;
            while (!stop.get()) {
                try {
                    zk.setData("/gap", Long.toString(n++).getBytes(StandardCharsets.US_ASCII), -1);
                    synchronized (acks) {
                        acks.add(System.currentTimeMillis());
                    }
                } catch (KeeperException e) {
                    Awaits.pause(5);
                }
            }
        } catch (Exception e) {
            System.out.println("writer ended: " + e);
        }
    }
}
