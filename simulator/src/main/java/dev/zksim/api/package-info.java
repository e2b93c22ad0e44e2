/**
 * The Java API: test your own ZooKeeper or Curator application against a real ZooKeeper 3.9.4 ensemble that runs as
 * a StatefulSet under zksim's Kubernetes control plane — pods drain, roll, fail and come back with new IPs, the
 * client Service routes to Ready pods only. {@link dev.zksim.api.ZkOnKubernetes} is the handle; its operations are
 * the scenario steps of {@code zksim run} (docs/scenarios.md), run by the same runner and engine; docs/api.md is the
 * guide. The JUnit 5 extension is in {@link dev.zksim.api.junit}.
 */
package dev.zksim.api;
