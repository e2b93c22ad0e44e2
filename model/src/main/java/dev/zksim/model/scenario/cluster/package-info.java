/**
 * Engines built on the Kubernetes control-plane model: {@link dev.zksim.model.scenario.cluster.ClusterEngine} adapts
 * a {@link dev.zksim.model.k8s.KubernetesCluster} to the runner's engine contract, and
 * {@link dev.zksim.model.scenario.cluster.ModelEngine} runs it in virtual time with a pluggable ZooKeeper backend.
 */
package dev.zksim.model.scenario.cluster;
