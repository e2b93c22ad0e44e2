package dev.zksim.runtime.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import java.util.function.UnaryOperator;

/**
 * Who is calling: the sender's server id, read from the first bytes a ZooKeeper server sends on a peer port. On
 * loopback the kernel gives every unbound socket the source address 127.0.0.1, so the address cannot tell pods apart;
 * both quorum protocols name the sender at once instead (ZooKeeper 3.9.4):
 * <ul>
 *   <li>election port (QuorumCnxManager.startConnection): {@code long protocolVersion} (-65536 or -65535), {@code long
 *       sid}, {@code int length}, the sender's election address as {@code host:port} text; before 3.4.11 just the
 *       {@code long sid};</li>
 *   <li>quorum port (Learner.registerWithLeader): a jute {@code QuorumPacket} FOLLOWERINFO or OBSERVERINFO — {@code
 *       int type}, {@code long zxid}, {@code int length}, then the {@code LearnerInfo} whose first field is the
 *       {@code long serverid}.</li>
 * </ul>
 * The bytes read are handed on unchanged, except the election address, which {@code rewrite} may change: a server
 * bound on its hidden address announces that address, and a peer calling back must reach the published one.
 */
final class PeerHandshake {
    static final long PROTOCOL_VERSION_V1 = -65536L;
    static final long PROTOCOL_VERSION_V2 = -65535L;
    /** QuorumCnxManager's own bound on the announced address (maxBuffer defaults to 512 kB; addresses are short). */
    private static final int MAX_ADDRESS_BYTES = 64 * 1024;

    /** The sender (if it named itself) and the bytes to forward first. */
    record Result(OptionalLong sid, byte[] bytes) {}

    private PeerHandshake() {}

    /** Reads the election port's initial message. */
    static Result election(InputStream in, UnaryOperator<String> rewrite) throws IOException {
        DataInputStream din = new DataInputStream(in);
        long first = din.readLong();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream dout = new DataOutputStream(out);
        dout.writeLong(first);
        if (first >= 0) {
            return new Result(OptionalLong.of(first), out.toByteArray());
        }
        if (first != PROTOCOL_VERSION_V1 && first != PROTOCOL_VERSION_V2) {
            return new Result(OptionalLong.empty(), out.toByteArray());
        }
        long sid = din.readLong();
        int length = din.readInt();
        dout.writeLong(sid);
        if (length <= 0 || length > MAX_ADDRESS_BYTES) {
            dout.writeInt(length);
            return new Result(OptionalLong.of(sid), out.toByteArray());
        }
        byte[] address = din.readNBytes(length);
        if (address.length != length) {
            throw new IOException("election handshake ended after " + address.length + " of " + length + " bytes");
        }
        byte[] rewritten =
                rewrite.apply(new String(address, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        dout.writeInt(rewritten.length);
        dout.write(rewritten);
        return new Result(OptionalLong.of(sid), out.toByteArray());
    }

    /** Reads the quorum port's first packet as far as the learner's server id. */
    static Result learner(InputStream in) throws IOException {
        DataInputStream din = new DataInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream dout = new DataOutputStream(out);
        int type = din.readInt();
        long zxid = din.readLong();
        int length = din.readInt();
        dout.writeInt(type);
        dout.writeLong(zxid);
        dout.writeInt(length);
        if (length < Long.BYTES) {
            return new Result(OptionalLong.empty(), out.toByteArray());
        }
        long sid = din.readLong();
        dout.writeLong(sid);
        return new Result(OptionalLong.of(sid), out.toByteArray());
    }
}
