/**
 * The contract between the scenario runner and an engine: Kubernetes actions, bounded time, snapshots of the
 * cluster, a change listener, and an optional ZooKeeper client port that the Zab model and real servers implement.
 */
package dev.zksim.model.scenario.engine;
