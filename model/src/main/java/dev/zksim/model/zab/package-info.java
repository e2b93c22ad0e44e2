/**
 * The ZooKeeper half of the model engine: fast leader election, Zab discovery, synchronisation and broadcast,
 * per-volume durable state, and client reads and writes, in virtual time, exposed to the Kubernetes model as a
 * {@link dev.zksim.model.k8s.ContainerRuntime} ({@link dev.zksim.model.zab.ZabModel}).
 */
package dev.zksim.model.zab;
