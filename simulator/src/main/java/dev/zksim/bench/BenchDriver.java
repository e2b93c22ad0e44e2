package dev.zksim.bench;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.model.scenario.engine.ClusterView;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.StatefulSetView;
import dev.zksim.model.scenario.engine.WriteOutcome;
import dev.zksim.model.scenario.engine.ZooKeeperClient;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The few things every built-in workload does to an engine, each bounded, through the engine contract only, so the
 * model engine and the real engine run the same code: apply and reach a steady ensemble, write through the client
 * Service until ZooKeeper acknowledges, find the leader and its node. Times are engine milliseconds ({@link
 * Engine#nowMs()}): virtual in the model, Kubernetes time in the real engine, which runs in real time whenever
 * ZooKeeper is busy or a client waits (docs/real-engine.md), so both engines' numbers mean the same thing.
 */
final class BenchDriver {
    /** Bound of reaching the steady state after apply (engine time; the tutorial needs about 90 s). */
    static final long STEADY_TIMEOUT_MS = 20 * 60_000;
    /** Bound of any one awaited end event (engine time). */
    static final long EVENT_TIMEOUT_MS = 15 * 60_000;
    /** Bound of one client write (engine time). */
    static final long WRITE_TIMEOUT_MS = 30_000;
    /** Pause between two write attempts that found the ensemble unavailable (engine time). */
    private static final long RETRY_MS = 10;
    /** At most this many write attempts for one acknowledged write. */
    private static final int MAX_ATTEMPTS = 10_000;

    final Engine engine;
    final EnsembleSpec spec;
    final ZooKeeperClient zk;
    final ClientTarget service;
    final BenchReadyTracker ready;
    private int writes;

    BenchDriver(Engine engine, EnsembleSpec spec) {
        this.engine = engine;
        this.spec = spec;
        this.zk = engine.zooKeeper()
                .orElseThrow(() -> new BenchUnmeasurable("the " + engine.name() + " engine has no ZooKeeper backend"));
        this.service = ClientTarget.service(clientService(spec)
                .orElseThrow(() -> new BenchUnmeasurable("the manifest " + spec.source()
                        + " has no client Service (a Service that is not headless) to write through")));
        this.ready = new BenchReadyTracker(
                spec.statefulSet().name(), spec.statefulSet().replicas());
        engine.setListener(ready);
    }

    /** The first Service that is not headless: the tutorial's {@code zk-cs}. */
    static Optional<String> clientService(EnsembleSpec spec) {
        return spec.services().stream()
                .filter(s -> !s.headless())
                .map(ServiceSpec::name)
                .findFirst();
    }

    /** Lets time pass until {@code condition} holds; fails the run with {@code what} when the bound passes first. */
    void await(String what, BooleanSupplier condition, long timeoutMs) {
        if (!engine.awaitCondition(condition, timeoutMs)) {
            throw new BenchUnmeasurable(what + " did not happen within " + timeoutMs / 1000 + " s of engine time");
        }
    }

    /**
     * {@code kubectl apply}, then waits until every replica is Ready at the update revision, a write would be
     * acknowledged, one server leads and every server serves: the state before a disruption (a server still syncing
     * would make the disruption cost more, and the cost would be the previous step's).
     */
    void applyAndSettle() {
        engine.apply(spec);
        await("every pod Ready, one leader and every server serving", this::settled, STEADY_TIMEOUT_MS);
    }

    private boolean settled() {
        if (!rolloutComplete() || !zk.writable() || zk.leader().isEmpty()) {
            return false;
        }
        for (PodView p : engine.view().pods()) {
            if (!zk.status(p.name()).serving()) {
                return false;
            }
        }
        return true;
    }

    /** Every replica Ready, not Terminating, at the update revision ({@code kubectl rollout status} returns). */
    boolean rolloutComplete() {
        ClusterView v = engine.view();
        Optional<StatefulSetView> sts = v.statefulSet();
        if (sts.isEmpty()) {
            return false;
        }
        int good = 0;
        for (int i = 0; i < sts.get().replicas(); i++) {
            Optional<PodView> p = v.pod(sts.get().name() + "-" + i);
            if (p.isPresent()
                    && p.get().ready()
                    && !p.get().status().equals("Terminating")
                    && p.get().revision().equals(sts.get().updateRevision())) {
                good++;
            }
        }
        return good == sts.get().replicas();
    }

    /**
     * Writes through the client Service until ZooKeeper acknowledges one, each attempt after the ensemble looks
     * writable; returns the engine time of the acknowledgement (the later of the clock after the call and the call's
     * start plus its latency: the model answers at once with a modeled latency, the real client takes the time).
     */
    long firstAcknowledgedWriteMs(String after) {
        long deadline = engine.nowMs() + EVENT_TIMEOUT_MS;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            long left = deadline - engine.nowMs();
            if (left <= 0 || !engine.awaitCondition(zk::writable, left)) {
                break;
            }
            long before = engine.nowMs();
            WriteOutcome o = zk.write(service, WriteOp.CREATE, "/zksim-bench-" + writes++, "bench", WRITE_TIMEOUT_MS);
            if (o instanceof WriteOutcome.WriteAcked a) {
                return Math.max(engine.nowMs(), before + a.latencyMs());
            }
            if (o instanceof WriteOutcome.WriteFailed f && !f.unavailable()) {
                throw new BenchUnmeasurable("a write through " + service + " was refused: " + f.reason());
            }
            engine.advance(RETRY_MS);
        }
        throw new BenchUnmeasurable("no write through " + service + " was acknowledged within "
                + EVENT_TIMEOUT_MS / 1000 + " s of engine time after " + after);
    }

    /** One write through the client Service that must be acknowledged; returns its latency in milliseconds. */
    long timedWrite(WriteOp op, String path) {
        long before = engine.nowMs();
        WriteOutcome o = zk.write(service, op, path, "bench-" + writes++, WRITE_TIMEOUT_MS);
        if (o instanceof WriteOutcome.WriteAcked a) {
            return Math.max(engine.nowMs() - before, a.latencyMs());
        }
        throw new BenchUnmeasurable(
                "a write of " + path + " through " + service + " failed: " + ((WriteOutcome.WriteFailed) o).reason());
    }

    /** The pod whose server leads now (the steady state has one). */
    String leader() {
        return zk.leader().orElseThrow(() -> new BenchUnmeasurable("no server leads"));
    }

    /** The serving follower with the lowest ordinal. */
    String follower() {
        String leader = leader();
        for (PodView p : engine.view().pods()) {
            if (!p.name().equals(leader) && zk.status(p.name()).serving()) {
                return p.name();
            }
        }
        throw new BenchUnmeasurable("no serving follower");
    }

    /** The node {@code pod} is bound to. */
    String nodeOf(String pod) {
        return engine.view()
                .pod(pod)
                .flatMap(PodView::node)
                .orElseThrow(() -> new BenchUnmeasurable(pod + " is not bound to a node"));
    }

    /** Elections that ended in ({@code fromMs}, {@code toMs}]. */
    long electionsBetween(long fromMs, long toMs) {
        return zk.history().elections().stream()
                .filter(e -> e.endMs() > fromMs && e.endMs() <= toMs)
                .count();
    }

    /** Milliseconds in [{@code fromMs}, {@code toMs}] during which writes were unavailable. */
    long unavailableMs(long fromMs, long toMs) {
        return zk.history().unavailableMs(fromMs, toMs);
    }
}
