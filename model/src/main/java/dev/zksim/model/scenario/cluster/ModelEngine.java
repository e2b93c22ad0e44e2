package dev.zksim.model.scenario.cluster;

import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.time.Seeds;
import dev.zksim.model.time.VirtualScheduler;
import java.util.function.BooleanSupplier;

/**
 * The model engine: the Kubernetes control plane and a ZooKeeper backend in virtual time, on a
 * {@link VirtualScheduler} it owns. Waits jump from event to event, so a whole tutorial runs in milliseconds, and the
 * same seed gives the same run.
 */
public final class ModelEngine extends ClusterEngine {
    /** The {@code --engine} name. */
    public static final String NAME = "model";

    private final VirtualScheduler scheduler;

    private ModelEngine(VirtualScheduler scheduler, KubernetesCluster k8s, ZooKeeperBackend backend) {
        super(k8s, backend);
        this.scheduler = scheduler;
    }

    /** A fresh engine with the nodes of {@code setup} and a backend from {@code backends}. */
    public static ModelEngine create(EngineSetup setup, ZooKeeperBackend.Factory backends) {
        VirtualScheduler scheduler = new VirtualScheduler();
        Seeds seeds = new Seeds(setup.seed());
        ZooKeeperBackend backend = backends.create(scheduler, seeds, setup);
        KubernetesCluster k8s = new KubernetesCluster(scheduler, seeds, backend.runtime(), setup.cluster());
        backend.attach(k8s);
        return new ModelEngine(scheduler, k8s, backend);
    }

    /**
     * Makes model engines with the given ZooKeeper backend ({@link ZooKeeperBackend.Factory#NONE}: Kubernetes only).
     */
    public static EngineFactory factory(ZooKeeperBackend.Factory backends) {
        return EngineFactory.of(NAME, setup -> create(setup, backends));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void advance(long durationMs) {
        scheduler.runUntil(scheduler.nowMs() + durationMs);
        flushServerLog();
    }

    @Override
    public boolean awaitCondition(BooleanSupplier condition, long timeoutMs) {
        boolean held = scheduler.runUntil(condition, scheduler.nowMs() + timeoutMs);
        flushServerLog();
        return held;
    }

    /** Control-plane actions run so far (for throughput measurements). */
    public long actions() {
        return kubernetes().actions();
    }
}
