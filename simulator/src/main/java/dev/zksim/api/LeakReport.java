package dev.zksim.api;

import java.util.List;

/**
 * What a closed {@link ZkOnKubernetes} left behind; {@link #clean()} when nothing. Checked right after close.
 *
 * @param threads names of the simulation's threads (servers, clients, forwarders, control plane) still alive
 * @param listening addresses ({@code ip:port}) of the Service and the pods on which something still listens
 * @param dnsNames host names of the simulation still in the JVM's hosts file
 * @param directories the simulation's directories that still exist
 */
public record LeakReport(
        List<String> threads, List<String> listening, List<String> dnsNames, List<String> directories) {
    public LeakReport {
        threads = List.copyOf(threads);
        listening = List.copyOf(listening);
        dnsNames = List.copyOf(dnsNames);
        directories = List.copyOf(directories);
    }

    /** Nothing left behind. */
    public boolean clean() {
        return threads.isEmpty() && listening.isEmpty() && dnsNames.isEmpty() && directories.isEmpty();
    }

    @Override
    public String toString() {
        return clean()
                ? "nothing left behind"
                : "left behind: threads " + threads + ", listening " + listening + ", DNS names " + dnsNames
                        + ", directories " + directories;
    }
}
