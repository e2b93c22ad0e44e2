package dev.zksim.model.zab;

import dev.zksim.model.manifest.ZkConfig;

/**
 * Every duration the Zab model uses that is not in {@code zoo.cfg}, in one place so it can be calibrated against the
 * real backend. Durations that ZooKeeper derives from its configuration ({@code tickTime × initLimit},
 * {@code tickTime × syncLimit}) are read from each server's {@link ZkConfig} instead.
 *
 * @param processStartMs from container start until the JVM has loaded an empty database, bound its client port
 *     (so {@code ruok} answers) and started leader election (QuorumPeer.start)
 * @param recoveryMsPerThousandTxns extra start time per 1000 transactions replayed from snapshot + log
 *     (FileTxnSnapLog.restore)
 * @param messageDelayMs one-way delay of a message between two servers (election notification, quorum packet)
 * @param finalizeWaitMs how long a peer that sees a quorum for its proposal waits for a better vote
 *     (FastLeaderElection.finalizeWait, a constant 200 ms)
 * @param minNotificationIntervalMs first notification time-out of a LOOKING peer
 *     ({@code zookeeper.fastleader.minNotificationInterval}, default 200 ms)
 * @param maxNotificationIntervalMs cap of the doubling notification time-out
 *     ({@code zookeeper.fastleader.maxNotificationInterval}, default 60 s)
 * @param followerSetupMs from deciding to follow until the first connection attempt to the leader (Follower and
 *     Learner setup, Learner.findLeader); the leader binds its quorum port as it decides, a message delay later than
 *     the follower whose vote completed its quorum, so this decides whether the first attempt is refused
 * @param leaderBindMs from deciding to lead until the leader accepts followers on its quorum port: QuorumPeer.run
 *     creates the LeaderZooKeeperServer, then the Leader constructor binds the port (QuorumPeer.makeLeader); a
 *     follower's connection attempt before that is refused and retried {@code leaderConnectRetryMs} later
 * @param leaderConnectTries attempts of a follower to open its connection to the leader before it gives up and looks
 *     for a leader again (Learner.LeaderConnector: 5)
 * @param leaderConnectRetryMs pause between those attempts ({@code zookeeper.leaderConnectDelayDuringRetryMs}, 100)
 * @param syncHandshakeMs FOLLOWERINFO → LEADERINFO → ACKEPOCH → NEWLEADER → ACK → UPTODATE round trips of one
 *     follower's synchronisation, transfer excluded
 * @param syncMsPerThousandTxns transfer time of a DIFF per 1000 transactions
 * @param snapTransferMs extra time of a SNAP (serialize, send, deserialize and persist a snapshot)
 * @param quorumWriteMs what a client waits for one transaction: request to the leader, proposal, a quorum of ACKs,
 *     COMMIT, reply
 * @param followerCommitLagMs how long after the leader applies a commit a follower applies it (what a read without
 *     {@code sync} on a follower may miss)
 */
public record TimingProfile(
        long processStartMs,
        long recoveryMsPerThousandTxns,
        long messageDelayMs,
        long finalizeWaitMs,
        long minNotificationIntervalMs,
        long maxNotificationIntervalMs,
        long followerSetupMs,
        long leaderBindMs,
        int leaderConnectTries,
        long leaderConnectRetryMs,
        long syncHandshakeMs,
        long syncMsPerThousandTxns,
        long snapTransferMs,
        long quorumWriteMs,
        long followerCommitLagMs) {

    /**
     * The round first estimates the model was built with, before calibration (leaderBindMs 0: a leader accepts
     * followers the moment it decides). Tests that pin exact model outputs (timelines, failover = 209 ms) use it, so
     * a new calibration does not rewrite what they check.
     */
    public static final TimingProfile FIRST_ESTIMATES =
            new TimingProfile(1000, 20, 1, 200, 200, 60_000, 2, 0, 5, 100, 6, 10, 50, 3, 1);

    /**
     * ZooKeeper 3.9.4 defaults; the process and network figures are the medians of {@code zksim calibrate --runs 10}
     * on 2026-12-05 08:38 UTC (2 cores, load average 1.8–2.5; docs/model.md "Calibration", the file
     * benchmarks/results/calibration/2026-12-05-load2-median.yaml). DIFF/SNAP transfer and the follower's commit lag
     * are not measured and keep their first estimates.
     */
    public static final TimingProfile ZOOKEEPER_3_9_DEFAULTS =
            new TimingProfile(153, 39, 4, 200, 200, 60_000, 7, 10, 5, 100, 38, 10, 50, 1, 1);

    public TimingProfile {
        requireNonNegative("processStartMs", processStartMs);
        requireNonNegative("recoveryMsPerThousandTxns", recoveryMsPerThousandTxns);
        requireNonNegative("messageDelayMs", messageDelayMs);
        requireNonNegative("finalizeWaitMs", finalizeWaitMs);
        if (minNotificationIntervalMs <= 0 || maxNotificationIntervalMs < minNotificationIntervalMs) {
            throw new IllegalArgumentException("need 0 < minNotificationIntervalMs <= maxNotificationIntervalMs, got "
                    + minNotificationIntervalMs + " and " + maxNotificationIntervalMs);
        }
        requireNonNegative("followerSetupMs", followerSetupMs);
        requireNonNegative("leaderBindMs", leaderBindMs);
        if (leaderConnectTries < 1) {
            throw new IllegalArgumentException("leaderConnectTries must be at least 1, got " + leaderConnectTries);
        }
        requireNonNegative("leaderConnectRetryMs", leaderConnectRetryMs);
        requireNonNegative("syncHandshakeMs", syncHandshakeMs);
        requireNonNegative("syncMsPerThousandTxns", syncMsPerThousandTxns);
        requireNonNegative("snapTransferMs", snapTransferMs);
        requireNonNegative("quorumWriteMs", quorumWriteMs);
        requireNonNegative("followerCommitLagMs", followerCommitLagMs);
    }

    /** {@code tickTime × initLimit}: how long a new leader waits for a quorum at each discovery/sync step. */
    public static long initLimitMs(ZkConfig config) {
        return (long) config.tickTimeMs() * config.initLimit();
    }

    /** {@code tickTime × syncLimit}: how long a silent (hung or partitioned) peer is tolerated. */
    public static long syncLimitMs(ZkConfig config) {
        return (long) config.tickTimeMs() * config.syncLimit();
    }

    /** Time to start a server whose volume holds {@code txns} transactions. */
    public long startMs(int txns) {
        return processStartMs + recoveryMsPerThousandTxns * txns / 1000;
    }

    /** Time one follower's synchronisation takes. */
    public long syncMs(SyncKind kind, int txnsSent) {
        long transfer = syncMsPerThousandTxns * txnsSent / 1000;
        return syncHandshakeMs + transfer + (kind == SyncKind.SNAP ? snapTransferMs : 0);
    }

    /**
     * An upper bound on how long after faults stop (a quorum of servers running, resolvable and unpartitioned) until
     * a leader serves writes. Worst case: every LOOKING peer has backed off to the maximum notification interval, and
     * a leader elected just before the faults stopped waits out up to three initLimit steps (epoch, epoch ACKs,
     * NEWLEADER ACKs) before it gives up; then one more election (a few finalizeWaits), connection retries and a sync.
     */
    public long livenessBoundMs(ZkConfig config) {
        long initLimit = initLimitMs(config);
        return maxNotificationIntervalMs
                + 4 * initLimit
                + 10 * finalizeWaitMs
                + leaderConnectTries * leaderConnectRetryMs
                + syncMs(SyncKind.SNAP, 100_000)
                + 100 * messageDelayMs;
    }

    private static void requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }
}
