package dev.zksim.model.scenario.engine;

/**
 * One node as {@code kubectl get nodes} shows it.
 *
 * @param ready the node's Ready condition
 * @param cordoned {@code spec.unschedulable} (STATUS {@code Ready,SchedulingDisabled})
 */
public record NodeView(String name, boolean ready, boolean cordoned) {
    /** The STATUS column. */
    public String status() {
        return (ready ? "Ready" : "NotReady") + (cordoned ? ",SchedulingDisabled" : "");
    }
}
