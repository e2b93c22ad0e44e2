package dev.zksim.model.manifest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact parsing of Kubernetes resource quantities ({@code 0.5}, {@code 500m}, {@code 1Gi}, {@code 512M},
 * {@code 1e3}), following the grammar of k8s.io/apimachinery/pkg/api/resource (quantity.go): a signed decimal
 * number, then a binary suffix (Ki Mi Gi Ti Pi Ei, powers of 1024), a decimal suffix (n u m k M G T P E) or a
 * decimal exponent ({@code e3}, {@code E-2}). Integer views round up, as {@code Quantity.Value()} and
 * {@code MilliValue()} do. Note {@code 512M} is 512,000,000 bytes for Kubernetes but 512 MiB for a JVM
 * {@code -Xmx512M}; {@link StartZookeeperCommand#heapBytes} handles the JVM form.
 */
public final class Quantities {
    private static final Pattern QUANTITY =
            Pattern.compile("([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))([a-zA-Z]*)([+-]?[0-9]*)");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("n", new BigDecimal("1e-9")),
            Map.entry("u", new BigDecimal("1e-6")),
            Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")),
            Map.entry("M", new BigDecimal("1e6")),
            Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")),
            Map.entry("P", new BigDecimal("1e15")),
            Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)),
            Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)),
            Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)),
            Map.entry("Ei", BigDecimal.valueOf(1L << 60)));
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Quantities() {}

    /**
     * The exact value of a quantity in base units (cores, bytes).
     *
     * @throws IllegalArgumentException with a user-facing explanation when {@code text} is not a quantity
     */
    public static BigDecimal parse(String text) {
        String s = text == null ? "" : text.trim();
        Matcher m = QUANTITY.matcher(s);
        if (s.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException(notAQuantity(text));
        }
        BigDecimal number = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String suffix = m.group(2);
        String exponent = m.group(3);
        if ((suffix.equals("e") || suffix.equals("E"))
                && !exponent.isEmpty()
                && !exponent.equals("+")
                && !exponent.equals("-")) {
            return number.scaleByPowerOfTen(
                    Integer.parseInt(exponent.startsWith("+") ? exponent.substring(1) : exponent));
        }
        BigDecimal factor = SUFFIXES.get(suffix);
        if (factor == null || !exponent.isEmpty()) {
            throw new IllegalArgumentException(notAQuantity(text));
        }
        return number.multiply(factor);
    }

    /** CPU in millicores, rounded up ({@code 0.5} and {@code 500m} are 500, {@code 2} is 2000). */
    public static long cpuMillis(String text) {
        return toLong(parse(text).movePointRight(3), text);
    }

    /** A size in bytes, rounded up ({@code 1Gi} is 1073741824, {@code 512M} is 512000000). */
    public static long bytes(String text) {
        return toLong(parse(text), text);
    }

    private static long toLong(BigDecimal v, String text) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("the quantity '" + text + "' is negative; Kubernetes requires resource"
                    + " quantities to be greater than or equal to 0");
        }
        BigDecimal up = v.setScale(0, RoundingMode.CEILING);
        if (up.compareTo(LONG_MAX) > 0) {
            throw new IllegalArgumentException("the quantity '" + text + "' is too large");
        }
        return up.longValueExact();
    }

    private static String notAQuantity(String text) {
        return "'" + text + "' is not a Kubernetes quantity: write a number with an optional suffix, e.g. 500m or 0.5"
                + " for CPU, 1Gi, 512Mi or 2G for memory and storage (suffixes Ki Mi Gi Ti Pi Ei are powers of 1024,"
                + " k M G T P E powers of 1000; the suffix is case-sensitive)";
    }
}
