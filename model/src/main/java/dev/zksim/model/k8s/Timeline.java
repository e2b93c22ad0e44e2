package dev.zksim.model.k8s;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The ordered record of pod rows, events and command output, with its listeners. Bounded. */
final class Timeline {
    /** A runaway model fails loudly instead of eating the heap. */
    static final int MAX_ENTRIES = 2_000_000;

    private final List<TimelineEntry> entries = new ArrayList<>();
    private final List<KubernetesEvent> events = new ArrayList<>();
    private final List<TimelineListener> listeners = new ArrayList<>();

    void add(TimelineEntry e) {
        if (entries.size() >= MAX_ENTRIES) {
            throw new IllegalStateException("timeline exceeds " + MAX_ENTRIES + " entries; last: " + e.render());
        }
        entries.add(e);
        if (e instanceof KubernetesEvent ev) {
            events.add(ev);
        }
        for (TimelineListener l : listeners) {
            l.onEntry(e);
        }
    }

    void addListener(TimelineListener l) {
        listeners.add(java.util.Objects.requireNonNull(l));
    }

    List<TimelineEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries));
    }

    List<KubernetesEvent> events() {
        return Collections.unmodifiableList(new ArrayList<>(events));
    }
}
