package dev.zksim.model.zab;

import dev.zksim.model.time.Seeds;
import java.util.Objects;

/**
 * How a {@link ZabModel} is set up.
 *
 * @param timing durations not found in zoo.cfg
 * @param sessionTxns whether each client command brings its own session (and its createSession/closeSession
 *     transactions), like {@code zkCli.sh <cmd>} or a fresh {@code ZooKeeper} handle per step
 * @param seeds randomness (only the {@code zk-cs} endpoint choice uses it)
 */
public record ZabOptions(TimingProfile timing, SessionTxns sessionTxns, Seeds seeds) {

    /** Client session model. */
    public enum SessionTxns {
        /**
         * Each read or write opens a session and closes it again: createSession and closeSession are transactions that
         * need a quorum (so a read fails without one), and they take zxids ({@code create /hello} after a fresh
         * election gets {@code 0x...00000002}).
         */
        ONE_SHOT_CLIENT,
        /** Sessions are not modeled: only the operation itself is a transaction; reads never need a quorum. */
        NONE
    }

    public ZabOptions {
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(sessionTxns, "sessionTxns");
        Objects.requireNonNull(seeds, "seeds");
    }

    /** ZooKeeper 3.9 timing, one-shot client sessions, the given seed. */
    public static ZabOptions defaults(long seed) {
        return new ZabOptions(TimingProfile.ZOOKEEPER_3_9_DEFAULTS, SessionTxns.ONE_SHOT_CLIENT, new Seeds(seed));
    }

    public ZabOptions withTiming(TimingProfile t) {
        return new ZabOptions(t, sessionTxns, seeds);
    }

    public ZabOptions withSessionTxns(SessionTxns s) {
        return new ZabOptions(timing, s, seeds);
    }
}
