/**
 * The real engine ({@code zksim run --engine real}): the Kubernetes control-plane model bound to wall time on a
 * {@link dev.zksim.runtime.WallClockScheduler}, every pod's container a real ZooKeeper server of
 * {@link dev.zksim.runtime.RealContainerRuntime}, and the measurements taken from the servers themselves.
 */
package dev.zksim.engine.real;
