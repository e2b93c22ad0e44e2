package dev.zksim.calibration;

import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ServiceSpec;
import dev.zksim.model.manifest.StatefulSetSpec;
import dev.zksim.model.manifest.StatefulSetSpec.PodManagementPolicy;
import java.util.List;

/**
 * The manifest change every measurement of ZooKeeper's own timings makes (calibration and the JMH benchmarks): the
 * pod management policy Parallel and {@code publishNotReadyAddresses: true} on the headless Service, so a start is
 * about a second instead of the OrderedReady start's 20 s initLimit wait and the notification back-off while names
 * appear only with readiness (docs/real-engine.md) — Kubernetes waits, not the ZooKeeper durations measured.
 */
public final class CalibrationEnsemble {
    private CalibrationEnsemble() {}

    /** {@code manifest} with the Parallel policy, and with every headless Service publishing not-ready addresses. */
    public static EnsembleSpec quickStart(EnsembleSpec manifest, boolean publishNotReady) {
        StatefulSetSpec sts = manifest.statefulSet();
        StatefulSetSpec parallel = new StatefulSetSpec(
                sts.name(),
                sts.serviceName(),
                sts.replicas(),
                sts.selector(),
                PodManagementPolicy.PARALLEL,
                sts.updateStrategy(),
                sts.minReadySeconds(),
                sts.revisionHistoryLimit(),
                sts.pvcRetentionPolicy(),
                sts.template(),
                sts.volumeClaimTemplates(),
                sts.documentIndex());
        List<ServiceSpec> services = manifest.services().stream()
                .map(v -> publishNotReady && v.headless()
                        ? new ServiceSpec(v.name(), true, v.selector(), v.ports(), true, v.documentIndex())
                        : v)
                .toList();
        return new EnsembleSpec(
                manifest.source(), manifest.namespace(), parallel, services, manifest.pdb(), manifest.sourceMap());
    }
}
