/**
 * The real engine's container runtime: every pod is a real, in-process Apache ZooKeeper 3.9.4 server bound to its own
 * loopback IP, named through a simulated cluster DNS, storing its data in a directory that stands for its
 * PersistentVolume, and logging to its own file; the Kubernetes control plane drives it through
 * {@link dev.zksim.model.k8s.ContainerRuntime} on a {@link dev.zksim.runtime.WallClockScheduler}.
 */
package dev.zksim.runtime;
