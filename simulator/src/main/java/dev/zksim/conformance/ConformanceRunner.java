package dev.zksim.conformance;

import dev.zksim.engine.real.RealEngine;
import dev.zksim.engine.real.RealEngineSettings;
import dev.zksim.model.scenario.Scenario;
import dev.zksim.model.scenario.cluster.ModelEngine;
import dev.zksim.model.scenario.cluster.ZabBackend;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineFactory;
import dev.zksim.model.scenario.engine.EngineSetup;
import dev.zksim.model.scenario.parse.ScenarioParser;
import dev.zksim.model.scenario.run.JsonReport;
import dev.zksim.model.scenario.run.RunObserver;
import dev.zksim.model.scenario.run.RunResult;
import dev.zksim.model.scenario.run.ScenarioRunner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a batch of generated scenarios in both engines, compares each pair of runs, and writes every scenario with a
 * disagreement (or an error) to the output directory as a replayable scenario file, with the disagreements in its
 * header and both engines' JSON results beside it ({@code NAME.model.json}, {@code NAME.real.json}). Scenarios run
 * {@code parallel} at a time (each real run is a whole ensemble of real servers on its own loopback subnet).
 */
public final class ConformanceRunner {
    /** The longest one scenario may take in both engines together before the batch gives up on it. */
    static final long SCENARIO_BOUND_MS = 15 * 60_000;

    private final ConformanceGenerator generator;
    private final ConformanceComparison comparison;
    private final Path outDir;
    private final int parallel;
    private final EngineFactory model = ModelEngine.factory(ZabBackend.FACTORY);
    /**
     * Without probe writes: they add transactions the model does not make, and a higher zxid decides the next
     * election (FastLeaderElection), so they would change who leads.
     */
    private final EngineFactory real =
            RealEngine.factory(RealEngineSettings.defaults().withProbeWrites(false));

    public ConformanceRunner(ConformanceGenerator generator, long toleranceMs, Path outDir, int parallel) {
        this.generator = generator;
        this.comparison = new ConformanceComparison(toleranceMs);
        this.outDir = outDir;
        this.parallel = parallel;
    }

    /**
     * One scenario's result.
     *
     * @param error why the scenario could not be compared (a run threw); empty when it was
     * @param wallMs how long both runs took
     */
    public record CaseResult(
            ConformanceCase scenario, ConformanceComparison.Outcome outcome, Optional<String> error, long wallMs) {
        public boolean disagrees() {
            return error.isPresent() || !outcome.disagreements().isEmpty();
        }
    }

    /** A batch's result. */
    public record Report(AgreementTable table, List<CaseResult> cases, long wallMs) {
        public Report {
            cases = List.copyOf(cases);
        }
    }

    /** Runs scenarios 1..{@code count}; {@code progress} hears of each as it finishes. */
    public Report run(int count, Consumer<CaseResult> progress) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "zksim-conform");
            t.setDaemon(true);
            return t;
        });
        List<Future<CaseResult>> futures = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                CaseResult r = runOne(generator.generate(n));
                synchronized (progress) {
                    progress.accept(r);
                }
                return r;
            }));
        }
        pool.shutdown();
        List<CaseResult> results = new ArrayList<>();
        AgreementTable table = AgreementTable.empty();
        try {
            for (Future<CaseResult> f : futures) {
                CaseResult r = f.get(SCENARIO_BOUND_MS * count, TimeUnit.MILLISECONDS);
                results.add(r);
                table = table.plus(r.outcome());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            pool.shutdownNow();
            throw new IllegalStateException("a conformance scenario did not finish: " + e, e);
        }
        return new Report(table, results, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /** Runs one scenario in both engines and compares them; writes it out when they disagree. */
    public CaseResult runOne(ConformanceCase c) {
        long start = System.nanoTime();
        Path file = outDir.resolve(c.fileName());
        Scenario s = ScenarioParser.parse(file, c.yaml());
        RunResult m;
        RunResult r;
        try {
            m = run(model, s, c.runSeed());
            r = run(real, s, c.runSeed());
        } catch (RuntimeException e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            write(c, List.of("could not compare: " + why), Optional.empty(), Optional.empty());
            return new CaseResult(
                    c,
                    new ConformanceComparison.Outcome(AgreementTable.empty().tallies(), List.of()),
                    Optional.of(why),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        ConformanceComparison.Outcome o = comparison.compare(m, r);
        if (!o.disagreements().isEmpty()) {
            write(c, o.disagreements().stream().map(Disagreement::describe).toList(), Optional.of(m), Optional.of(r));
        }
        return new CaseResult(c, o, Optional.empty(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static RunResult run(EngineFactory factory, Scenario s, long seed) {
        try (Engine e = factory.create(new EngineSetup(s.cluster(), s.timing(), seed))) {
            return ScenarioRunner.create(e, RunObserver.NONE).run(s, seed);
        }
    }

    private void write(ConformanceCase c, List<String> why, Optional<RunResult> m, Optional<RunResult> r) {
        StringBuilder sb = new StringBuilder("# The engines disagree on this scenario:\n");
        why.forEach(w -> sb.append("#   ").append(w).append('\n'));
        sb.append(c.yaml());
        String base = c.fileName().substring(0, c.fileName().length() - ".yaml".length());
        try {
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve(c.fileName()), sb.toString(), StandardCharsets.UTF_8);
            if (m.isPresent()) {
                Files.writeString(outDir.resolve(base + ".model.json"), json(m.get()), StandardCharsets.UTF_8);
            }
            if (r.isPresent()) {
                Files.writeString(outDir.resolve(base + ".real.json"), json(r.get()), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(RunResult r) {
        StringWriter w = new StringWriter();
        JsonReport.write(r, new PrintWriter(w));
        return w.toString();
    }
}
