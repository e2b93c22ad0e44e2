package dev.zksim.model.zab;

/**
 * A znode as a read returns it: its data and the zxids that created and last modified it ({@code cZxid},
 * {@code mZxid} in {@code zkCli.sh get -s}).
 */
public record Znode(String value, long czxid, long mzxid) {}
