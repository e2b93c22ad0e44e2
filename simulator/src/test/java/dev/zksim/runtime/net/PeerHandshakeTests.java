package dev.zksim.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The sender's sid read from ZooKeeper 3.9.4's first bytes on each peer port, as QuorumCnxManager and Learner write them. */
class PeerHandshakeTests {

    @Test
    void theElectionHandshakeNamesTheSenderAndItsAddressIsRewritten() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeLong(PeerHandshake.PROTOCOL_VERSION_V1);
        out.writeLong(3);
        byte[] addr = "127.70.1.4:3888".getBytes(StandardCharsets.UTF_8);
        out.writeInt(addr.length);
        out.write(addr);
        out.writeUTF("next bytes stay in the stream");

        ByteArrayInputStream in = new ByteArrayInputStream(b.toByteArray());
        PeerHandshake.Result r = PeerHandshake.election(in, a -> a.replace("127.70.1.4", "127.64.9.4"));

        assertThat(r.sid()).hasValue(3);
        DataInputStream forwarded = new DataInputStream(new ByteArrayInputStream(r.bytes()));
        assertThat(forwarded.readLong()).isEqualTo(PeerHandshake.PROTOCOL_VERSION_V1);
        assertThat(forwarded.readLong()).isEqualTo(3);
        byte[] rewritten = new byte[forwarded.readInt()];
        forwarded.readFully(rewritten);
        assertThat(new String(rewritten, StandardCharsets.UTF_8)).isEqualTo("127.64.9.4:3888");
        assertThat(new DataInputStream(in).readUTF()).isEqualTo("next bytes stay in the stream");
    }

    @Test
    void anOldStyleElectionHandshakeIsJustTheSid() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataOutputStream(b).writeLong(2);
        PeerHandshake.Result r = PeerHandshake.election(new ByteArrayInputStream(b.toByteArray()), a -> a);
        assertThat(r.sid()).hasValue(2);
        assertThat(r.bytes()).isEqualTo(b.toByteArray());
    }

    @Test
    void theLearnersFollowerInfoNamesTheLearner() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.writeInt(11); // Leader.FOLLOWERINFO
        out.writeLong(0x100000005L);
        out.writeInt(20); // LearnerInfo: long serverid, int protocolVersion, long configVersion
        out.writeLong(2);
        out.writeInt(0x10000);
        out.writeLong(0);
        byte[] all = b.toByteArray();

        ByteArrayInputStream in = new ByteArrayInputStream(all);
        PeerHandshake.Result r = PeerHandshake.learner(in);

        assertThat(r.sid()).hasValue(2);
        byte[] rest = in.readAllBytes();
        byte[] joined = new byte[r.bytes().length + rest.length];
        System.arraycopy(r.bytes(), 0, joined, 0, r.bytes().length);
        System.arraycopy(rest, 0, joined, r.bytes().length, rest.length);
        assertThat(joined).as("forwarded unchanged").isEqualTo(all);
    }
}
