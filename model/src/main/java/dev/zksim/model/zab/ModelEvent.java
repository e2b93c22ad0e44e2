package dev.zksim.model.zab;

import dev.zksim.model.k8s.ContainerLaunch;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Something that happens to the ensemble from outside, for {@link ZabModel#apply} and the prediction API. */
public sealed interface ModelEvent {

    /** The kubelet starts the pod's container. */
    record ContainerStart(ContainerLaunch launch) implements ModelEvent {}

    /** Graceful stop (SIGTERM). */
    record Stop(String pod) implements ModelEvent {}

    /** Crash or SIGKILL. */
    record Kill(String pod) implements ModelEvent {}

    /** The headless Service's A records are now exactly {@code podIps} (pod name → IP of each Ready pod). */
    record DnsChange(SortedMap<String, String> podIps) implements ModelEvent {
        public DnsChange {
            podIps = Collections.unmodifiableSortedMap(new TreeMap<>(podIps));
        }
    }

    /** A partition cuts {@code side} off from every other pod (server-to-server traffic only). */
    record NetworkPartition(SortedSet<String> side) implements ModelEvent {
        public NetworkPartition {
            side = Collections.unmodifiableSortedSet(new TreeSet<>(side));
        }
    }

    /** Every partition heals. */
    record NetworkHeal() implements ModelEvent {}

    /** The process stops responding without closing its sockets (a long GC pause, a frozen VM). */
    record ProcessHang(String pod) implements ModelEvent {}

    /** A hung process runs again. */
    record ProcessResume(String pod) implements ModelEvent {}

    /** A client write through a pod. */
    record ClientWrite(String pod, WriteRequest op) implements ModelEvent {}
}
