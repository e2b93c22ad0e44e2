package dev.zksim.model.explore;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ReconfigStartCommand;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of action explore may generate, by their {@code --actions} name, and how each one disrupts the ensemble.
 *
 * <p>Extension point: a new kind is a constant here, a record in {@link ExploreAction}, a case in
 * {@link ExploreWorld#perform}; the generator picks it up from {@link ActionGenerator}'s weights. The network faults
 * of issue 10 are {@link #silent()}: ZooKeeper notices them only by its time-outs (docs/model.md, "Silence").
 * {@code drop-link} is not a kind: explore generates the silent faults only, and a dropped link resets connections.
 */
public enum ActionKind {
    DRAIN("drain", Cause.PERMITTED, "kubectl drain a node (the leader's, a pod's, or any): evictions the PDB allows"),
    CORDON("cordon", Cause.NONE, "kubectl cordon a node"),
    UNCORDON("uncordon", Cause.NONE, "kubectl uncordon a cordoned node"),
    DELETE_POD("delete-pod", Cause.FAULT, "kubectl delete pod (graceful): bypasses the PDB"),
    FORCE_DELETE_POD("force-delete-pod", Cause.FAULT, "kubectl delete pod --force --grace-period=0"),
    KILL_PROCESS("kill-process", Cause.FAULT, "the ZooKeeper process dies (exit 137); the kubelet restarts it"),
    FAIL_NODE("fail-node", Cause.FAULT, "a machine stops: its containers die, its kubelet goes silent"),
    RECOVER_NODE("recover-node", Cause.NONE, "a failed machine comes back"),
    ROLLING_UPDATE("rolling-update", Cause.PERMITTED, "kubectl patch sts: a new CPU request, a rolling update"),
    ROLLOUT_UNDO("rollout-undo", Cause.PERMITTED, "kubectl rollout undo sts"),
    SCALE(
            "scale",
            Cause.FAULT,
            "kubectl scale sts (by default only where the pods join and leave by dynamic reconfiguration:"
                    + " elsewhere changing replicas without --servers breaks quorum)"),
    WRITE("write", Cause.NONE, "a client creates a znode through the client Service"),
    DELETE_PVC("delete-pvc", Cause.FAULT, "kubectl delete pvc (only with --allow-data-loss)"),
    PARTITION("partition", Cause.FAULT, "a network partition: random pods (often the leader) cut from the others"),
    ISOLATE("isolate", Cause.FAULT, "one pod (often the leader) cut from every other pod and the clients"),
    PARTITION_NODE("partition-node", Cause.FAULT, "the pods of a node (often the leader's) cut from the rest"),
    PAUSE_PROCESS("pause-process", Cause.FAULT, "a JVM freezes (SIGSTOP, a long GC): sockets open, no answers"),
    RESUME_PROCESS("resume-process", Cause.NONE, "a paused JVM runs again"),
    SLOW_LINK("slow-link", Cause.FAULT, "election messages on a link between two pods arrive late"),
    HEAL("heal", Cause.NONE, "partitions and slow links are gone"),
    WAIT("wait", Cause.NONE, "let time pass (always generated, between the other actions)");

    /** How an action disrupts the ensemble, for the availability budget. */
    public enum Cause {
        /** Changes nothing ZooKeeper needs (or heals). */
        NONE,
        /** A voluntary disruption Kubernetes guards: evictions through the PDB, a rolling update one pod at a time. */
        PERMITTED,
        /** An unplanned failure, or an operator action that bypasses the PDB. */
        FAULT
    }

    private final String cliName;
    private final Cause cause;
    private final String description;

    ActionKind(String cliName, Cause cause, String description) {
        this.cliName = cliName;
        this.cause = cause;
        this.description = description;
    }

    public String cliName() {
        return cliName;
    }

    public Cause cause() {
        return cause;
    }

    public String description() {
        return description;
    }

    /**
     * What explore generates without {@code --actions}: everything but scale and PVC deletion, the network faults
     * included (a search that never partitions the network has not tested the manifest's time-outs).
     */
    public static Set<ActionKind> defaults() {
        EnumSet<ActionKind> s = EnumSet.allOf(ActionKind.class);
        s.remove(SCALE);
        s.remove(DELETE_PVC);
        return s;
    }

    /**
     * What explore generates without {@code --actions} for {@code spec}: {@link #defaults()}, plus scale when its pods
     * run {@code zk-reconfig-start} (k8s-manifests/zookeeper-reconfig.yaml), whose start script and preStop hook add
     * and remove servers by dynamic reconfiguration: scaling is what that manifest is for, so a search that never
     * scales has not tested it.
     */
    public static Set<ActionKind> defaultsFor(EnsembleSpec spec) {
        Set<ActionKind> s = defaults();
        if (ReconfigStartCommand.runs(spec.statefulSet().template().container().command())) {
            EnumSet<ActionKind> withScale = EnumSet.copyOf(s);
            withScale.add(SCALE);
            return withScale;
        }
        return s;
    }

    /**
     * A fault that leaves connections open and silent (a node that loses power, a partition, a paused process, a slow
     * link): followers notice a silent leader only after syncLimit × tickTime (Learner's socket time-out), so the
     * availability budget starts counting only then.
     */
    public boolean silent() {
        return this == FAIL_NODE
                || this == PARTITION
                || this == ISOLATE
                || this == PARTITION_NODE
                || this == PAUSE_PROCESS
                || this == SLOW_LINK;
    }

    public static Optional<ActionKind> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.cliName.equals(n)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ActionKind::cliName).toList();
    }
}
