/**
 * Typed manifest loading: {@link dev.zksim.model.manifest.ManifestLoader} reads multi-document YAML into fabric8
 * Kubernetes objects and then into an immutable {@link dev.zksim.model.manifest.EnsembleSpec} (with a
 * {@link dev.zksim.model.manifest.SourceMap} from YAML paths to lines and the
 * {@link dev.zksim.model.manifest.ManifestProblem}s kubectl would reject), plus what {@code start-zookeeper} derives
 * from the container command: {@link dev.zksim.model.manifest.ZooCfg} and
 * {@link dev.zksim.model.manifest.PodIdentity} (the {@code zoo.cfg} and {@code myid} a pod sees).
 */
package dev.zksim.model.manifest;
