package dev.zksim.model.zab;

import java.util.List;
import java.util.OptionalLong;

/**
 * One server's time as LEADING, from its election to its end; {@code epoch} is known once a quorum agreed on it
 * (discovery) and {@code establishedMs} once a quorum acknowledged NEWLEADER (the broadcast phase begins, writes are
 * served).
 *
 * @param epoch the epoch it proposed, or -1 when discovery never completed
 * @param syncedAtEstablishment the servers (leader included) that acknowledged NEWLEADER
 * @param endReason why it stopped leading, empty while it still leads
 */
public record LeaderTerm(
        String pod,
        int sid,
        long electedMs,
        long epoch,
        OptionalLong establishedMs,
        List<Integer> syncedAtEstablishment,
        OptionalLong endedMs,
        String endReason) {
    public LeaderTerm {
        syncedAtEstablishment = List.copyOf(syncedAtEstablishment);
    }

    /** The same term once discovery agreed on its epoch. */
    public LeaderTerm withEpoch(long agreedEpoch) {
        return new LeaderTerm(
                pod, sid, electedMs, agreedEpoch, establishedMs, syncedAtEstablishment, endedMs, endReason);
    }

    /** The same term once a quorum acknowledged NEWLEADER at {@code atMs}. */
    public LeaderTerm withEstablishment(long atMs, List<Integer> synced) {
        return new LeaderTerm(pod, sid, electedMs, epoch, OptionalLong.of(atMs), synced, endedMs, endReason);
    }

    /** The same term once it stopped leading at {@code atMs}. */
    public LeaderTerm withEnd(long atMs, String reason) {
        return new LeaderTerm(
                pod, sid, electedMs, epoch, establishedMs, syncedAtEstablishment, OptionalLong.of(atMs), reason);
    }

    public boolean established() {
        return establishedMs.isPresent();
    }
}
