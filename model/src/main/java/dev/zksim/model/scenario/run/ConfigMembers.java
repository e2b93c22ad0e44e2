package dev.zksim.model.scenario.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The membership a server's {@code /zookeeper/config} states. ZooKeeper writes it as {@code QuorumMaj.toString()}:
 * one {@code server.N=host:serverPort:electionPort:role[;clientAddress]} line per server, then
 * {@code version=<hex>}. A standalone server's node is empty.
 *
 * @param participants each voting server's host by server id
 * @param observers each observer's host by server id
 */
record ConfigMembers(SortedMap<Integer, String> participants, SortedMap<Integer, String> observers) {

    ConfigMembers {
        participants = Collections.unmodifiableSortedMap(new TreeMap<>(participants));
        observers = Collections.unmodifiableSortedMap(new TreeMap<>(observers));
    }

    /** Reads the node's text; lines that are not {@code server.N=} lines (the version) are skipped. */
    static ConfigMembers parse(String text) {
        TreeMap<Integer, String> participants = new TreeMap<>();
        TreeMap<Integer, String> observers = new TreeMap<>();
        for (String line : text.lines().toList()) {
            int eq = line.indexOf('=');
            if (!line.startsWith("server.") || eq < 0) {
                continue;
            }
            int id;
            try {
                id = Integer.parseInt(line.substring("server.".length(), eq));
            } catch (NumberFormatException e) {
                continue; // not a server line ZooKeeper writes
            }
            String spec = line.substring(eq + 1);
            int semicolon = spec.indexOf(';');
            String[] quorum = (semicolon < 0 ? spec : spec.substring(0, semicolon)).split(":");
            boolean observer = quorum.length > 3 && quorum[3].equals("observer");
            (observer ? observers : participants).put(id, quorum[0]);
        }
        return new ConfigMembers(participants, observers);
    }

    /** The voting servers as pod names (a host's first DNS label: {@code zk-0.zk-hs...} is zk-0), by server id. */
    List<String> participantPods() {
        return pods(participants);
    }

    /** The observers as pod names, by server id. */
    List<String> observerPods() {
        return pods(observers);
    }

    private static List<String> pods(SortedMap<Integer, String> hosts) {
        List<String> pods = new ArrayList<>();
        for (String host : hosts.values()) {
            int dot = host.indexOf('.');
            pods.add(dot < 0 ? host : host.substring(0, dot));
        }
        return pods;
    }
}
