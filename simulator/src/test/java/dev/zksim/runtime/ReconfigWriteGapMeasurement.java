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
 * write-unavailable time is the longest gap between two acknowledged writes that overlaps the reconfig or what
 * follows it until the next one (at most 3 s). Run it with
 * {@code mvn -B -o -pl simulator -am test -Dtest=ReconfigWriteGapMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * -Dzksim.reps=3} (add {@code -Dzksim.direct=true} to write to zk-1 and zk-2 directly instead of through the
 * Service); it prints one line per reconfiguration, and keeps each run's directory (pods' logs: what ZooKeeper did)
 * under the temporary directory, printing where.
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
                RealEngineSettings.defaults()
                        .withProbeWrites(false)
                        .withFaultLayer(false)
                        .withKeep(true))) {
            System.out.println("rep " + rep + ": kept " + engine.directory());
            ScenarioRunner.Session session =
                    ScenarioRunner.create(engine, RunObserver.NONE).open(scenario, seed);
            for (Step step : scenario.steps()) {
                if (writer == null && step instanceof Step.Write) {
                    // through the client Service (what an application sees), or straight to zk-1 and zk-2, which stay
                    // members and never restart before the PVC step (ZooKeeper's own pause, without the client's
                    // one-address reconnect delay)
                    String connect = Boolean.getBoolean("zksim.direct")
                            ? engine.containers()
                                            .orElseThrow()
                                            .podIp("zk-1")
                                            .orElseThrow()
                                            .getHostAddress() + ":2181,"
                                    + engine.containers()
                                            .orElseThrow()
                                            .podIp("zk-2")
                                            .orElseThrow()
                                            .getHostAddress()
                                    + ":2181"
                            : engine.clientService().connectString();
                    writer = new Thread(() -> write(connect, acks, stop), "gap-writer");
                    writer.start();
                }
                List<String> leaders =
                        engine.containers().map(r -> List.copyOf(r.leaders())).orElse(List.of());
                long before = System.currentTimeMillis();
                var result = session.step(step);
                if (result.verdict() == dev.zksim.model.scenario.run.Verdict.FAILED) {
                    System.out.println("rep " + rep + ": FAILED " + result);
                }
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
            List<ScriptReconfig> committed =
                    done.stream().filter(ScriptReconfig::committed).toList();
            for (int k = 0; k < committed.size(); k++) {
                ScriptReconfig r = committed.get(k);
                // the reconfig's window: from its request until 3 s after its answer or the next reconfig's request
                long end = r.endEpochMs() + AFTER_MS;
                if (k + 1 < committed.size()) {
                    end = Math.min(end, committed.get(k + 1).startEpochMs());
                }
                long gap = 0;
                long gapFrom = 0;
                for (int i = 0; i + 1 < sorted.size(); i++) {
                    long a = sorted.get(i);
                    long b = sorted.get(i + 1);
                    if (b >= r.startEpochMs() && a <= end && b - a > gap) {
                        gap = b - a;
                        gapFrom = a - r.startEpochMs();
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "rep %d: %-6s server.%d (%s%s): reconfig %d ms, longest write gap %d ms (from %+d ms)%n",
                        rep,
                        r.op(),
                        r.serverId(),
                        r.pod(),
                        leaderRemoved.contains(r.pod()) && r.op().equals("remove") ? ", the leader" : "",
                        r.endEpochMs() - r.startEpochMs(),
                        gap,
                        gapFrom);
            }
            System.out.printf(
                    Locale.ROOT,
                    "rep %d: %d acknowledged writes, %d script reconfigs: %s%n",
                    rep,
                    sorted.size(),
                    done.size(),
                    done.stream()
                            .map(x -> x.op() + " " + x.serverId() + " " + x.outcome())
                            .toList());
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
