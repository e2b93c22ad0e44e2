/**
 * The Kubernetes control-plane model: nodes, the StatefulSet controller, the scheduler, the kubelet, volumes,
 * eviction with PodDisruptionBudgets, drain and node failure, behind the {@link dev.zksim.model.k8s.KubernetesCluster}
 * facade. It drives containers through the backend-neutral {@link dev.zksim.model.k8s.ContainerRuntime}, so the same
 * control plane runs the Zab model and real servers (rules and sources: docs/model.md, part 1).
 */
package dev.zksim.model.k8s;
