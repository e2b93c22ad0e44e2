/**
 * The Kubernetes control-plane model: nodes, the StatefulSet controller, the scheduler, the kubelet, volumes,
 * eviction with PodDisruptionBudgets, drain and node failure. It drives containers through the backend-neutral
 * {@link dev.zksim.model.k8s.ContainerRuntime}, so the same control plane runs the Zab model and real servers.
 */
package dev.zksim.model.k8s;
