package dev.zksim.model.k8s;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.Resources;
import dev.zksim.model.time.Seeds;
import dev.zksim.model.time.VirtualScheduler;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A cluster in virtual time with a {@link TestRuntime}: the test fixture of the k8s model. */
final class Sim {
    static final long MIN = 60_000;
    static final Resources NODE_4CPU_8GI = new Resources(4000, 8 * EnsembleFixture.GIB);

    final VirtualScheduler scheduler = new VirtualScheduler();
    final TestRuntime runtime = new TestRuntime();
    final KubernetesCluster k8s;

    Sim(ClusterSpec spec, long seed) {
        k8s = new KubernetesCluster(scheduler, new Seeds(seed), runtime, spec);
    }

    /** The tutorial's cluster: {@code count} nodes of 4 CPU / 8 GiB. */
    static Sim nodes(int count, long seed) {
        return new Sim(ClusterSpec.uniform(count, "node", NODE_4CPU_8GI), seed);
    }

    ClusterState state() {
        return k8s.state();
    }

    void runFor(long ms) {
        scheduler.runUntil(scheduler.nowMs() + ms);
    }

    /** Runs until {@code condition} holds; fails after {@code boundMs} of virtual time. */
    void await(String what, BooleanSupplier condition, long boundMs) {
        if (!scheduler.runUntil(condition, scheduler.nowMs() + boundMs)) {
            throw new AssertionError("not within " + boundMs + " ms: " + what + "\n" + describe());
        }
    }

    boolean allReady(int n) {
        List<PodSnapshot> pods = k8s.pods();
        return pods.size() == n && pods.stream().allMatch(PodSnapshot::runningAndReady);
    }

    PodSnapshot pod(String name) {
        return k8s.pod(name).orElseThrow(() -> new AssertionError("no pod " + name + "\n" + describe()));
    }

    String describe() {
        StringBuilder sb = new StringBuilder("t=" + scheduler.nowMs() + "ms\n");
        for (PodSnapshot p : k8s.pods()) {
            sb.append("  ")
                    .append(p.name())
                    .append(' ')
                    .append(p.readyColumn())
                    .append(' ')
                    .append(p.status())
                    .append(" node=")
                    .append(p.node().orElse("-"))
                    .append(" rev=")
                    .append(p.revisionNumber())
                    .append(p.pendingReason().map(r -> " pending: " + r).orElse(""))
                    .append('\n');
        }
        for (NodeSnapshot n : k8s.nodes()) {
            sb.append("  ")
                    .append(n.name())
                    .append(' ')
                    .append(n.status())
                    .append(' ')
                    .append(n.pods())
                    .append('\n');
        }
        return sb.toString();
    }

    String timeline() {
        StringBuilder sb = new StringBuilder();
        for (TimelineEntry e : k8s.timeline()) {
            sb.append(String.format("%9.3fs  %s%n", e.timeMs() / 1000.0, e.render()));
        }
        return sb.toString();
    }
}
