package dev.zksim.model.scenario.engine;

import dev.zksim.model.scenario.ClusterSpec;
import dev.zksim.model.scenario.Timing;

/**
 * What every engine needs to start: the nodes, the timing overrides, the seed. Manifests arrive later, through
 * {@link Engine#apply}.
 */
public record EngineSetup(ClusterSpec cluster, Timing timing, long seed) {}
