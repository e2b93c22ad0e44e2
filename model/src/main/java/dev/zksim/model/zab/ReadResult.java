package dev.zksim.model.zab;

/** The outcome of a client read from one server. */
public sealed interface ReadResult {

    /** One line for timelines and verdicts. */
    String describe();

    /** The znode as the server that answered has it (which may lag behind the leader unless the read synced). */
    record ZnodeFound(String path, Znode node, String servedBy) implements ReadResult {
        @Override
        public String describe() {
            return path + " = " + node.value() + " (cZxid " + Zxid.hex(node.czxid()) + ", mZxid "
                    + Zxid.hex(node.mzxid()) + ") from " + servedBy;
        }
    }

    /** The server answered that the znode does not exist. */
    record NoNode(String path, String servedBy) implements ReadResult {
        @Override
        public String describe() {
            return KeeperCode.NO_NODE.message(path) + " from " + servedBy;
        }
    }

    /** No answer (ConnectionLoss): the server is down, not serving, or could not establish a session. */
    record NoAnswer(String reason) implements ReadResult {
        @Override
        public String describe() {
            return "failed: " + reason;
        }
    }
}
