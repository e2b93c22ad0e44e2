package dev.zksim.model.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a step expects of one pod ({@code expect-pod}, and {@code wait: {until: {pod: ...}}}); every given field must
 * hold, absent fields are not checked.
 *
 * @param exists whether the pod object exists (default: true when any other field is given)
 * @param phase the pod phase: Pending, Running, Succeeded, Failed, Unknown
 * @param status the STATUS column of {@code kubectl get pods} (Pending, ContainerCreating, Running, Terminating, ...)
 * @param ready whether the pod is Ready (READY n/n)
 * @param restarts the RESTARTS column
 * @param node the node it is bound to
 * @param notNode a node it must not be bound to
 * @param pendingReasonContains text the pod's latest scheduling failure must contain
 */
public record PodMatch(
        String pod,
        Optional<Boolean> exists,
        Optional<String> phase,
        Optional<String> status,
        Optional<Boolean> ready,
        OptionalInt restarts,
        Optional<NodeRef> node,
        Optional<NodeRef> notNode,
        Optional<String> pendingReasonContains) {

    /** The valid pod phases (kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#pod-phase). */
    public static final List<String> PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");

    /** The STATUS values zksim's engines show. */
    public static final List<String> STATUSES = List.of(
            "Pending",
            "ContainerCreating",
            "Running",
            "Terminating",
            "Error",
            "CrashLoopBackOff",
            "Completed",
            "Unknown",
            "ErrImagePull",
            "ImagePullBackOff");

    /** Whether the pod is expected to exist. */
    public boolean expectsExistence() {
        return exists.orElse(true);
    }

    /** "zk-1 ready=true status=Running". */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(pod);
        exists.ifPresent(v -> parts.add("exists=" + v));
        phase.ifPresent(v -> parts.add("phase=" + v));
        status.ifPresent(v -> parts.add("status=" + v));
        ready.ifPresent(v -> parts.add("ready=" + v));
        restarts.ifPresent(v -> parts.add("restarts=" + v));
        node.ifPresent(v -> parts.add("node=" + v));
        notNode.ifPresent(v -> parts.add("notNode=" + v));
        pendingReasonContains.ifPresent(v -> parts.add("pendingReasonContains='" + v + "'"));
        return String.join(" ", parts);
    }
}
