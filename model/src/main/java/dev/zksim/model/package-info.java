/**
 * zksim's model: the pure, deterministic half. Subpackages: {@code manifest} (typed loading), {@code lint},
 * {@code time} (virtual clock, seeds), {@code k8s} (control plane), {@code zab} (ZooKeeper's protocol),
 * {@code scenario} (format, parser, runner and the engine contract), {@code explore} (property-based exploration).
 */
package dev.zksim.model;
