package dev.zksim.model.scenario.engine;

import java.util.Optional;

/**
 * One PersistentVolumeClaim as {@code kubectl get pvc} shows it.
 *
 * @param phase Pending, Bound or Lost
 * @param volume the bound volume's name ({@code pvc-<uid>}): the same for as long as the claim exists
 */
public record PvcView(String name, String phase, Optional<String> volume) {
    public boolean bound() {
        return "Bound".equals(phase);
    }
}
