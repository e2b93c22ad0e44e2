package dev.zksim.model.k8s;

/**
 * A Kubernetes Event, as the Events table of {@code kubectl describe} lists it: Type, Reason, From, Message.
 *
 * @param type {@code Normal} or {@code Warning}
 * @param reason {@code FailedScheduling}, {@code Scheduled}, {@code SuccessfulCreate}, {@code SuccessfulDelete},
 *     {@code Created}, {@code Started}, {@code Killing}, {@code Unhealthy}, {@code BackOff}, {@code NodeNotReady},
 *     {@code TaintManagerEviction}, ...
 * @param objectKind {@code Pod}, {@code StatefulSet}, {@code Node}, {@code PersistentVolumeClaim},
 *     {@code PodDisruptionBudget}
 * @param objectName the involved object
 * @param source the component that reported it ({@code default-scheduler}, {@code statefulset-controller},
 *     {@code kubelet}, {@code node-controller}, {@code taint-eviction-controller})
 */
public record KubernetesEvent(
        long timeMs, String type, String reason, String objectKind, String objectName, String source, String message)
        implements TimelineEntry {

    public static final String NORMAL = "Normal";
    public static final String WARNING = "Warning";

    @Override
    public String render() {
        return String.format(
                "%-7s %-20s %s/%s  %s  %s",
                type, reason, objectKind.toLowerCase(java.util.Locale.ROOT), objectName, source, message);
    }
}
