package dev.zksim.model.k8s;

/**
 * One line of the cluster's timeline, in the order things happened (ties in simulation time keep their causal
 * order). Exhaustive: a pod row as {@code kubectl get pods -w} prints it, an event as {@code kubectl describe} lists
 * it, or what a kubectl command printed.
 */
public sealed interface TimelineEntry permits PodRow, KubernetesEvent, CommandOutput {

    /** Simulation time of the entry. */
    long timeMs();

    /** The entry as kubectl would print it (without the simulation time). */
    String render();
}
