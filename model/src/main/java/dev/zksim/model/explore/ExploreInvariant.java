package dev.zksim.model.explore;

/**
 * The invariants explore checks after every step, each with its name and a one-line description ({@code --help}
 * lists them). The first five are safety, the last two liveness and availability.
 */
public enum ExploreInvariant {
    ACKNOWLEDGED_WRITES_KEPT(
            "acknowledged-writes-kept",
            true,
            "no acknowledged write is lost, and a write is acknowledged only by a quorum that has it"),
    ONE_LEADER_PER_EPOCH(
            "one-leader-per-epoch",
            true,
            "at most one leader is established per epoch, epochs increase, and the highest vote wins"),
    HISTORY_PREFIX("history-prefix", true, "every serving follower's committed history is a prefix of its leader's"),
    PDB_RESPECTED(
            "pdb-respected",
            true,
            "an eviction of a healthy pod is granted only when the PodDisruptionBudget allows a disruption"),
    ONE_POD_PER_ORDINAL(
            "one-pod-per-ordinal",
            true,
            "at most one container runs per StatefulSet ordinal (StatefulSet's at-most-one guarantee)"),
    LIVENESS(
            "liveness",
            false,
            "once faults are healed and nodes uncordoned, the ensemble is writable and the rollout complete"
                    + " within a bound derived from the manifest's timings"),
    WRITE_OUTAGE_BUDGET(
            "write-outage-budget",
            false,
            "with only Kubernetes-permitted disruptions, or one fault on a healthy ensemble, writes never stop"
                    + " longer than --max-write-outage (after a silent fault: plus syncLimit x tickTime to notice it)");

    private final String id;
    private final boolean safety;
    private final String description;

    ExploreInvariant(String id, boolean safety, String description) {
        this.id = id;
        this.safety = safety;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** Safety (nothing bad ever happens) rather than liveness or availability. */
    public boolean safety() {
        return safety;
    }

    public String description() {
        return description;
    }
}
