package dev.zksim.model.zab;

import java.util.List;

/**
 * A fuzzy-free snapshot on a volume ({@code version-2/snapshot.<zxid>}): the data tree after transaction
 * {@code zxid}. The model keeps the transactions the snapshot reflects instead of the tree itself, so that checkers can
 * still ask whether a given transaction is part of a server's history; the log that follows starts after {@code zxid}.
 *
 * @param zxid the last transaction the snapshot reflects
 * @param txns the transactions it reflects, in zxid order
 */
public record Snapshot(long zxid, List<Txn> txns) {
    public Snapshot {
        txns = List.copyOf(txns);
    }
}
