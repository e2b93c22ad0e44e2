package dev.zksim.model.manifest;

/**
 * A Kubernetes {@code IntOrString} that is either a count or a percentage, as used by
 * {@code minAvailable}, {@code maxUnavailable} and {@code RollingUpdate.maxUnavailable}.
 *
 * @param value the count, or the percentage when {@code percent} is true (0..100)
 * @param percent whether {@code value} is a percentage
 */
public record IntOrPercent(int value, boolean percent) {

    public IntOrPercent {
        if (value < 0) {
            throw new IllegalArgumentException("negative value " + value);
        }
    }

    public static IntOrPercent count(int value) {
        return new IntOrPercent(value, false);
    }

    public static IntOrPercent percentOf(int value) {
        return new IntOrPercent(value, true);
    }

    /**
     * Resolves against {@code total}. PodDisruptionBudget percentages round up
     * (kubernetes.io/docs/tasks/run-application/configure-pdb/#rounding-logic-when-specifying-percentages);
     * a RollingUpdate maxUnavailable percentage rounds down (but at least 1).
     */
    public int resolve(int total, boolean roundUp) {
        if (!percent) {
            return value;
        }
        long scaled = (long) value * total;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
    }

    @Override
    public String toString() {
        return percent ? value + "%" : Integer.toString(value);
    }
}
