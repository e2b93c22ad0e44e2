package dev.zksim.model.zab;

/**
 * A server's claim to leadership as FastLeaderElection orders votes (totalOrderPredicate): higher
 * {@code currentEpoch} first, then higher last zxid, then higher server id.
 */
public record PeerStanding(int sid, long currentEpoch, long lastZxid) implements Comparable<PeerStanding> {

    @Override
    public int compareTo(PeerStanding o) {
        int c = Long.compare(currentEpoch, o.currentEpoch);
        if (c != 0) {
            return c;
        }
        c = Long.compare(lastZxid, o.lastZxid);
        return c != 0 ? c : Integer.compare(sid, o.sid);
    }

    @Override
    public String toString() {
        return "(sid " + sid + ", epoch " + currentEpoch + ", zxid " + Zxid.hex(lastZxid) + ")";
    }
}
