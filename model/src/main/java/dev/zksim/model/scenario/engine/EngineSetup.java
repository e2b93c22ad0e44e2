package dev.zksim.model.scenario.engine;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.scenario.Timing;

/**
 * What every engine needs to start: the nodes and control-plane timings, the scenario's timing overrides as written
 * (for backends with delays of their own), and the seed. Manifests arrive later, through {@link Engine#apply}.
 */
public record EngineSetup(ClusterSpec cluster, Timing timing, long seed) {}
