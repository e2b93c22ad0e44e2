package dev.zksim.model.explore;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of action explore may generate, by their {@code --actions} name, and how each one disrupts the ensemble.
 *
 * <p>Extension point: the network faults of issue 10 (partition, heal, ...) become new constants with
 * {@link Cause#FAULT} (or {@link Cause#NONE} for healing), a record in {@link ExploreAction}, a case in
 * {@link ExploreWorld#perform} and in {@link FindingScenarioWriter}; the generator picks them up from
 * {@link ActionGenerator}'s weights.
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
    SCALE("scale", Cause.FAULT, "kubectl scale sts (not by default: changing replicas without --servers breaks quorum)"),
    WRITE("write", Cause.NONE, "a client creates a znode through the client Service"),
    DELETE_PVC("delete-pvc", Cause.FAULT, "kubectl delete pvc (only with --allow-data-loss)"),
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

    /** What explore generates without {@code --actions}: everything but scale and PVC deletion. */
    public static Set<ActionKind> defaults() {
        EnumSet<ActionKind> s = EnumSet.allOf(ActionKind.class);
        s.remove(SCALE);
        s.remove(DELETE_PVC);
        return s;
    }

    public static Optional<ActionKind> byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.cliName.equals(n)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ActionKind::cliName).toList();
    }
}
