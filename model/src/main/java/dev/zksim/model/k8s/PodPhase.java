package dev.zksim.model.k8s;

/**
 * A pod's {@code status.phase} (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-phase). The STATUS
 * column of {@code kubectl get pods} is derived from it and the container states; see {@link PodSnapshot#status()}.
 */
public enum PodPhase {
    PENDING("Pending"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    UNKNOWN("Unknown");

    private final String apiName;

    PodPhase(String apiName) {
        this.apiName = apiName;
    }

    /** As the API spells it. */
    public String apiName() {
        return apiName;
    }
}
