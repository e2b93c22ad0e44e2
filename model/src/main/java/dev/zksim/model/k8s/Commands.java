package dev.zksim.model.k8s;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PdbSpec;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.StatefulSetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/** The kubectl commands that change API objects directly; controllers react in later scheduled actions. */
final class Commands {
    private final ClusterState state;

    Commands(ClusterState state) {
        this.state = state;
    }

    private String stsName() {
        return state.lastApplied().map(e -> e.statefulSet().name()).orElse("zk");
    }

    private CommandResult stsNotFound(String cmd) {
        return state.output(
                cmd, false, List.of("Error from server (NotFound): statefulsets.apps \"" + stsName() + "\" not found"));
    }

    // ---------------------------------------------------------------- apply

    CommandResult apply(EnsembleSpec e) {
        String cmd = "kubectl apply -f " + e.source();
        StatefulSetSpec s = e.statefulSet();
        StsObj sts = state.sts();
        if ((sts != null && !sts.name().equals(s.name()))
                || (sts == null
                        && state.lastApplied()
                                .map(x -> !x.statefulSet().name().equals(s.name()))
                                .orElse(false)
                        && !state.podsByOrdinal().isEmpty())) {
            return state.output(
                    cmd,
                    false,
                    List.of("error: zksim models one StatefulSet per cluster; \"" + stsName()
                            + "\" still exists, cannot apply \"" + s.name() + "\""));
        }
        Optional<EnsembleSpec> prev = state.lastApplied();
        // kubectl apply prints one line per object, in the manifest's document order.
        TreeMap<Integer, String> lines = new TreeMap<>();
        int extra = 1000;
        for (ServiceSpec svc : e.services()) {
            Optional<ServiceSpec> old = prev.flatMap(p -> p.services().stream()
                    .filter(x -> x.name().equals(svc.name()))
                    .findFirst());
            lines.put(order(svc.documentIndex(), extra++), "service/" + svc.name() + " " + verb(old, svc));
        }
        if (e.pdb().isPresent()) {
            PdbSpec pdb = e.pdb().get();
            Optional<PdbSpec> old =
                    prev.flatMap(EnsembleSpec::pdb).filter(x -> x.name().equals(pdb.name()));
            lines.put(
                    order(pdb.documentIndex(), extra++),
                    "poddisruptionbudget.policy/" + pdb.name() + " " + verb(old, pdb));
        }
        boolean ok = true;
        int stsKey = order(s.documentIndex(), extra++);
        if (sts == null) {
            sts = new StsObj(e);
            sts.setTemplate(s.template());
            state.newRollout();
            state.setSts(sts);
            lines.put(stsKey, "statefulset.apps/" + s.name() + " created");
            state.setLastApplied(e);
        } else if (!immutableFieldsEqual(sts.spec(), s)) {
            // apps/v1 validation (ValidateStatefulSetUpdate)
            ok = false;
            lines.put(
                    stsKey,
                    "The StatefulSet \"" + s.name() + "\" is invalid: spec: Forbidden: updates to statefulset spec"
                            + " for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy',"
                            + " 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
            state.setLastApplied(
                    new EnsembleSpec(e.source(), e.namespace(), sts.spec(), e.services(), e.pdb(), e.sourceMap()));
            sts.ensemble = state.lastApplied().orElseThrow();
        } else {
            boolean changed = !sts.spec().equals(s);
            sts.ensemble = e;
            if (sts.setTemplate(s.template())) {
                state.newRollout();
            }
            state.setLastApplied(e);
            lines.put(stsKey, "statefulset.apps/" + s.name() + (changed ? " configured" : " unchanged"));
        }
        state.requestReconcile();
        return state.output(cmd, ok, new ArrayList<>(lines.values()));
    }

    private static int order(int documentIndex, int fallback) {
        return documentIndex >= 0 ? documentIndex : fallback;
    }

    private static <T> String verb(Optional<T> old, T now) {
        return old.isEmpty() ? "created" : old.get().equals(now) ? "unchanged" : "configured";
    }

    private static boolean immutableFieldsEqual(StatefulSetSpec a, StatefulSetSpec b) {
        return a.serviceName().equals(b.serviceName())
                && a.selector().equals(b.selector())
                && a.podManagementPolicy() == b.podManagementPolicy()
                && a.volumeClaimTemplates().equals(b.volumeClaimTemplates());
    }

    // ---------------------------------------------------------------- delete

    CommandResult deleteStatefulSet() {
        String cmd = "kubectl delete statefulset " + stsName();
        StsObj sts = state.sts();
        if (sts == null) {
            return stsNotFound(cmd);
        }
        boolean deletePvcs = sts.spec().pvcRetentionPolicy().deleteWhenDeleted();
        List<String> claims = new ArrayList<>();
        if (deletePvcs) {
            for (PvcObj c : state.pvcMap().values()) {
                claims.add(c.name);
            }
        }
        state.setSts(null);
        // The garbage collector deletes the dependents in the background, all at once.
        for (PodObj p : new ArrayList<>(state.podsByOrdinal().values())) {
            state.kubelet().deleteGracefully(p, p.revision.template.terminationGracePeriodSeconds() * 1000L);
        }
        for (String c : claims) {
            markPvcDeleted(c);
        }
        state.requestReconcile();
        return state.output(cmd, true, List.of("statefulset.apps \"" + sts.name() + "\" deleted"));
    }

    CommandResult deletePod(String name, DeleteOptions options) {
        String cmd = "kubectl delete pod " + name
                + (options.force()
                        ? " --grace-period=0 --force"
                        : options.gracePeriodSeconds().isPresent()
                                ? " --grace-period="
                                        + options.gracePeriodSeconds().getAsInt()
                                : "");
        Optional<PodObj> found = state.podObj(name);
        if (found.isEmpty()) {
            return state.output(cmd, false, List.of("Error from server (NotFound): pods \"" + name + "\" not found"));
        }
        PodObj p = found.get();
        if (options.force()) {
            state.kubelet().forceDelete(p);
            return state.output(
                    cmd,
                    true,
                    List.of(
                            "Warning: Immediate deletion does not wait for confirmation that the running resource has"
                                    + " been terminated. The resource may continue to run on the cluster indefinitely.",
                            "pod \"" + name + "\" force deleted"));
        }
        long graceMs = options.gracePeriodSeconds().orElse(p.revision.template.terminationGracePeriodSeconds()) * 1000L;
        state.kubelet().deleteGracefully(p, graceMs);
        return state.output(cmd, true, List.of("pod \"" + name + "\" deleted"));
    }

    CommandResult deletePvc(String name) {
        String cmd = "kubectl delete pvc " + name;
        if (!state.pvcMap().containsKey(name)) {
            return state.output(
                    cmd,
                    false,
                    List.of("Error from server (NotFound): persistentvolumeclaims \"" + name + "\" not found"));
        }
        markPvcDeleted(name);
        return state.output(cmd, true, List.of("persistentvolumeclaim \"" + name + "\" deleted"));
    }

    /** Deletes a claim, or marks it Terminating while a pod still mounts it (kubernetes.io/pvc-protection). */
    void markPvcDeleted(String claim) {
        PvcObj c = state.pvcMap().get(claim);
        if (c == null) {
            return;
        }
        c.deleting = true;
        if (!state.claimInUse(claim)) {
            state.pvcMap().remove(claim);
        }
        state.requestReconcile();
    }

    // ---------------------------------------------------------------- nodes

    CommandResult cordon(String node, boolean on) {
        String cmd = "kubectl " + (on ? "cordon " : "uncordon ") + node;
        Optional<NodeObj> found = state.nodeObj(node);
        if (found.isEmpty()) {
            return state.output(cmd, false, List.of(NodeLifecycle.notFound(node)));
        }
        NodeObj n = found.get();
        if (n.unschedulable == on) {
            return state.output(cmd, true, List.of("node/" + node + " already " + (on ? "cordoned" : "uncordoned")));
        }
        setUnschedulable(n, on);
        return state.output(cmd, true, List.of("node/" + node + (on ? " cordoned" : " uncordoned")));
    }

    void setUnschedulable(NodeObj n, boolean on) {
        n.unschedulable = on;
        state.event(
                KubernetesEvent.NORMAL,
                on ? "NodeNotSchedulable" : "NodeSchedulable",
                "Node",
                n.name(),
                "node-controller",
                "Node " + n.name() + " status is now: " + (on ? "NodeNotSchedulable" : "NodeSchedulable"));
        state.requestReconcile();
    }

    // ---------------------------------------------------------------- rollout, scale

    CommandResult rolloutUndo(OptionalInt toRevision) {
        String cmd = "kubectl rollout undo sts/" + stsName()
                + (toRevision.isPresent() ? " --to-revision=" + toRevision.getAsInt() : "");
        StsObj sts = state.sts();
        if (sts == null) {
            return stsNotFound(cmd);
        }
        Optional<Revision> target;
        if (toRevision.isPresent() && toRevision.getAsInt() != 0) {
            target = sts.byNumber(toRevision.getAsInt());
            if (target.isEmpty()) {
                return state.output(
                        cmd,
                        false,
                        List.of("error: unable to find specified revision " + toRevision.getAsInt() + " in history"));
            }
        } else {
            // The previous revision: the highest number below the newest.
            List<Revision> h = sts.history();
            target = h.size() < 2 ? Optional.empty() : Optional.of(h.get(h.size() - 2));
            if (target.isEmpty()) {
                return state.output(
                        cmd, false, List.of("error: no rollout history found for statefulset \"" + sts.name() + "\""));
            }
        }
        Revision r = target.get();
        if (r == sts.update) {
            return state.output(
                    cmd,
                    true,
                    List.of("statefulset.apps/" + sts.name()
                            + " skipped rollback (current template already matches revision " + r.number + ")"));
        }
        sts.setSpec(sts.spec().withTemplate(r.template));
        sts.setTemplate(r.template);
        state.newRollout();
        state.setLastApplied(sts.ensemble);
        state.requestReconcile();
        return state.output(cmd, true, List.of("statefulset.apps/" + sts.name() + " rolled back"));
    }

    CommandResult scale(int replicas) {
        String cmd = "kubectl scale sts/" + stsName() + " --replicas=" + replicas;
        StsObj sts = state.sts();
        if (sts == null) {
            return stsNotFound(cmd);
        }
        if (replicas < 0) {
            return state.output(
                    cmd,
                    false,
                    List.of("error: The --replicas=COUNT flag is required, and COUNT must be"
                            + " greater than or equal to 0"));
        }
        sts.setSpec(sts.spec().withReplicas(replicas));
        state.setLastApplied(sts.ensemble);
        state.requestReconcile();
        return state.output(cmd, true, List.of("statefulset.apps/" + sts.name() + " scaled"));
    }
}
