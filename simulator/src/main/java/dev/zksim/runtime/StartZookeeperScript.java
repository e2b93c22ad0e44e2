package dev.zksim.runtime;

import dev.zksim.model.manifest.ZkConfig;
import dev.zksim.model.manifest.ZooCfg;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the image's {@code start-zookeeper} script decides before it execs the server
 * (kubernetes-zookeeper docker/scripts/start-zookeeper): the server id from the hostname, whether to write
 * {@code myid}, and the {@code zoo.cfg} text ({@link ZooCfg}); plus the few lines zksim adds for the pod's
 * environment.
 */
final class StartZookeeperScript {
    /** The four-letter words zksim enables (ZooKeeper 3.5+ enables only {@code srvr} by default). */
    static final String FOUR_LETTER_WORDS = "ruok,srvr,stat,mntr,conf,envi";

    private static final Pattern HOST = Pattern.compile("(.*)-([0-9]+)$");

    private StartZookeeperScript() {}

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

    /**
     * The file the container writes to {@code <conf_dir>/zoo.cfg}: the script's file ({@link ZooCfg}, the same
     * generator as {@code zksim config}), then zksim's pod-environment block.
     *
     * @param domain what {@code hostname -d} prints in the pod ({@code zk-hs.default.svc.cluster.local})
     */
    static String zooCfg(ZkConfig zk, String statefulSetName, String domain, InetAddress podIp) {
        StringBuilder sb =
                new StringBuilder(ZooCfg.generate(zk, statefulSetName, domain).render());
        sb.append("# zksim: the pod's environment (see docs/real-engine.md)\n");
        podEnvironmentEntries(podIp)
                .forEach(x ->
                        sb.append(x.getKey()).append('=').append(x.getValue()).append('\n'));
        return sb.toString();
    }
}
