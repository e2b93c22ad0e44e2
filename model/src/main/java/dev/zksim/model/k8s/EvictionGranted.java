package dev.zksim.model.k8s;

import dev.zksim.model.manifest.PdbSpec;
import java.util.List;
import java.util.Optional;

/**
 * One eviction the Eviction API granted, as an invariant checker needs it to judge the grant independently of the
 * rule that made it: the pods as they were just before, the StatefulSet's scale and the budget that applied.
 *
 * @param podWasReady the evicted pod was Ready and not being deleted (an eviction the budget must allow)
 */
public record EvictionGranted(
        long timeMs,
        String pod,
        boolean podWasReady,
        List<PodSnapshot> podsBefore,
        int replicas,
        Optional<PdbSpec> pdb) {
    public EvictionGranted {
        podsBefore = List.copyOf(podsBefore);
    }
}
