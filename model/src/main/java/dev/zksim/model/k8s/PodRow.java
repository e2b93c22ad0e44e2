package dev.zksim.model.k8s;

/**
 * A pod change as one row of {@code kubectl get pods -w}: NAME READY STATUS RESTARTS AGE.
 *
 * @param ageMs time since the pod object was created
 */
public record PodRow(
        long timeMs, String name, int readyContainers, int totalContainers, String status, int restarts, long ageMs)
        implements TimelineEntry {

    /** The header kubectl prints above the rows. */
    public static final String HEADER =
            String.format("%-8s %-6s %-18s %-9s %s", "NAME", "READY", "STATUS", "RESTARTS", "AGE");

    @Override
    public String render() {
        return String.format(
                "%-8s %-6s %-18s %-9d %s",
                name, readyContainers + "/" + totalContainers, status, restarts, KubectlDuration.human(ageMs));
    }
}
