package dev.zksim.model.scenario.run;

import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.engine.Engine;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one step did.
 *
 * @param number 1-based position in the scenario
 * @param startMs engine time when it began; {@code endMs} when it ended
 * @param expected for expectations and waits: what should hold (empty for plain actions)
 * @param actual what was found (for a failed action: the cluster's refusal)
 * @param output what the step printed: a read's value, an exec's answer, a write's zxid
 * @param leaderAfter the ZooKeeper leader after the step (empty without a ZooKeeper backend or without a leader)
 * @param writableAfter whether writes were possible after the step (empty without a ZooKeeper backend)
 * @param facts engine-specific measurements ({@link Engine#factsAfterStep()})
 * @param zooKeeper the step's ZooKeeper facts, the same in every engine (empty without a ZooKeeper backend)
 */
public record StepResult(
        int number,
        Step step,
        long startMs,
        long endMs,
        Verdict verdict,
        Optional<String> expected,
        Optional<String> actual,
        List<String> output,
        Optional<String> leaderAfter,
        Optional<Boolean> writableAfter,
        SortedMap<String, String> facts,
        Optional<StepZooKeeperFacts> zooKeeper) {
    public StepResult {
        output = List.copyOf(output);
        facts = Collections.unmodifiableSortedMap(new TreeMap<>(facts));
    }
}
