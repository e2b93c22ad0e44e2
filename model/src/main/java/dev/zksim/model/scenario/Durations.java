package dev.zksim.model.scenario;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario durations: one or more {@code <number><unit>} parts with units {@code ms}, {@code s}, {@code m}, {@code h}
 * ({@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1m30s}), the spelling kubectl flags such as
 * {@code --timeout} accept. A bare number is refused: a unit-less duration is a classic source of 1000x mistakes.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    /** The longest duration a scenario may name: one week of virtual time. */
    public static final long MAX_MS = 7L * 24 * 3600 * 1000;

    private Durations() {}

    /** Milliseconds of {@code text}, or empty when it is not a duration. */
    public static Optional<Long> parseMs(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = PART.matcher(s);
        int at = 0;
        double totalMs = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            double n = Double.parseDouble(m.group(1));
            totalMs += n
                    * switch (m.group(2)) {
                        case "ms" -> 1;
                        case "s" -> 1_000;
                        case "m" -> 60_000;
                        default -> 3_600_000;
                    };
            at = m.end();
        }
        if (totalMs > MAX_MS) {
            return Optional.empty();
        }
        return Optional.of(Math.round(totalMs));
    }

    /** Renders milliseconds the way scenarios spell them: {@code 500ms}, {@code 30s}, {@code 1m30s}, {@code 2h}. */
    public static String format(long ms) {
        if (ms % 1000 != 0) {
            return ms < 1000 ? ms + "ms" : String.format(Locale.ROOT, "%d.%03ds", ms / 1000, ms % 1000);
        }
        long s = ms / 1000;
        StringBuilder sb = new StringBuilder();
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
            s %= 3600;
        }
        if (s >= 60) {
            sb.append(s / 60).append('m');
            s %= 60;
        }
        if (s > 0 || sb.length() == 0) {
            sb.append(s).append('s');
        }
        return sb.toString();
    }
}
