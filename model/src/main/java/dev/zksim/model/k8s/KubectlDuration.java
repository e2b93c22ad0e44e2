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
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? days + "d" : days + "d" + h + "h";
        }
        return days + "d";
    }
}
