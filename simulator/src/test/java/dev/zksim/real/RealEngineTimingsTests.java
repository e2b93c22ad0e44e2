package dev.zksim.real;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the real engine (prints, does not assert on speed): for 3 and 5 servers, the median over
 * {@value #RUNS} runs (after one warm-up run) of
 * <ul>
 *   <li>all containers started at once until a leader serves a majority, and until the first acknowledged write;</li>
 *   <li>once every server serves, the leader's container killed until the first acknowledged write;</li>
 *   <li>the election time ZooKeeper reports ("LEADER ELECTION TOOK"), at start-up and after the kill (the new
 *       leader's number).</li>
 * </ul>
 * Each pod is published in DNS as soon as its readiness probe ({@code ruok}) passes, as the headless Service does.
 * Run with {@code mvn -o -B -q -pl simulator -am test -Dtest=RealEngineTimingsTests -Dzksim.measure=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "zksim.measure", matches = "true")
class RealEngineTimingsTests {
    private static final int RUNS = 10;

    record Run(long leaderMs, long firstWriteMs, long startElectionMs, long failoverWriteMs, long failoverElectionMs,
               long newLeaderServingMs) {}

    @Test
    void measure() {
        List<String> report = new ArrayList<>();
        for (int servers : new int[] {3, 5}) {
            once(servers); // warm-up: class loading, JIT
            List<Run> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(once(servers));
            }
            report.add(String.format(Locale.ROOT, "%d servers, %d runs (median [min..max] ms):", servers, RUNS));
            report.add(line("start -> leader serving majority", runs.stream().map(Run::leaderMs).toList()));
            report.add(line("start -> first acknowledged write", runs.stream().map(Run::firstWriteMs).toList()));
            report.add(line("start-up election (ZooKeeper, leader)", runs.stream().map(Run::startElectionMs).toList()));
            report.add(line("leader killed -> new leader serving", runs.stream().map(Run::newLeaderServingMs)
                    .toList()));
            report.add(line("leader killed -> first acknowledged write", runs.stream().map(Run::failoverWriteMs)
                    .toList()));
            report.add(line("failover election (ZooKeeper, new leader)", runs.stream().map(Run::failoverElectionMs)
                    .toList()));
        }
        System.out.println(String.join("\n", report));
    }

    private static String line(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        long median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        return String.format(Locale.ROOT, "  %-44s %6d  [%d..%d]  all: %s", what, median, sorted.get(0),
                sorted.get(sorted.size() - 1), values.stream().map(String::valueOf).collect(Collectors.joining(" ")));
    }

    private static Run once(int servers) {
        try (RealEnsemble e = new RealEnsemble(servers)) {
            long t0 = System.nanoTime();
            for (int i = 0; i < servers; i++) {
                e.start(i, i, 0);
            }
            publishAsReady(e, servers);
            assertThat(e.runtime.awaitLeader(30_000)).isPresent();
            long leaderMs = ms(t0);
            ClientResult w = e.runtime.clients().writeUntilAcknowledged(ClientTarget.service("zk-cs"), "/first", "1", 30_000);
            assertThat(w.acknowledged()).as("%s", w).isTrue();
            long firstWriteMs = ms(t0);
            // steady state before the disruption: every follower synced (a kill while one is still joining costs
            // ZooKeeper up to a second more; see docs/real-engine.md)
            assertThat(Awaits.until(() -> e.runtime.statuses().values().stream().allMatch(ServerStatus::serving),
                    30_000, 2)).isTrue();
            String leader = e.runtime.leaders().first();
            long startElection = e.runtime.elections().stream().filter(r -> r.role().equals("LEADING"))
                    .mapToLong(ElectionReport::electionTimeMs).findFirst().orElse(-1);
            int reportsBefore = e.runtime.elections().size();

            long t1 = System.nanoTime();
            e.kill(leader);
            e.unpublish(leader);
            long[] serving = {-1};
            Thread watcher = new Thread(() -> {
                if (Awaits.until(() -> {
                    TreeSet<String> l = new TreeSet<>(e.runtime.leaders());
                    return !l.isEmpty() && !l.contains(leader);
                }, 30_000, 1)) {
                    serving[0] = ms(t1);
                }
            });
            watcher.start();
            ClientResult w2 = e.runtime.clients().writeUntilAcknowledged(ClientTarget.service("zk-cs"), "/after", "2",
                    30_000);
            long failoverWriteMs = ms(t1);
            assertThat(w2.acknowledged()).as("%s", w2).isTrue();
            watcher.join(30_000);
            List<ElectionReport> after = e.runtime.elections().subList(reportsBefore, e.runtime.elections().size());
            long failoverElection = after.stream().filter(r -> r.role().equals("LEADING"))
                    .mapToLong(ElectionReport::electionTimeMs).findFirst().orElse(-1);
            return new Run(leaderMs, firstWriteMs, startElection, failoverWriteMs, failoverElection, serving[0]);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** Publishes each pod in DNS the moment its readiness probe first passes (the headless Service's behaviour). */
    private static void publishAsReady(RealEnsemble e, int servers) {
        TreeSet<String> ready = new TreeSet<>();
        Awaits.until(() -> {
            boolean changed = false;
            for (int i = 0; i < servers; i++) {
                String pod = "zk-" + i;
                if (!ready.contains(pod) && e.probe(pod)) {
                    ready.add(pod);
                    changed = true;
                }
            }
            if (changed) {
                e.publishOnly(ready);
            }
            return ready.size() == servers;
        }, 30_000, 2);
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
