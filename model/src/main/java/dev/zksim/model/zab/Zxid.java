package dev.zksim.model.zab;

/**
 * ZooKeeper transaction ids: the high 32 bits are the epoch of the leader that proposed the transaction, the low 32
 * bits a counter that the leader restarts at 0 in each epoch (ZxidUtils; Zab paper §IV-A).
 */
public final class Zxid {
    private Zxid() {}

    public static long make(long epoch, long counter) {
        return (epoch << 32) | (counter & 0xffffffffL);
    }

    public static long epoch(long zxid) {
        return zxid >>> 32;
    }

    public static long counter(long zxid) {
        return zxid & 0xffffffffL;
    }

    /** {@code 0x100000002}, as ZooKeeper prints zxids. */
    public static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
