package dev.zksim.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tick spacing and time labels for the timeline's axis, and durations in words for the tables. The unit of the
 * axis follows the length of the run (ms up to 2 s, s up to 3 min, min up to 3 h, then h), so every label on one
 * axis uses one unit and at most one decimal place fewer than needed.
 */
final class TimeAxis {
    private static final long S = 1_000;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    /** Nice steps: 1-2-5 in ms, then the clock's own divisions for seconds, minutes and hours. */
    private static final long[] STEPS = {
        1, 2, 5, 10, 20, 50, 100, 200, 250, 500, S, 2 * S, 5 * S, 10 * S, 15 * S, 20 * S, 30 * S, MIN, 2 * MIN, 5 * MIN,
        10 * MIN, 15 * MIN, 20 * MIN, 30 * MIN, H, 2 * H, 3 * H, 6 * H, 12 * H, 24 * H
    };

    private final long domainMs;
    private final long stepMs;

    /**
     * @param domainMs the axis runs from 0 to this (at least 1 ms is drawn)
     * @param maxTicks the most intervals between ticks that fit (labels need room)
     */
    TimeAxis(long domainMs, int maxTicks) {
        this.domainMs = Math.max(1, domainMs);
        this.stepMs = step(this.domainMs, Math.max(1, maxTicks));
    }

    static long step(long domainMs, int maxTicks) {
        for (long step : STEPS) {
            if (domainMs / step <= maxTicks) {
                return step;
            }
        }
        long step = 24 * H;
        while (domainMs / step > maxTicks) {
            step *= 2;
        }
        return step;
    }

    long domainMs() {
        return domainMs;
    }

    long stepMs() {
        return stepMs;
    }

    /** The tick times: 0, one step, two steps, ... up to the end of the domain. */
    long[] ticks() {
        long count = domainMs / stepMs + 1;
        long[] ticks = new long[(int) count];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = i * stepMs;
        }
        return ticks;
    }

    /** The tick label of {@code timeMs}, in this axis's unit. */
    String label(long timeMs) {
        if (timeMs == 0) {
            return "0";
        }
        if (domainMs <= 2 * S) {
            return timeMs + " ms";
        }
        if (domainMs <= 3 * MIN) {
            return decimal(timeMs, S) + " s";
        }
        if (domainMs <= 3 * H) {
            return compound(timeMs, MIN, "min", S, "s");
        }
        return compound(timeMs, H, "h", MIN, "min");
    }

    private static String compound(long timeMs, long big, String bigUnit, long small, String smallUnit) {
        long whole = timeMs / big;
        long rest = timeMs % big;
        if (rest == 0) {
            return whole + " " + bigUnit;
        }
        String part = decimal(rest, small) + " " + smallUnit;
        return whole == 0 ? part : whole + " " + bigUnit + " " + part;
    }

    /** {@code ms / unit} with up to three decimals, none trailing: 1.25, 2, 0.5. */
    private static String decimal(long ms, long unit) {
        return BigDecimal.valueOf(ms)
                .divide(BigDecimal.valueOf(unit), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros()
                .toPlainString();
    }

    /** A duration or a time since the run began in words: {@code 0 ms}, {@code 250 ms}, {@code 12.25 s},
     *  {@code 2 min 3.5 s}, {@code 1 h 2 min 3 s}. */
    static String duration(long ms) {
        if (ms < S) {
            return ms + " ms";
        }
        if (ms < MIN) {
            return decimal(ms, S) + " s";
        }
        StringBuilder sb = new StringBuilder();
        if (ms >= H) {
            sb.append(ms / H).append(" h");
            ms %= H;
        }
        if (ms >= MIN) {
            sb.append(sb.length() > 0 ? " " : "").append(ms / MIN).append(" min");
            ms %= MIN;
        }
        if (ms > 0) {
            sb.append(' ').append(decimal(ms, S)).append(" s");
        }
        return sb.toString();
    }
}
