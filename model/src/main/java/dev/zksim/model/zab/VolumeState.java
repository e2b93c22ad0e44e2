package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What a server keeps on its PersistentVolume and finds again after any restart: {@code data/myid},
 * {@code version-2/currentEpoch} and {@code acceptedEpoch} (QuorumPeer), the newest snapshot and the transaction log
 * after it (FileTxnSnapLog). Immutable; keyed by volume id in the model, so a deleted PVC (a new volume id for the same
 * ordinal) starts empty.
 *
 * @param currentEpoch the epoch of the last leader this server synchronised with (Zab paper: {@code currentEpoch})
 * @param acceptedEpoch the last epoch it accepted in a LEADERINFO (Zab paper: {@code acceptedEpoch})
 * @param log transactions after the snapshot, in zxid order
 */
public record VolumeState(
        String volumeId, int myid, long currentEpoch, long acceptedEpoch, Optional<Snapshot> snapshot, List<Txn> log) {

    public VolumeState {
        log = List.copyOf(log);
        if (acceptedEpoch < currentEpoch) {
            throw new IllegalArgumentException("acceptedEpoch " + acceptedEpoch + " < currentEpoch " + currentEpoch);
        }
    }

    /** A fresh volume: start-zookeeper writes {@code myid}, nothing else exists yet. */
    public static VolumeState empty(String volumeId, int myid) {
        return new VolumeState(volumeId, myid, 0, 0, Optional.empty(), List.of());
    }

    /** Zxid of the last transaction in the log, else of the snapshot, else 0. */
    public long lastZxid() {
        if (!log.isEmpty()) {
            return log.get(log.size() - 1).zxid();
        }
        return snapshot.map(Snapshot::zxid).orElse(0L);
    }

    /** Snapshot zxid, or 0 without a snapshot: the log cannot be truncated below it. */
    public long snapshotZxid() {
        return snapshot.map(Snapshot::zxid).orElse(0L);
    }

    /** Every transaction this server's state reflects: the snapshot's, then the log's. */
    public List<Txn> history() {
        if (snapshot.isEmpty()) {
            return log;
        }
        List<Txn> all = new ArrayList<>(snapshot.get().txns().size() + log.size());
        all.addAll(snapshot.get().txns());
        all.addAll(log);
        return Collections.unmodifiableList(all);
    }

    /** Number of transactions recovery has to replay or load. */
    public int txnCount() {
        return snapshot.map(s -> s.txns().size()).orElse(0) + log.size();
    }

    /** Whether exactly this transaction (same zxid and content) is part of the history. */
    public boolean contains(Txn txn) {
        return find(txn.zxid()).map(txn::equals).orElse(false);
    }

    /** The transaction with this zxid, if the history has one. */
    public Optional<Txn> find(long zxid) {
        Optional<Txn> inLog = search(log, zxid);
        if (inLog.isPresent() || snapshot.isEmpty()) {
            return inLog;
        }
        return search(snapshot.get().txns(), zxid);
    }

    public VolumeState withAcceptedEpoch(long accepted) {
        return new VolumeState(volumeId, myid, currentEpoch, accepted, snapshot, log);
    }

    public VolumeState withCurrentEpoch(long current) {
        return new VolumeState(volumeId, myid, current, Math.max(current, acceptedEpoch), snapshot, log);
    }

    /** Appends one logged transaction (its zxid must be larger than every zxid in the history). */
    public VolumeState append(Txn txn) {
        if (txn.zxid() <= lastZxid()) {
            throw new IllegalStateException("append " + Zxid.hex(txn.zxid()) + " after " + Zxid.hex(lastZxid()));
        }
        List<Txn> next = new ArrayList<>(log.size() + 1);
        next.addAll(log);
        next.add(txn);
        return new VolumeState(volumeId, myid, currentEpoch, acceptedEpoch, snapshot, next);
    }

    /** Replaces the log after the snapshot by {@code newLog} (DIFF/TRUNC synchronisation). */
    public VolumeState withLog(List<Txn> newLog) {
        return new VolumeState(volumeId, myid, currentEpoch, acceptedEpoch, snapshot, newLog);
    }

    /** Drops snapshot and log (a SNAP of an empty leader). */
    public VolumeState cleared() {
        return new VolumeState(volumeId, myid, currentEpoch, acceptedEpoch, Optional.empty(), List.of());
    }

    /** Replaces everything by a snapshot plus the log after it (SNAP synchronisation). */
    public VolumeState withSnapshot(Snapshot snap, List<Txn> newLog) {
        return new VolumeState(volumeId, myid, currentEpoch, acceptedEpoch, Optional.of(snap), newLog);
    }

    private static Optional<Txn> search(List<Txn> txns, long zxid) {
        int lo = 0;
        int hi = txns.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long z = txns.get(mid).zxid();
            if (z < zxid) {
                lo = mid + 1;
            } else if (z > zxid) {
                hi = mid - 1;
            } else {
                return Optional.of(txns.get(mid));
            }
        }
        return Optional.empty();
    }
}
