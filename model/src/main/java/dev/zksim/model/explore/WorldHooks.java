package dev.zksim.model.explore;

import dev.zksim.model.k8s.KubernetesCluster;
import dev.zksim.model.time.VirtualScheduler;
import dev.zksim.model.zab.ZabModel;
import dev.zksim.model.zab.ZabOptions;

/**
 * How a run's world is built: the Zab model for a seed, and a last touch to the control plane. The default is the
 * model engine's own construction (so a run is the same as {@code zksim run} of its scenario file); tests of the
 * model's packages plug in deliberately broken rules here to show that the invariants can fail.
 */
public interface WorldHooks {
    /** The model engine's construction, unchanged. */
    WorldHooks STANDARD = new WorldHooks() {};

    /** The ZooKeeper model the pods' containers run on. */
    default ZabModel zab(VirtualScheduler scheduler, long seed) {
        return new ZabModel(scheduler, ZabOptions.defaults(seed));
    }

    /** Called once the cluster exists, before anything is applied. */
    default void cluster(KubernetesCluster k8s) {}

    /** The model engine's construction with another timing profile ({@code zksim explore --timing-profile}). */
    static WorldHooks timing(dev.zksim.model.zab.TimingProfile timing) {
        java.util.Objects.requireNonNull(timing, "timing");
        return new WorldHooks() {
            @Override
            public ZabModel zab(VirtualScheduler scheduler, long seed) {
                return new ZabModel(scheduler, ZabOptions.defaults(seed).withTiming(timing));
            }
        };
    }
}
