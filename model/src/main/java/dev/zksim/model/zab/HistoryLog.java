package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The engine's append-only record of what happened, turned into an immutable {@link ZabHistory} on request. Bounded:
 * after {@link #MAX_TIMELINE} lines the timeline keeps counting but stops storing.
 */
final class HistoryLog {
    static final int MAX_TIMELINE = 200_000;

    private final ArrayList<ZabLogLine> timeline;
    private final ArrayList<ElectionRecord> elections;
    private final ArrayList<LeaderTerm> terms;
    private final ArrayList<AvailabilityWindow> availability;
    private final ArrayList<AckedTxn> acked;
    private final ArrayList<LostTxn> lost;
    private final ArrayList<SyncRecord> syncs;
    private final ArrayList<VolumeReplaced> volumes;
    private long droppedLines;

    HistoryLog() {
        this(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                0);
    }

    private HistoryLog(
            ArrayList<ZabLogLine> timeline,
            ArrayList<ElectionRecord> elections,
            ArrayList<LeaderTerm> terms,
            ArrayList<AvailabilityWindow> availability,
            ArrayList<AckedTxn> acked,
            ArrayList<LostTxn> lost,
            ArrayList<SyncRecord> syncs,
            ArrayList<VolumeReplaced> volumes,
            long droppedLines) {
        this.timeline = timeline;
        this.elections = elections;
        this.terms = terms;
        this.availability = availability;
        this.acked = acked;
        this.lost = lost;
        this.syncs = syncs;
        this.volumes = volumes;
        this.droppedLines = droppedLines;
    }

    HistoryLog copy() {
        return new HistoryLog(
                new ArrayList<>(timeline),
                new ArrayList<>(elections),
                new ArrayList<>(terms),
                new ArrayList<>(availability),
                new ArrayList<>(acked),
                new ArrayList<>(lost),
                new ArrayList<>(syncs),
                new ArrayList<>(volumes),
                droppedLines);
    }

    ZabHistory snapshot() {
        return new ZabHistory(timeline, elections, terms, availability, acked, lost, syncs, volumes);
    }

    /** {@code snapshot().elections()} without copying the rest. */
    List<ElectionRecord> elections() {
        return List.copyOf(elections);
    }

    /** {@code snapshot().availability()} without copying the rest. */
    List<AvailabilityWindow> availability() {
        return List.copyOf(availability);
    }

    /** The stored timeline lines from index {@code from} on: {@code snapshot().timeline()} without copying it all. */
    List<ZabLogLine> timelineFrom(int from) {
        return from >= timeline.size() ? List.of() : List.copyOf(timeline.subList(from, timeline.size()));
    }

    void line(long atMs, String pod, String text) {
        if (timeline.size() < MAX_TIMELINE) {
            timeline.add(new ZabLogLine(atMs, pod, text));
        } else {
            droppedLines++;
        }
    }

    void election(ElectionRecord r) {
        elections.add(r);
    }

    int termStarted(String pod, int sid, long atMs) {
        terms.add(new LeaderTerm(pod, sid, atMs, -1, OptionalLong.empty(), List.of(), OptionalLong.empty(), ""));
        return terms.size() - 1;
    }

    void termEpoch(int index, long epoch) {
        terms.set(index, terms.get(index).withEpoch(epoch));
    }

    void termEstablished(int index, long atMs, List<Integer> synced) {
        LeaderTerm t = terms.get(index);
        terms.set(index, t.withEstablishment(atMs, synced));
    }

    void termEnded(int index, long atMs, String reason) {
        terms.set(index, terms.get(index).withEnd(atMs, reason));
    }

    /**
     * Writes are available from {@code atMs} through {@code leaderPod}'s term {@code epoch}, or not at all when
     * {@code leaderPod} is null. Idempotent: the open window changes only when the answer does, and a window that would
     * close at the instant it opened is dropped.
     */
    void availableVia(long atMs, String leaderPod, long epoch) {
        int last = availability.size() - 1;
        AvailabilityWindow open = last >= 0 && availability.get(last).toMs().isEmpty() ? availability.get(last) : null;
        if (open != null && leaderPod != null && open.leaderPod().equals(leaderPod) && open.epoch() == epoch) {
            return;
        }
        if (open != null) {
            if (open.fromMs() == atMs) {
                availability.remove(last);
            } else {
                availability.set(
                        last,
                        new AvailabilityWindow(open.fromMs(), OptionalLong.of(atMs), open.leaderPod(), open.epoch()));
            }
        }
        if (leaderPod != null) {
            availability.add(new AvailabilityWindow(atMs, OptionalLong.empty(), leaderPod, epoch));
        }
    }

    List<LeaderTerm> terms() {
        return terms;
    }

    void acked(AckedTxn w) {
        acked.add(w);
    }

    List<AckedTxn> ackedWrites() {
        return acked;
    }

    void lost(LostTxn w) {
        lost.add(w);
    }

    List<LostTxn> lostWrites() {
        return lost;
    }

    void sync(SyncRecord r) {
        syncs.add(r);
    }

    void volumeReplaced(VolumeReplaced r) {
        volumes.add(r);
    }
}
