package dev.zksim.model.scenario.engine;

import dev.zksim.model.scenario.FourLetterWord;
import dev.zksim.model.scenario.WriteOp;
import java.util.List;
import java.util.Optional;

/**
 * The ZooKeeper side of an engine: client operations and server state, answered by the Zab model (virtual time) or
 * by real servers through the real client (wall time). The scenario runner's ZooKeeper steps call only this.
 *
 * <p>Contract: calls come from the runner's thread, one at a time. Operations that take time ({@link #write},
 * {@link #read}) advance the engine's clock until they complete or {@code timeoutMs} passes, and never longer.
 * Queries ({@link #leader}, {@link #writable}, {@link #status}, {@link #lostWrites}) do not advance time.
 */
public interface ZooKeeperClient {

    /**
     * Creates, sets or deletes {@code path} through {@code via} (zkCli.sh semantics: create fails when the znode
     * exists, set and delete when it does not; parents must exist).
     */
    WriteOutcome write(ClientTarget via, WriteOp op, String path, String value, long timeoutMs);

    /**
     * {@code zkCli.sh reconfig} through {@code via}: the servers of the pods in {@code joining} join as participants,
     * those in {@code leaving} leave. Acknowledged when the new configuration is committed; a refusal is a failure
     * that is not {@code unavailable}, its reason naming ZooKeeper's error.
     */
    WriteOutcome reconfig(ClientTarget via, List<String> joining, List<String> leaving, long timeoutMs);

    /**
     * {@code zkCli.sh reconfig -members} through {@code via} (non-incremental): the servers of the pods in
     * {@code members}, as participants, are the whole new configuration. Acknowledged and failing as {@link #reconfig}.
     * A client without it (a test double, a benchmark's plain client) fails without asking ZooKeeper.
     */
    default WriteOutcome reconfigMembers(ClientTarget via, List<String> members, long timeoutMs) {
        return new WriteOutcome.WriteFailed(false, "this client has no non-incremental reconfig");
    }

    /** Reads {@code path} from {@code pod}'s server, after a {@code sync} when asked (then it sees every commit). */
    ReadOutcome read(String pod, String path, boolean sync, long timeoutMs);

    /** The pod whose server leads with a quorum, if any. */
    Optional<String> leader();

    /** Whether a write through the client Service would be acknowledged now. */
    boolean writable();

    /** {@code srvr}'s view of one server. */
    ServerStatus status(String pod);

    /** The answer to a four-letter word, as {@code echo WORD | nc POD 2181} prints it. */
    String fourLetterWord(String pod, FourLetterWord word);

    /** Acknowledged writes that no server can return any more, in acknowledgement order. */
    List<LostWrite> lostWrites();

    /**
     * The elections and write outages observed so far (does not advance time). Backends that record nothing return
     * {@link ZooKeeperHistory#EMPTY}.
     */
    default ZooKeeperHistory history() {
        return ZooKeeperHistory.EMPTY;
    }
}
