package dev.zksim.model.k8s;

import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import dev.zksim.model.manifest.StatefulSetSpec.UpdateStrategy;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The StatefulSet controller's sync, in the order the real one works (pkg/controller/statefulset, described at
 * kubernetes.io/docs/concepts/workloads/controllers/statefulset/#deployment-and-scaling-guarantees):
 *
 * <ol>
 *   <li>Replicas {@code 0..N-1} in ordinal order: create a missing pod (and its claims, once); with OrderedReady stop
 *       at the first pod that was just created, is terminating, or is not Running and Ready (and available for
 *       minReadySeconds). This is also why a broken revision stalls an OrderedReady rollout even after a revert: the
 *       broken pod blocks this loop before the update step is reached ("Forced rollback",
 *       kubernetes.io/docs/concepts/workloads/controllers/statefulset/#forced-rollback).</li>
 *   <li>Condemned pods (ordinal ≥ N) from the highest: delete; with OrderedReady one at a time, waiting until it is
 *       gone.</li>
 *   <li>RollingUpdate: from ordinal N-1 down to the partition, delete the first pod not at the update revision, and
 *       stop at the first unhealthy one; it comes back at the update revision. OnDelete: nothing.</li>
 * </ol>
 *
 * New pods take the update revision, except below the partition of a RollingUpdate, where they take the current one.
 */
final class StatefulSetController {
    private static final String SOURCE = "statefulset-controller";
    static final String LABEL_POD_NAME = dev.zksim.model.manifest.EnsembleSpec.LABEL_POD_NAME;
    static final String LABEL_POD_INDEX = dev.zksim.model.manifest.EnsembleSpec.LABEL_POD_INDEX;
    static final String LABEL_REVISION = "controller-revision-hash";

    private final ClusterState state;

    StatefulSetController(ClusterState state) {
        this.state = state;
    }

    void sync() {
        StsObj sts = state.sts();
        if (sts == null) {
            return;
        }
        reconcilePods(sts);
        completeRollout(sts);
    }

    private void reconcilePods(StsObj sts) {
        StatefulSetSpec spec = sts.spec();
        int n = sts.replicas();
        boolean monotonic = spec.podManagementPolicy() == PodManagementPolicy.ORDERED_READY;
        TreeMap<Integer, PodObj> pods = state.podsByOrdinal();

        // 1. replicas
        for (int i = 0; i < n; i++) {
            PodObj p = pods.get(i);
            if (p == null) {
                // Created, or blocked by a claim still being deleted: OrderedReady waits either way.
                create(sts, i);
                if (monotonic) {
                    return;
                }
                continue;
            }
            if (monotonic) {
                if (p.terminating || !p.runningAndReady()) {
                    return;
                }
                if (!available(spec, p)) {
                    resyncWhenAvailable(spec, p);
                    return;
                }
            }
        }

        // 2. condemned, highest ordinal first
        List<PodObj> condemned =
                new ArrayList<>(pods.tailMap(n, true).descendingMap().values());
        PodObj firstUnhealthy = null;
        for (int i = condemned.size() - 1; i >= 0; i--) {
            if (!healthy(spec, condemned.get(i))) {
                firstUnhealthy = condemned.get(i);
                break;
            }
        }
        for (PodObj p : condemned) {
            if (p.terminating) {
                if (monotonic) {
                    return;
                }
                continue;
            }
            if (monotonic && !healthy(spec, p) && p != firstUnhealthy) {
                return;
            }
            delete(sts, p, false);
            if (spec.pvcRetentionPolicy().deleteWhenScaled()) {
                for (String claim : p.claims) {
                    state.commands().markPvcDeleted(claim);
                }
            }
            if (monotonic) {
                return;
            }
        }

        // 3. updates
        UpdateStrategy strategy = spec.updateStrategy();
        if (strategy.type() == UpdateStrategy.Type.ON_DELETE) {
            return;
        }
        int partition = Math.max(0, strategy.partition());
        int maxUnavailable = Math.max(1, strategy.maxUnavailable().resolve(n, false));
        if (maxUnavailable == 1) {
            for (int t = n - 1; t >= partition; t--) {
                PodObj p = pods.get(t);
                if (p == null) {
                    return;
                }
                if (!p.revision.name.equals(sts.update.name) && !p.terminating) {
                    delete(sts, p, true);
                    return;
                }
                if (!healthy(spec, p)) {
                    return;
                }
            }
        } else {
            // MaxUnavailableStatefulSet (alpha feature gate): delete up to maxUnavailable - unavailable outdated pods,
            // from the highest ordinal down.
            int unavailable = 0;
            for (int i = 0; i < n; i++) {
                PodObj p = pods.get(i);
                if (p == null || !healthy(spec, p)) {
                    unavailable++;
                }
            }
            int budget = maxUnavailable - unavailable;
            for (int t = n - 1; t >= partition && budget > 0; t--) {
                PodObj p = pods.get(t);
                if (p != null && !p.revision.name.equals(sts.update.name) && !p.terminating) {
                    delete(sts, p, true);
                    budget--;
                }
            }
        }
    }

    /**
     * status.currentRevision becomes the update revision once every replica is updated and ready; older revisions
     * beyond revisionHistoryLimit that no pod uses are pruned.
     */
    private void completeRollout(StsObj sts) {
        int n = sts.replicas();
        int updatedReady = 0;
        for (PodObj p : state.podsByOrdinal().values()) {
            if (p.ordinal < n && p.revision.name.equals(sts.update.name) && p.runningAndReady()) {
                updatedReady++;
            }
        }
        if (updatedReady == n && state.podsByOrdinal().size() == n) {
            sts.current = sts.update;
        }
        TreeSet<String> live = new TreeSet<>();
        for (PodObj p : state.podsByOrdinal().values()) {
            live.add(p.revision.name);
        }
        sts.truncateHistory(live);
    }

    private boolean available(StatefulSetSpec spec, PodObj p) {
        return p.runningAndReady()
                && (spec.minReadySeconds() <= 0 || state.nowMs() - p.readySinceMs >= spec.minReadySeconds() * 1000L);
    }

    private boolean healthy(StatefulSetSpec spec, PodObj p) {
        return !p.terminating && available(spec, p);
    }

    private void resyncWhenAvailable(StatefulSetSpec spec, PodObj p) {
        long due = p.readySinceMs + spec.minReadySeconds() * 1000L - state.nowMs();
        long gen = p.generation;
        p.timers.add(state.schedule(Math.max(0, due), "minReadySeconds " + p.name, () -> {
            if (p.generation == gen) {
                state.requestReconcile();
            }
        }));
    }

    /** Creates pod {@code ordinal} and its missing claims; false when a claim is still being deleted. */
    private boolean create(StsObj sts, int ordinal) {
        StatefulSetSpec spec = sts.spec();
        String podName = sts.ensemble.podName(ordinal);
        List<String> claims = new ArrayList<>();
        for (VolumeClaimTemplate vct : spec.volumeClaimTemplates()) {
            String claim = vct.name() + "-" + podName;
            PvcObj c = state.pvcMap().get(claim);
            if (c != null && c.deleting) {
                // The controller refuses to create a pod whose claim is being deleted and retries later.
                return false;
            }
            claims.add(claim);
        }
        for (int i = 0; i < claims.size(); i++) {
            String claim = claims.get(i);
            if (!state.pvcMap().containsKey(claim)) {
                VolumeClaimTemplate vct = spec.volumeClaimTemplates().get(i);
                state.pvcMap().put(claim, new PvcObj(claim, ordinal, vct, state.newVolumeId(), state.nowMs()));
                successfulCreate(
                        sts,
                        "create Claim " + claim + " Pod " + podName + " in StatefulSet " + sts.name() + " success");
            }
        }
        boolean belowPartition = spec.updateStrategy().type() == UpdateStrategy.Type.ROLLING_UPDATE
                && ordinal < spec.updateStrategy().partition();
        Revision rev = belowPartition ? sts.current : sts.update;
        TreeMap<String, String> labels = new TreeMap<>(rev.template.labels());
        labels.put(LABEL_POD_NAME, podName);
        labels.put(LABEL_POD_INDEX, Integer.toString(ordinal));
        labels.put(LABEL_REVISION, rev.name);
        PodObj p = new PodObj(podName, ordinal, state.newUid(), state.nextPodSeq(), state.nowMs(), rev, labels, claims);
        state.podsByOrdinal().put(ordinal, p);
        successfulCreate(sts, "create Pod " + podName + " in StatefulSet " + sts.name() + " successful");
        state.row(p);
        state.requestReconcile();
        return true;
    }

    /** The StatefulSet controller's event for a claim or pod it created (stateful_set_control.go's recorder). */
    private void successfulCreate(StsObj sts, String message) {
        state.event(KubernetesEvent.NORMAL, "SuccessfulCreate", "StatefulSet", sts.name(), SOURCE, message);
    }

    private void delete(StsObj sts, PodObj p, boolean forUpdate) {
        if (forUpdate) {
            state.recordRolloutDeletion(new ClusterState.RolloutDeletion(
                    state.nowMs(), p.ordinal, p.revision.name, sts.update.name, state.rollout()));
        }
        state.event(
                KubernetesEvent.NORMAL,
                "SuccessfulDelete",
                "StatefulSet",
                sts.name(),
                SOURCE,
                "delete Pod " + p.name + " in StatefulSet " + sts.name() + " successful");
        state.kubelet().deleteGracefully(p, p.revision.template.terminationGracePeriodSeconds() * 1000L);
    }
}
