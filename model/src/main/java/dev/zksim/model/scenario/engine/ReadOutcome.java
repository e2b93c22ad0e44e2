package dev.zksim.model.scenario.engine;

/** What a ZooKeeper read from one server returned. */
public sealed interface ReadOutcome {

    /** The znode exists on that server; {@code mzxid} is the zxid of its last change. */
    record ReadFound(String value, long mzxid) implements ReadOutcome {}

    /** The server answered: no such znode. */
    record Absent() implements ReadOutcome {}

    /** The server did not answer (not running, not serving, timeout). */
    record ReadFailed(String reason) implements ReadOutcome {}
}
