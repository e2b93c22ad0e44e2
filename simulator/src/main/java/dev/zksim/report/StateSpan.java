package dev.zksim.report;

/**
 * One stretch of time in which a pod showed one status, as {@code kubectl get pods -o wide} would show it.
 *
 * @param startMs engine time the status began (virtual or wall milliseconds since the run started)
 * @param endMs engine time it ended ({@code >= startMs})
 * @param status the pod's status: {@code Pending}, {@code ContainerCreating}, {@code Running} (not Ready yet),
 *     {@code Ready} (Running with the Ready condition true), {@code Terminating}, {@code CrashLoopBackOff},
 *     {@code Error}, {@code Unknown}; any other non-blank STATUS column value is drawn in a neutral colour
 * @param restarts the RESTARTS column during this span; a rise from the previous span is marked as a restart
 * @param node the node the pod is bound to, {@code ""} while unscheduled
 * @param detail free text shown on hover (a FailedScheduling message, an exit code), {@code ""} for none
 */
public record StateSpan(long startMs, long endMs, String status, int restarts, String node, String detail) {
    public StateSpan {
        Checks.span(startMs, endMs, "state span");
        Checks.nonBlank(status, "status");
        if (restarts < 0) {
            throw new IllegalArgumentException("restarts must be >= 0, got " + restarts);
        }
        Checks.text(node, "node");
        Checks.text(detail, "detail");
    }

    /** Milliseconds the span lasts. */
    public long durationMs() {
        return endMs - startMs;
    }
}
