package dev.zksim.model.scenario.engine;

/**
 * A Kubernetes event as {@code kubectl get events} / {@code kubectl describe} show it.
 *
 * @param timeMs when it happened (engine time)
 * @param type Normal or Warning
 * @param reason FailedScheduling, SuccessfulCreate, Killing, Evicted, ...
 * @param object {@code kind/name}: {@code pod/zk-1}, {@code statefulset/zk}, {@code node/node-1}
 * @param source the reporting component: {@code default-scheduler}, {@code statefulset-controller}, {@code kubelet}
 * @param message the message, as the component would write it
 */
public record ClusterEvent(long timeMs, String type, String reason, String object, String source, String message) {}
