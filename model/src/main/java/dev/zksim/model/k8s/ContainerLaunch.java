package dev.zksim.model.k8s;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.PodTemplate;

/**
 * Everything a runtime needs to start one container, as the kubelet knows it.
 *
 * @param podName {@code zk-1}
 * @param ordinal the StatefulSet ordinal (myid = ordinal + 1)
 * @param hostname the pod's hostname (= pod name)
 * @param fqdn {@code zk-1.zk-hs.default.svc.cluster.local}
 * @param nodeName the node it runs on
 * @param podIp the pod's IP, assigned when it was scheduled
 * @param volumeId identity of the PVC's volume ({@code pvc-<uid>}): the same as long as the PVC exists
 * @param template the pod template of the revision this pod was created from
 * @param ensemble the ensemble the pod belongs to (namespace, services)
 * @param restartCount how many times the kubelet restarted this container before
 */
public record ContainerLaunch(
        String podName,
        int ordinal,
        String hostname,
        String fqdn,
        String nodeName,
        String podIp,
        String volumeId,
        PodTemplate template,
        EnsembleSpec ensemble,
        int restartCount) {}
