package dev.zksim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class TimeAxisProperties {

    /** Ticks start at 0, are evenly spaced, stay within the run, are neither crowded nor too few, and read apart. */
    @Property(tries = 500)
    void ticksAreFewEvenAndDistinct(
            @ForAll @LongRange(min = 0, max = 7L * 24 * 3_600_000) long domainMs,
            @ForAll @IntRange(min = 4, max = 20) int maxTicks) {
        TimeAxis axis = new TimeAxis(domainMs, maxTicks);
        long[] ticks = axis.ticks();
        assertThat(ticks[0]).isZero();
        assertThat(ticks.length).isBetween(2, maxTicks + 1);
        assertThat(ticks[ticks.length - 1]).isLessThanOrEqualTo(axis.domainMs());
        // The last tick is within one step of the end: the axis is used, not squeezed into its left part.
        assertThat(axis.domainMs() - ticks[ticks.length - 1]).isLessThan(axis.stepMs());
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < ticks.length; i++) {
            assertThat(ticks[i]).isEqualTo(i * axis.stepMs());
            assertThat(labels.add(axis.label(ticks[i])))
                    .as("label %s repeats", axis.label(ticks[i]))
                    .isTrue();
        }
        // No more tick intervals than asked for, however long the run.
        assertThat(axis.domainMs() / axis.stepMs()).isLessThanOrEqualTo(maxTicks);
    }
}
