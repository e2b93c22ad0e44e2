package dev.zksim.model.k8s;

/** Receives every {@link TimelineEntry} as it happens, on the scheduler's thread of control. */
@FunctionalInterface
public interface TimelineListener {
    void onEntry(TimelineEntry entry);
}
