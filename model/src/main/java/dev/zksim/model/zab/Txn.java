package dev.zksim.model.zab;

/**
 * One entry of a server's transaction log (FileTxnLog): a zxid and what it does to the data tree.
 *
 * @param zxid the transaction id ({@link Zxid})
 * @param type what the transaction does
 * @param sessionId the client session that issued it
 * @param path the znode ({@code ""} for session transactions)
 * @param value the new data for CREATE and SET_DATA, the error code for ERROR, otherwise {@code ""}
 */
public record Txn(long zxid, TxnType type, long sessionId, String path, String value) {

    /** Transaction types the model logs (a subset of ZooDefs.OpCode). */
    public enum TxnType {
        CREATE_SESSION,
        CLOSE_SESSION,
        CREATE,
        SET_DATA,
        DELETE,
        ERROR,
        /** A committed-to-be config change (OpCode.reconfig); {@code value} holds the new config's server lines. */
        RECONFIG
    }

    public Txn {
        if (zxid <= 0) {
            throw new IllegalArgumentException("zxid must be positive, got " + zxid);
        }
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(value, "value");
    }

    /** {@code create /hello world @0x100000002}. */
    public String describe() {
        String op =
                switch (type) {
                    case CREATE_SESSION -> "createSession 0x" + Long.toHexString(sessionId);
                    case CLOSE_SESSION -> "closeSession 0x" + Long.toHexString(sessionId);
                    case CREATE -> "create " + path + " " + value;
                    case SET_DATA -> "set " + path + " " + value;
                    case DELETE -> "delete " + path;
                    case ERROR -> "error " + value + " on " + path;
                    case RECONFIG ->
                        "reconfig " + String.join(" ", value.strip().split("\n"));
                };
        return op + " @" + Zxid.hex(zxid);
    }
}
