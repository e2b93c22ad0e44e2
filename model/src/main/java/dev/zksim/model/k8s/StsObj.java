package dev.zksim.model.k8s;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;
import dev.zksim.model.manifest.StatefulSetSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The StatefulSet object: the applied manifest (its template is the update revision's), revisions and status. */
final class StsObj {
    EnsembleSpec ensemble;
    /** Revisions kept in history, any order; see {@link #history()}. */
    final List<Revision> revisions = new ArrayList<>();

    Revision current;
    Revision update;

    StsObj(EnsembleSpec ensemble) {
        this.ensemble = ensemble;
    }

    StatefulSetSpec spec() {
        return ensemble.statefulSet();
    }

    String name() {
        return spec().name();
    }

    int replicas() {
        return spec().replicas();
    }

    int maxNumber() {
        return revisions.stream().mapToInt(r -> r.number).max().orElse(0);
    }

    Optional<Revision> byTemplate(PodTemplate t) {
        return revisions.stream().filter(r -> r.template.equals(t)).findFirst();
    }

    Optional<Revision> byNumber(int n) {
        return revisions.stream().filter(r -> r.number == n).findFirst();
    }

    Optional<Revision> byName(String name) {
        // a loop rather than a stream: every pod view asks
        for (Revision r : revisions) {
            if (r.name.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Revisions sorted by number. */
    List<Revision> history() {
        List<Revision> l = new ArrayList<>(revisions);
        l.sort(Comparator.comparingInt(r -> r.number));
        return l;
    }

    /**
     * Makes {@code template} the update revision: reuses an identical revision under a new highest number, or creates
     * one (pkg/controller/history: equal revisions are re-numbered rather than duplicated).
     *
     * @return whether the update revision changed
     */
    boolean setTemplate(PodTemplate template) {
        Optional<Revision> same = byTemplate(template);
        Revision r;
        if (same.isPresent()) {
            r = same.get();
            if (r == update) {
                return false;
            }
            r.number = maxNumber() + 1;
        } else {
            r = new Revision(name(), template, maxNumber() + 1);
            revisions.add(r);
        }
        update = r;
        if (current == null) {
            current = r;
        }
        return true;
    }

    /**
     * Drops the oldest revisions that no pod uses and that are neither current nor update, beyond
     * {@code revisionHistoryLimit} (the controller's truncateHistory).
     */
    void truncateHistory(Set<String> live) {
        List<Revision> history = history().stream()
                .filter(r -> r != current && r != update && !live.contains(r.name))
                .toList();
        int excess = history.size() - spec().revisionHistoryLimit();
        for (int i = 0; i < excess; i++) {
            revisions.remove(history.get(i));
        }
    }

    /** Replaces the applied manifest's StatefulSet spec. */
    void setSpec(StatefulSetSpec s) {
        ensemble = ensemble.withStatefulSet(s);
    }
}
