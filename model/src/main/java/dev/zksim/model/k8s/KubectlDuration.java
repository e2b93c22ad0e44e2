package dev.zksim.model.k8s;

/**
 * Formats a duration the way kubectl prints AGE columns (k8s.io/apimachinery/pkg/util/duration HumanDuration):
 * exact seconds below 2 minutes, then minutes with seconds below 10 minutes, minutes below 3 hours, hours with
 * minutes below 8 hours, hours below 2 days, then days. The one implementation of the AGE column: {@link PodRow} and
 * the scenario reports print through it.
 */
public final class KubectlDuration {
    private KubectlDuration() {}

    /** {@code ms} as kubectl's AGE column shows it; a negative duration (clock skew) shows as {@code 0s}. */
    public static String human(long ms) {
        long seconds = Math.max(0, ms / 1000);
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return withRest(minutes, "m", seconds % 60, "s");
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return withRest(hours, "h", minutes % 60, "m");
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return withRest(days, "d", hours % 24, "h");
        }
        return days + "d";
    }

    /** {@code 3m}, or {@code 3m20s} when there is a rest in the smaller unit: kubectl leaves a zero rest out. */
    private static String withRest(long whole, String unit, long rest, String restUnit) {
        return rest == 0 ? whole + unit : whole + unit + rest + restUnit;
    }
}
