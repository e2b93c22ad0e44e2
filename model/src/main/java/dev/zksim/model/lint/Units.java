package dev.zksim.model.lint;

import java.util.Locale;

/** Human renderings of bytes and milliseconds for finding messages. */
final class Units {
    private static final long KIB = 1024;
    private static final long MIB = KIB * 1024;
    private static final long GIB = MIB * 1024;

    private Units() {}

    /**
     * {@code 1073741824} → {@code 1 GiB}, {@code 536870912} → {@code 512 MiB},
     * {@code 1610612736} → {@code 1.5 GiB}.
     */
    static String bytes(long bytes) {
        if (bytes >= GIB) {
            return trim(bytes / (double) GIB) + " GiB";
        }
        if (bytes >= MIB) {
            return trim(bytes / (double) MIB) + " MiB";
        }
        if (bytes >= KIB) {
            return trim(bytes / (double) KIB) + " KiB";
        }
        return bytes + " B";
    }

    /** {@code 4000000} → {@code 4000 s}, {@code 1500} → {@code 1.5 s}, {@code 200} → {@code 200 ms}. */
    static String millis(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        return trim(ms / 1000.0) + " s";
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
