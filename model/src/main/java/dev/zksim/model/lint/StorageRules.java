package dev.zksim.model.lint;

import dev.zksim.model.manifest.ContainerSpec;
import dev.zksim.model.manifest.ContainerSpec.Mount;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where ZooKeeper keeps its state ({@code myid}, snapshots, the transaction log) against the volumes that survive
 * a pod: only PersistentVolumeClaims from {@code volumeClaimTemplates} follow a StatefulSet pod across restarts and
 * reschedules. See https://kubernetes.io/docs/tutorials/stateful-application/zookeeper/#providing-durable-storage
 */
final class StorageRules {
    private StorageRules() {}

    static List<LintRule> all() {
        return List.of(new DataDirNotPersistent(), new ClaimTemplateUnmounted());
    }

    private static String normalize(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }

    /** The mount a path lives on: the one with the longest mountPath that is the path or one of its ancestors. */
    static Optional<Mount> mountOf(List<Mount> mounts, String dir) {
        String d = normalize(dir);
        Mount best = null;
        for (Mount m : mounts) {
            String mp = normalize(m.mountPath());
            boolean covers = d.equals(mp) || mp.equals("/") || d.startsWith(mp + "/");
            if (covers
                    && (best == null
                            || mp.length() > normalize(best.mountPath()).length())) {
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> claimNames(StatefulSetSpec sts) {
        Set<String> names = new TreeSet<>();
        for (VolumeClaimTemplate t : sts.volumeClaimTemplates()) {
            names.add(t.name());
        }
        return names;
    }

    /**
     * {@code data-dir-not-persistent}: {@code --data_dir} (myid, snapshots, epochs) and {@code --data_log_dir} (the
     * transaction log) must be on a volume mount backed by a volumeClaimTemplate. Otherwise they live in the
     * container's writable layer or a pod-scoped volume (emptyDir) and are lost on restart or reschedule: the
     * server rejoins having forgotten what it acknowledged, and acknowledged writes can be lost.
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates and
     * https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_dataFileManagement
     */
    static final class DataDirNotPersistent extends AbstractRule {
        DataDirNotPersistent() {
            super(
                    "data-dir-not-persistent",
                    Severity.ERROR,
                    "ZooKeeper's data and log directories must be on a PersistentVolumeClaim from"
                            + " volumeClaimTemplates, or snapshots and the transaction log are lost on restart.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            StatefulSetSpec sts = ctx.spec().statefulSet();
            ContainerSpec c = sts.template().container();
            List<Finding> out = new ArrayList<>();
            check(ctx, sts, c, "data_dir", c.zk().dataDir(), "myid, snapshots and epoch files", out);
            check(ctx, sts, c, "data_log_dir", c.zk().dataLogDir(), "the transaction log", out);
            return out;
        }

        private void check(
                LintContext ctx,
                StatefulSetSpec sts,
                ContainerSpec c,
                String flag,
                String dir,
                String what,
                List<Finding> out) {
            Set<String> claims = claimNames(sts);
            Optional<Mount> mount = mountOf(c.volumeMounts(), dir);
            if (mount.isPresent() && claims.contains(mount.get().name())) {
                return;
            }
            String where = mount.isEmpty()
                    ? "is on no volume mount, so it lives in the container's writable layer, which is discarded"
                            + " whenever the container is recreated"
                    : "is on volume mount " + mount.get().name() + " ("
                            + mount.get().mountPath() + "), which is not"
                            + " a volumeClaimTemplate ("
                            + (claims.isEmpty() ? "there are none" : "those are " + String.join(", ", claims))
                            + "): a pod-scoped volume such as emptyDir is deleted with the pod,"
                            + " and a hostPath stays behind on the old node";
            out.add(ctx.atFlag(
                    this,
                    severity(),
                    flag,
                    "--" + flag + "=" + dir + " (" + what + ") " + where + ". Every restart or reschedule then"
                            + " brings the server back empty: it forgets the writes it acknowledged, so together"
                            + " with a lagging server it can form a quorum that elects a leader without them, and"
                            + " acknowledged writes are lost (all of them if every server restarts, e.g. a rollout).",
                    claims.isEmpty()
                            ? "Add a volumeClaimTemplate (e.g. datadir, ReadWriteOnce) and mount it at a parent of --"
                                    + flag + " (the tutorial mounts datadir at /var/lib/zookeeper)."
                            : "Mount " + claims.iterator().next() + " at a parent of --" + flag + " (the tutorial"
                                    + " mounts datadir at /var/lib/zookeeper), or point --" + flag
                                    + " below its mountPath."));
        }
    }

    /**
     * {@code volume-claim-template-unmounted}: a volumeClaimTemplate the container never mounts still makes the
     * controller create and bind a PersistentVolumeClaim per pod, which then sits unused (and usually means the
     * data went somewhere else).
     * See https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates
     */
    static final class ClaimTemplateUnmounted extends AbstractRule {
        ClaimTemplateUnmounted() {
            super(
                    "volume-claim-template-unmounted",
                    Severity.WARNING,
                    "A volumeClaimTemplate that the container does not mount provisions storage nobody uses; the"
                            + " data it was meant for is elsewhere.",
                    "https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#volume-claim-templates");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            StatefulSetSpec sts = ctx.spec().statefulSet();
            Set<String> mounted = new TreeSet<>();
            sts.template().container().volumeMounts().forEach(m -> mounted.add(m.name()));
            List<Finding> out = new ArrayList<>();
            for (int i = 0; i < sts.volumeClaimTemplates().size(); i++) {
                VolumeClaimTemplate t = sts.volumeClaimTemplates().get(i);
                if (mounted.contains(t.name())) {
                    continue;
                }
                out.add(ctx.atStatefulSet(
                        this,
                        severity(),
                        "spec.volumeClaimTemplates[" + i + "]",
                        "volumeClaimTemplate " + t.name() + " is not mounted by the ZooKeeper container: the"
                                + " controller creates and binds a PersistentVolumeClaim " + t.name() + "-"
                                + ctx.spec().podName(0) + " (and one per pod) that nothing uses, while ZooKeeper's"
                                + " data lives elsewhere.",
                        "Add volumeMounts: [{name: " + t.name() + ", mountPath: /var/lib/zookeeper}] to the"
                                + " container, or remove the template."));
            }
            return out;
        }
    }
}
