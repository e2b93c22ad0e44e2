package dev.zksim.model.zab;

import java.util.List;

/**
 * A write a client got a success reply for: the model remembers every one and checks that each later leader still
 * has it.
 *
 * @param txn the committed transaction
 * @param servedBy the pod the client talked to
 * @param committedMs when the leader committed it
 * @param ackMs when the client got the reply ({@code committedMs} plus the modeled latency)
 * @param loggedBy the servers that had logged it when it committed (a quorum, leader included)
 */
public record AckedTxn(
        Txn txn, String servedBy, int leaderSid, long epoch, long committedMs, long ackMs, List<Integer> loggedBy) {
    public AckedTxn {
        loggedBy = List.copyOf(loggedBy);
    }

    /** {@code /hello@0x100000002}. */
    public String label() {
        return txn.path() + "@" + Zxid.hex(txn.zxid());
    }
}
