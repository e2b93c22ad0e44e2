package dev.zksim.real;

import dev.zksim.model.manifest.ZkConfig;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image's {@code start-zookeeper} script decides before it execs the server
 * (kubernetes-zookeeper docker/scripts/start-zookeeper): the server id from the hostname, whether to write
 * {@code myid}, and the {@code zoo.cfg} text; plus the few lines zksim adds for the pod's environment.
 */
final class StartZooKeeper {
    /** The four-letter words zksim enables (ZooKeeper 3.5+ enables only {@code srvr} by default). */
    static final String FOUR_LETTER_WORDS = "ruok,srvr,stat,mntr,conf,envi";
    private static final Pattern HOST = Pattern.compile("(.*)-([0-9]+)$");

    private StartZooKeeper() {}

    /** The StatefulSet name and ordinal in a hostname {@code <name>-<ordinal>}. */
    record HostIdentity(String name, int ordinal) {
        /** ZooKeeper's server id: ordinal + 1. */
        int myid() {
            return ordinal + 1;
        }
    }

    /** The script gave up: it prints the message and exits with 1 before ZooKeeper starts. */
    static final class ScriptFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScriptFailure(String message) {
            super(message);
        }
    }

    /**
     * Parses the hostname as the script does ({@code [[ $HOST =~ (.*)-([0-9]+)$ ]]}).
     *
     * @throws ScriptFailure with the script's message when it does not match
     */
    static HostIdentity identity(String hostname) {
        Matcher m = HOST.matcher(hostname);
        if (!m.matches() || m.group(2).length() > 9) {
            throw new ScriptFailure("Failed to extract ordinal from hostname " + hostname);
        }
        return new HostIdentity(m.group(1), Integer.parseInt(m.group(2)));
    }

    /** Whether the script writes {@code myid}: only for an ensemble of more than one server, only if missing. */
    static boolean writesMyid(ZkConfig zk, boolean myidExists) {
        return zk.servers() > 1 && !myidExists;
    }

    /**
     * The script's {@code zoo.cfg} entries, in file order.
     *
     * <p>Interim: the manifest module's {@code ZooCfg.generate(zk, statefulSetName, domain)} (same entries, same
     * order) replaces this method once it is merged; keep the two identical until then.
     *
     * @param domain what {@code hostname -d} prints in the pod ({@code zk-hs.default.svc.cluster.local})
     */
    static List<Map.Entry<String, String>> zooCfgEntries(ZkConfig zk, String statefulSetName, String domain) {
        List<Map.Entry<String, String>> e = new ArrayList<>();
        e.add(Map.entry("clientPort", Integer.toString(zk.clientPort())));
        e.add(Map.entry("dataDir", zk.dataDir()));
        e.add(Map.entry("dataLogDir", zk.dataLogDir()));
        e.add(Map.entry("tickTime", Integer.toString(zk.tickTimeMs())));
        e.add(Map.entry("initLimit", Integer.toString(zk.initLimit())));
        e.add(Map.entry("syncLimit", Integer.toString(zk.syncLimit())));
        e.add(Map.entry("maxClientCnxns", Integer.toString(zk.maxClientCnxns())));
        e.add(Map.entry("minSessionTimeout", Integer.toString(zk.minSessionTimeoutMs())));
        e.add(Map.entry("maxSessionTimeout", Integer.toString(zk.maxSessionTimeoutMs())));
        e.add(Map.entry("autopurge.snapRetainCount", Integer.toString(zk.snapRetainCount())));
        e.add(Map.entry("autopurge.purgeInterval", Integer.toString(zk.purgeIntervalHours())));
        if (zk.servers() > 1) {
            for (int i = 1; i <= zk.servers(); i++) {
                String host = domain.isEmpty() ? statefulSetName + "-" + (i - 1)
                        : statefulSetName + "-" + (i - 1) + "." + domain;
                e.add(Map.entry("server." + i, host + ":" + zk.serverPort() + ":" + zk.electionPort()));
            }
        }
        return e;
    }

    /**
     * The lines zksim appends for the pod's environment, each standing for something a real pod gets from its
     * surroundings rather than from the script:
     * <ul>
     *   <li>{@code clientPortAddress=<pod IP>}: in a pod, ZooKeeper's wildcard bind of the client port reaches only
     *       the pod's own network namespace; in one JVM the same effect needs the pod's IP (binding 0.0.0.0 would
     *       collide with every other pod). The server lines stay as the script writes them.</li>
     *   <li>{@code quorumListenOnAllIPs=false} (the default, stated): quorum and election ports bind the server's own
     *       address only.</li>
     *   <li>{@code 4lw.commands.whitelist}: the probes and {@code exec} steps use {@value #FOUR_LETTER_WORDS}.</li>
     *   <li>{@code admin.enableServer=false}: the AdminServer (Jetty on 0.0.0.0:8080) is not part of the image's
     *       story and would bind the wildcard address.</li>
     * </ul>
     */
    static List<Map.Entry<String, String>> podEnvironmentEntries(InetAddress podIp) {
        return List.of(
                Map.entry("clientPortAddress", podIp.getHostAddress()),
                Map.entry("quorumListenOnAllIPs", "false"),
                Map.entry("4lw.commands.whitelist", FOUR_LETTER_WORDS),
                Map.entry("admin.enableServer", "false"));
    }

    /** The file text: the script's header, its entries, then zksim's pod-environment block. */
    static String render(List<Map.Entry<String, String>> script, List<Map.Entry<String, String>> environment) {
        StringBuilder sb = new StringBuilder("#This file was autogenerated DO NOT EDIT\n");
        script.forEach(x -> sb.append(x.getKey()).append('=').append(x.getValue()).append('\n'));
        sb.append("# zksim: the pod's environment (see docs/real-engine.md)\n");
        environment.forEach(x -> sb.append(x.getKey()).append('=').append(x.getValue()).append('\n'));
        return sb.toString();
    }
}
