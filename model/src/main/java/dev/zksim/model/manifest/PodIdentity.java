package dev.zksim.model.manifest;

import dev.zksim.model.InvalidInputException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who a StatefulSet pod is, as seen from inside it: the pod name {@code <sts>-<ordinal>} is its hostname
 * ({@code hostname}), its FQDN is {@code <pod>.<serviceName>.<namespace>.svc.<clusterDomain>} ({@code hostname -f};
 * kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id), and {@code start-zookeeper}
 * derives its ZooKeeper id from the hostname: it matches {@code (.*)-([0-9]+)$} and uses ordinal + 1. The script writes
 * {@code <data_dir>/myid} only for an ensemble of more than one server, and only if the file does not exist yet
 * (it lives on the pod's volume and survives restarts).
 *
 * @param podName {@code zk-1}
 * @param ordinal 1 for {@code zk-1}
 * @param hostname what {@code hostname} prints (the pod name)
 * @param fqdn what {@code hostname -f} prints ({@code hostname} alone when the StatefulSet has no serviceName)
 * @param myid ordinal + 1
 * @param myidFileWritten whether {@code start-zookeeper} writes the myid file (servers &gt; 1)
 * @param myidPath {@code <data_dir>/myid}
 */
public record PodIdentity(
        String podName, int ordinal, String hostname, String fqdn, int myid, boolean myidFileWritten, String myidPath) {
    private static final Pattern HOST = Pattern.compile("(.*)-([0-9]+)$");

    /** The identity of the pod with {@code ordinal} (0-based) in {@code spec}'s StatefulSet. */
    public static PodIdentity of(EnsembleSpec spec, int ordinal, String clusterDomain) {
        String pod = spec.podName(ordinal);
        String domain = spec.podDomain(clusterDomain);
        ZkConfig zk = spec.statefulSet().template().container().zk();
        return new PodIdentity(
                pod,
                ordinal,
                pod,
                domain.isEmpty() ? pod : pod + "." + domain,
                ordinal + 1,
                // zk-reconfig-start writes myid at every start, whatever the member count
                zk.servers() > 1
                        || ReconfigStartCommand.runs(
                                spec.statefulSet().template().container().command()),
                zk.dataDir() + "/myid");
    }

    /**
     * The identity of pod {@code podName}, which must be one of the pods the StatefulSet creates
     * ({@code <sts>-0} to {@code <sts>-<replicas-1>}).
     *
     * @throws InvalidInputException when there is no such pod (field {@code --pod})
     */
    public static PodIdentity forPod(EnsembleSpec spec, String podName, String clusterDomain) {
        String sts = spec.statefulSet().name();
        int replicas = spec.statefulSet().replicas();
        String range = replicas == 0
                ? "none: replicas is 0"
                : replicas == 1 ? sts + "-0" : sts + "-0 to " + sts + "-" + (replicas - 1);
        Matcher m = HOST.matcher(podName);
        if (!m.matches() || !m.group(1).equals(sts) || !m.group(2).matches("0|[1-9][0-9]{0,8}")) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--pod",
                    "'" + podName + "' is not a pod of StatefulSet '" + sts + "': its pods are named " + sts
                            + "-<ordinal>, here " + range + ".");
        }
        int ordinal = Integer.parseInt(m.group(2));
        if (ordinal >= replicas) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--pod",
                    "StatefulSet '" + sts + "' has " + replicas
                            + " replica" + (replicas == 1 ? "" : "s") + ", so there is no pod " + podName + " (pods: "
                            + range
                            + ").");
        }
        return of(spec, ordinal, clusterDomain);
    }
}
