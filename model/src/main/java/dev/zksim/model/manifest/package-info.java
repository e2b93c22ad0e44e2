/**
 * Typed manifest loading: multi-document YAML to fabric8 Kubernetes objects to an immutable
 * {@link dev.zksim.model.manifest.EnsembleSpec}, plus what {@code start-zookeeper} derives from the
 * container command (the {@code zoo.cfg} a pod would see).
 */
package dev.zksim.model.manifest;
