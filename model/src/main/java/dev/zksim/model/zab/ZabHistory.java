package dev.zksim.model.zab;

import java.util.List;

/**
 * Everything the model observed, as immutable records in the order it happened: for checkers, reports and the
 * prediction API.
 *
 * @param timeline notable transitions, one line each (see {@link ZabLogLine#toString()})
 * @param elections every server's leader election (ElectionTimeTaken per server)
 * @param terms every server's time as LEADING, epochs included
 * @param availability intervals during which writes were served
 * @param ackedWrites every write a client got a success reply for
 * @param lostWrites acknowledged writes a later established leader did not have
 * @param syncs follower synchronisations (DIFF/TRUNC/SNAP)
 * @param volumeReplacements servers that came back on a new, empty volume
 */
public record ZabHistory(
        List<ZabLogLine> timeline,
        List<ElectionRecord> elections,
        List<LeaderTerm> terms,
        List<AvailabilityWindow> availability,
        List<AckedTxn> ackedWrites,
        List<LostTxn> lostWrites,
        List<SyncRecord> syncs,
        List<VolumeReplaced> volumeReplacements) {

    public ZabHistory {
        timeline = List.copyOf(timeline);
        elections = List.copyOf(elections);
        terms = List.copyOf(terms);
        availability = List.copyOf(availability);
        ackedWrites = List.copyOf(ackedWrites);
        lostWrites = List.copyOf(lostWrites);
        syncs = List.copyOf(syncs);
        volumeReplacements = List.copyOf(volumeReplacements);
    }

    /** The timeline, one entry per line, each line ending in a newline. */
    public String timelineText() {
        StringBuilder sb = new StringBuilder(timeline.size() * 64);
        for (ZabLogLine e : timeline) {
            sb.append(e).append('\n');
        }
        return sb.toString();
    }
}
