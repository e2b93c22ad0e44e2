package dev.zksim.runtime;

/**
 * One {@code reconfig} a pod's own scripts ran (the reconfig manifest's start script adding its server, its preStop
 * hook removing it), on the wall clock: what was asked and whether ZooKeeper committed it.
 *
 * @param pod the pod whose script ran it
 * @param op {@code add} or {@code remove}
 * @param serverId the server added or removed
 * @param startEpochMs when the request was sent (wall clock)
 * @param endEpochMs when the answer came (wall clock)
 * @param committed whether ZooKeeper committed it
 * @param outcome {@code committed}, or why not (ZooKeeper's error code's name, a time-out)
 */
public record ScriptReconfig(
        String pod, String op, int serverId, long startEpochMs, long endEpochMs, boolean committed, String outcome) {}
