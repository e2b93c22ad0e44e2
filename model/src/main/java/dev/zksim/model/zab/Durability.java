package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Keeps the model honest about acknowledged writes: each established leader's history is checked against every write
 * a client got a success reply for, and a missing one is reported once as lost. A server that comes back on a new
 * (empty) volume is judged at that moment: safe only if every acknowledged write and the newest established epoch
 * remain on enough other volumes to intersect every quorum (the Zab paper's quorum-intersection argument, §V, with the
 * wiped server counted as one that never received anything).
 */
final class Durability {
    private final ZabCore e;

    Durability(ZabCore e) {
        this.e = e;
    }

    void leaderEstablished(Peer l) {
        VolumeState v = e.volume(l);
        Set<AckedTxn> alreadyLost = new HashSet<>();
        for (LostTxn w : e.history.lostWrites()) {
            alreadyLost.add(w.write());
        }
        long epoch = l.lead.epoch;
        for (AckedTxn w : new ArrayList<>(e.history.ackedWrites())) {
            if (alreadyLost.contains(w) || v.contains(w.txn())) {
                continue;
            }
            String message = "acknowledged write " + w.label() + " lost: " + l.pod + ", leader of epoch " + epoch
                    + ", does not have it";
            e.history.lost(new LostTxn(w, e.now(), l.pod, epoch, message));
            e.line(l.pod, message);
        }
    }

    void volumeReplaced(String pod, int sid, String oldVolumeId, String newVolumeId, QuorumVerifier verifier) {
        List<String> problems = new ArrayList<>();
        Set<AckedTxn> lost = new HashSet<>();
        for (LostTxn w : e.history.lostWrites()) {
            lost.add(w.write());
        }
        for (AckedTxn w : e.history.ackedWrites()) {
            if (lost.contains(w)) {
                continue;
            }
            TreeSet<Integer> without = votersWithout(verifier, sid, v -> v.contains(w.txn()));
            if (verifier.containsQuorum(without)) {
                problems.add("acknowledged write " + w.label() + " is left on too few volumes");
                break;
            }
        }
        long newestEpoch = 0;
        for (LeaderTerm t : e.history.terms()) {
            if (t.established()) {
                newestEpoch = Math.max(newestEpoch, t.epoch());
            }
        }
        long epoch = newestEpoch;
        if (epoch > 0 && verifier.containsQuorum(votersWithout(verifier, sid, v -> v.acceptedEpoch() >= epoch))) {
            problems.add("epoch " + epoch + " is left on too few volumes");
        }
        boolean safe = problems.isEmpty();
        String detail = String.join("; ", problems);
        e.history.volumeReplaced(new VolumeReplaced(pod, sid, oldVolumeId, newVolumeId, e.now(), safe, detail));
        e.line(
                pod,
                "starts on a new, empty volume " + newVolumeId + " (" + oldVolumeId + " is gone)"
                        + (safe ? "" : ": UNSAFE, " + detail));
    }

    /** Voters other than {@code sid} whose current volume does not satisfy {@code has}, plus {@code sid} itself. */
    private TreeSet<Integer> votersWithout(
            QuorumVerifier verifier, int sid, java.util.function.Predicate<VolumeState> has) {
        TreeSet<Integer> without = new TreeSet<>();
        for (int voter : verifier.votingMembers()) {
            String volumeId = e.volumeOfSid.get(voter);
            VolumeState v = voter == sid || volumeId == null ? null : e.volumes.get(volumeId);
            if (v == null || !has.test(v)) {
                without.add(voter);
            }
        }
        return without;
    }
}
