package dev.zksim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Everything the HTML report shows about one run, filled by the caller from the run's result. Both engines fill the
 * same fields, so two reports of one scenario can be compared side by side; times are milliseconds since the run
 * began, in the engine's own time (virtual for the model engine, wall for the real engine).
 *
 * <p>Lists keep the caller's order where order means something (lanes top to bottom, facts, logs); step markers and
 * verdicts are shown by step number. Intervals and spans may reach past {@code endMs} (a real-engine span closed just
 * after the clock was read): the timeline then stretches to the latest time given.
 *
 * @param title the page title, usually the scenario's name
 * @param scenarioFile the scenario file as the user named it
 * @param engine {@code model} or {@code real}
 * @param seed the seed the run used
 * @param timeUnitNote what the times mean: {@code virtual time}, {@code wall time, Kubernetes delays scaled ×10}
 * @param endMs engine time at the end of the run
 * @param lanes one lane per pod identity, top to bottom
 * @param leaders who led, in time order without overlap; label = {@code zk-2 (epoch 2)}: the first word names the
 *     pod (it picks the colour), the rest is free text; gaps are times without a leader
 * @param writable when writes were available, in time order without overlap; gaps are drawn as "no quorum"
 * @param steps the scenario's steps, with unique numbers
 * @param verdicts expectation outcomes, each naming one of {@code steps}
 * @param logs per-pod logs, relative to the report directory
 * @param facts measured numbers, in the order to show them
 */
public record ReportData(
        String title,
        String scenarioFile,
        String engine,
        long seed,
        String timeUnitNote,
        long endMs,
        List<PodLane> lanes,
        List<Interval> leaders,
        List<Interval> writable,
        List<StepMarker> steps,
        List<VerdictRow> verdicts,
        List<LogLink> logs,
        List<Fact> facts) {
    public static final String MODEL = "model";
    public static final String REAL = "real";

    public ReportData {
        Checks.nonBlank(title, "title");
        Checks.text(scenarioFile, "scenarioFile");
        if (!MODEL.equals(engine) && !REAL.equals(engine)) {
            throw new IllegalArgumentException("engine must be model or real, got " + engine);
        }
        Checks.text(timeUnitNote, "timeUnitNote");
        if (endMs < 0) {
            throw new IllegalArgumentException("endMs must be >= 0, got " + endMs);
        }
        lanes = List.copyOf(lanes);
        Set<String> pods = new TreeSet<>();
        for (PodLane lane : lanes) {
            if (!pods.add(lane.pod())) {
                throw new IllegalArgumentException("two lanes for pod " + lane.pod());
            }
        }
        leaders = Checks.ordered(leaders, Interval::startMs, Interval::endMs, "leaders");
        writable = Checks.ordered(writable, Interval::startMs, Interval::endMs, "writable");
        steps = List.copyOf(steps);
        Set<Integer> numbers = new TreeSet<>();
        for (StepMarker s : steps) {
            if (!numbers.add(s.index())) {
                throw new IllegalArgumentException("two steps numbered " + s.index());
            }
        }
        verdicts = List.copyOf(verdicts);
        for (VerdictRow v : verdicts) {
            if (!numbers.contains(v.stepIndex())) {
                throw new IllegalArgumentException(
                        "verdict names step " + v.stepIndex() + ", which is not listed: " + v);
            }
        }
        logs = List.copyOf(logs);
        facts = List.copyOf(facts);
    }

    /** The end of the time axis: {@code endMs}, or the latest time any span, interval or step reaches. */
    public long timelineEndMs() {
        long end = endMs;
        for (PodLane lane : lanes) {
            for (StateSpan s : lane.spans()) {
                end = Math.max(end, s.endMs());
            }
        }
        for (Interval i : leaders) {
            end = Math.max(end, i.endMs());
        }
        for (Interval i : writable) {
            end = Math.max(end, i.endMs());
        }
        for (StepMarker s : steps) {
            end = Math.max(end, s.atMs());
        }
        return end;
    }

    /** How many verdicts have the given outcome. */
    public long count(String outcome) {
        return verdicts.stream().filter(v -> v.outcome().equals(outcome)).count();
    }

    /** True when no verdict failed (skipped expectations do not fail a run). */
    public boolean passed() {
        return count(VerdictRow.FAILED) == 0;
    }

    /** A builder; {@code title} and {@code engine} are required, everything else starts empty or zero. */
    public static ReportBuilder builder(String title, String engine) {
        return new ReportBuilder(title, engine);
    }

    /**
     * Collects a report's parts one at a time, so callers do not pass thirteen positional arguments (four of them
     * strings). Not thread-safe; {@link #build()} validates.
     */
    public static final class ReportBuilder {
        private final String title;
        private final String engine;
        private String scenarioFile = "";
        private long seed;
        private String timeUnitNote = "";
        private long endMs;
        private final List<PodLane> lanes = new ArrayList<>();
        private final List<Interval> leaders = new ArrayList<>();
        private final List<Interval> writable = new ArrayList<>();
        private final List<StepMarker> steps = new ArrayList<>();
        private final List<VerdictRow> verdicts = new ArrayList<>();
        private final List<LogLink> logs = new ArrayList<>();
        private final List<Fact> facts = new ArrayList<>();

        private ReportBuilder(String title, String engine) {
            this.title = title;
            this.engine = engine;
        }

        public ReportBuilder scenarioFile(String file) {
            this.scenarioFile = file;
            return this;
        }

        public ReportBuilder seed(long value) {
            this.seed = value;
            return this;
        }

        public ReportBuilder timeUnitNote(String note) {
            this.timeUnitNote = note;
            return this;
        }

        public ReportBuilder endMs(long value) {
            this.endMs = value;
            return this;
        }

        public ReportBuilder lane(String pod, List<StateSpan> spans) {
            lanes.add(new PodLane(pod, spans));
            return this;
        }

        public ReportBuilder lanes(List<PodLane> all) {
            lanes.addAll(all);
            return this;
        }

        public ReportBuilder leader(long startMs, long endMs, String label) {
            leaders.add(new Interval(startMs, endMs, label));
            return this;
        }

        public ReportBuilder writable(long startMs, long endMs) {
            writable.add(new Interval(startMs, endMs, ""));
            return this;
        }

        public ReportBuilder step(long atMs, int index, int line, String text) {
            steps.add(new StepMarker(atMs, index, line, text));
            return this;
        }

        public ReportBuilder verdict(int stepIndex, int line, String text, String outcome, String detail) {
            verdicts.add(new VerdictRow(stepIndex, line, text, outcome, detail));
            return this;
        }

        public ReportBuilder log(String pod, String relativePath) {
            logs.add(new LogLink(pod, relativePath));
            return this;
        }

        public ReportBuilder fact(String name, String value) {
            facts.add(new Fact(name, value));
            return this;
        }

        public ReportData build() {
            return new ReportData(
                    title,
                    scenarioFile,
                    engine,
                    seed,
                    timeUnitNote,
                    endMs,
                    lanes,
                    leaders,
                    writable,
                    steps,
                    verdicts,
                    logs,
                    facts);
        }
    }
}
