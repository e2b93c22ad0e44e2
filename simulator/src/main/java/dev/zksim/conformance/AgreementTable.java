package dev.zksim.conformance;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Per fact, over a batch of scenarios: comparisons, agreed exactly, agreed within tolerance, and the share agreed.
 * Immutable; {@link #plus} adds one scenario's tallies.
 */
public record AgreementTable(Map<ConformanceFact, ConformanceComparison.Tally> tallies) {
    public AgreementTable {
        tallies = Map.copyOf(tallies);
    }

    /** No comparison yet. */
    public static AgreementTable empty() {
        Map<ConformanceFact, ConformanceComparison.Tally> m = new EnumMap<>(ConformanceFact.class);
        for (ConformanceFact f : ConformanceFact.values()) {
            m.put(f, new ConformanceComparison.Tally(0, 0, 0));
        }
        return new AgreementTable(m);
    }

    /** This table plus one scenario's outcome. */
    public AgreementTable plus(ConformanceComparison.Outcome o) {
        Map<ConformanceFact, ConformanceComparison.Tally> m = new EnumMap<>(tallies);
        o.tallies().forEach((f, t) -> m.put(f, m.get(f).add(t)));
        return new AgreementTable(m);
    }

    /** The share of comparisons of {@code fact} that agreed (exactly or within tolerance), 0..100; 100 without any. */
    public double percent(ConformanceFact fact) {
        ConformanceComparison.Tally t = tallies.get(fact);
        return t.total() == 0 ? 100.0 : 100.0 * t.agreed() / t.total();
    }

    /** Whether every targeted fact agreed in at least {@code percent} of its comparisons. */
    public boolean meets(double percent) {
        for (ConformanceFact f : ConformanceFact.values()) {
            if (f.targeted() && percent(f) < percent) {
                return false;
            }
        }
        return true;
    }

    /** The table as text, one row per fact. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT, "%-12s %9s %9s %10s %8s%n", "fact", "agreed", "exact", "tolerated", "agreed%"));
        for (ConformanceFact f : ConformanceFact.values()) {
            ConformanceComparison.Tally t = tallies.get(f);
            sb.append(String.format(
                    Locale.ROOT,
                    "%-12s %9s %9d %10d %7.1f%%%s%n",
                    f.label(),
                    t.agreed() + "/" + t.total(),
                    t.exact(),
                    t.tolerated(),
                    percent(f),
                    f.targeted() ? "" : "  (reported, not targeted)"));
        }
        return sb.toString();
    }
}
