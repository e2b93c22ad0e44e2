package dev.zksim.model.lint;

import dev.zksim.model.manifest.ZkConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * ZooKeeper's time settings (zoo.cfg {@code tickTime}, {@code initLimit}, {@code syncLimit}, session timeout
 * bounds, autopurge), as start-zookeeper derives them from its flags.
 * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_configuration
 */
final class TimingRules {
    /** Below this a GC pause or a network hiccup already trips the limit. */
    static final long MIN_WINDOW_MS = 2_000;
    /** Above this the sync window is an outage, not a tolerance (the default is 5 × 2 s = 10 s). */
    static final long SYNC_WARNING_MS = 60_000;

    static final long SYNC_ERROR_MS = 600_000;
    /** initLimit legitimately covers a snapshot transfer (the default is 10 × 2 s = 20 s). */
    static final long INIT_WARNING_MS = 300_000;

    static final long INIT_ERROR_MS = 1_800_000;

    private TimingRules() {}

    static List<LintRule> all() {
        return List.of(
                new SyncLimitOutOfRange(),
                new InitLimitOutOfRange(),
                new InitBelowSync(),
                new SessionTimeoutBounds(),
                new PurgeDisabled());
    }

    private static ZkConfig zk(LintContext ctx) {
        return ctx.spec().statefulSet().template().container().zk();
    }

    private static String window(String name, int ticks, ZkConfig zk) {
        return name + "=" + ticks + " × tickTime=" + zk.tickTimeMs() + " ms = "
                + Units.millis((long) ticks * zk.tickTimeMs());
    }

    /**
     * The shared shape of the two tick-limit rules: a limit in ticks ({@code syncLimit}, {@code initLimit}) times
     * {@code tickTime} is a time window. Unset (zero or less) on a replicated server is an ERROR because ZooKeeper
     * refuses to start (QuorumPeerConfig.checkValidity: "syncLimit is not set" / "initLimit is not set"); a window
     * above the warning bound is a WARNING, an ERROR from the error bound on; a replicated window below
     * {@link #MIN_WINDOW_MS} is a WARNING. The subclasses say what the window means.
     */
    abstract static class TickLimitRule extends AbstractRule {
        private final String flag;
        private final String cfgName;
        private final String article;
        private final long warningMs;
        private final long errorMs;
        private final String fix;

        /**
         * @param flag the start-zookeeper flag ({@code sync_limit})
         * @param cfgName the zoo.cfg key ({@code syncLimit}) and {@code article} its article in prose ("a", "an")
         */
        TickLimitRule(
                String id,
                String summary,
                String flag,
                String cfgName,
                String article,
                long warningMs,
                long errorMs,
                String fix) {
            super(
                    id,
                    Severity.ERROR,
                    summary,
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_clusterOptions");
            this.flag = flag;
            this.cfgName = cfgName;
            this.article = article;
            this.warningMs = warningMs;
            this.errorMs = errorMs;
            this.fix = fix;
        }

        /** The limit in ticks. */
        abstract int ticks(ZkConfig zk);

        /** What a window of {@code w} (= {@code ms}) above the warning bound costs. */
        abstract String tooLong(String w, long ms);

        /** What a window of {@code w} below {@link #MIN_WINDOW_MS} costs. */
        abstract String tooShort(String w);

        @Override
        public final List<Finding> check(LintContext ctx) {
            ZkConfig zk = zk(ctx);
            int ticks = ticks(zk);
            long ms = (long) ticks * zk.tickTimeMs();
            String w = window(cfgName, ticks, zk);
            if (zk.servers() > 1 && ticks <= 0) {
                return List.of(ctx.atFlag(
                        this,
                        Severity.ERROR,
                        flag,
                        "--" + flag + "=" + ticks + ": ZooKeeper refuses to start a replicated server without "
                                + article + " " + cfgName + " (\"" + cfgName + " is not set\"), so every pod"
                                + " crash-loops.",
                        fix));
            }
            if (ms > warningMs) {
                return List.of(
                        ctx.atFlag(this, ms >= errorMs ? Severity.ERROR : Severity.WARNING, flag, tooLong(w, ms), fix));
            }
            if (zk.servers() > 1 && ms < MIN_WINDOW_MS) {
                return List.of(ctx.atFlag(this, Severity.WARNING, flag, tooShort(w), fix));
            }
            return List.of();
        }
    }

    /**
     * {@code sync-limit-out-of-range}: {@code syncLimit × tickTime} is both a follower's read timeout on its leader
     * (Learner) and the leader's deadline for follower acknowledgments (LearnerHandler): the failure-detection time
     * for a hung leader or follower. Zero makes ZooKeeper refuse to start ("syncLimit is not set",
     * QuorumPeerConfig.checkValidity). ERROR at zero or at least 10 minutes (a typo such as the tutorial's
     * {@code syncLimit=2000}: 4000 s); WARNING above 60 s or below 2 s.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_clusterOptions
     */
    static final class SyncLimitOutOfRange extends TickLimitRule {
        SyncLimitOutOfRange() {
            super(
                    "sync-limit-out-of-range",
                    "syncLimit × tickTime is how long a hung leader or follower goes unnoticed: far too large stalls"
                            + " writes for that long, too small causes needless elections.",
                    "sync_limit",
                    "syncLimit",
                    "a",
                    SYNC_WARNING_MS,
                    SYNC_ERROR_MS,
                    "Use --sync_limit=5 with --tick_time=2000 (10 s), the start-zookeeper default.");
        }

        @Override
        int ticks(ZkConfig zk) {
            return zk.syncLimit();
        }

        @Override
        String tooLong(String w, long ms) {
            return w + ": followers wait that long on a silent leader and the leader that long on a silent"
                    + " follower, so when the leader hangs (GC pause, stuck disk, network partition)"
                    + " writes stall for " + Units.millis(ms) + " before a new election, instead of"
                    + " about 10 s with the defaults.";
        }

        @Override
        String tooShort(String w) {
            return w + ": a GC pause or network hiccup longer than that makes followers abandon the leader (and"
                    + " the leader its followers), so the ensemble runs needless elections, and writes"
                    + " stop during each.";
        }
    }

    /**
     * {@code init-limit-out-of-range}: {@code initLimit × tickTime} bounds how long followers have to connect to a
     * new leader and sync (possibly a full snapshot transfer), and how long a new leader waits for a quorum of them.
     * Zero makes ZooKeeper refuse to start ("initLimit is not set"). ERROR at zero or at least 30 minutes, WARNING
     * above 5 minutes or below 2 s.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_clusterOptions
     */
    static final class InitLimitOutOfRange extends TickLimitRule {
        InitLimitOutOfRange() {
            super(
                    "init-limit-out-of-range",
                    "initLimit × tickTime bounds how long followers have to join a new leader: far too large blocks"
                            + " recovery from a bad election, too small keeps followers from ever finishing a sync.",
                    "init_limit",
                    "initLimit",
                    "an",
                    INIT_WARNING_MS,
                    INIT_ERROR_MS,
                    "Use --init_limit=10 with --tick_time=2000 (20 s), the start-zookeeper default; raise it"
                            + " only as far as a snapshot transfer needs.");
        }

        @Override
        int ticks(ZkConfig zk) {
            return zk.initLimit();
        }

        @Override
        String tooLong(String w, long ms) {
            return w + ": after an election the new leader waits up to that long for a quorum of followers to"
                    + " connect and sync, and followers as long for the leader, so an election that picked"
                    + " a leader which then hangs keeps the ensemble without writes for "
                    + Units.millis(ms) + ".";
        }

        @Override
        String tooShort(String w) {
            return w + ": that is all the time a follower has to connect to a new leader and download its"
                    + " snapshot; with more than a little data followers never finish syncing and the"
                    + " ensemble cycles through elections without serving.";
        }
    }

    /**
     * {@code init-limit-below-sync-limit}: joining a leader (connect plus a possibly full snapshot) is more work
     * than staying in sync, so ZooKeeper's defaults and documentation give initLimit the larger value.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_clusterOptions
     */
    static final class InitBelowSync extends AbstractRule {
        InitBelowSync() {
            super(
                    "init-limit-below-sync-limit",
                    Severity.WARNING,
                    "initLimit below syncLimit gives the initial sync (possibly a full snapshot) less time than"
                            + " steady-state replication.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_clusterOptions");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            ZkConfig zk = zk(ctx);
            long syncMs = (long) zk.syncLimit() * zk.tickTimeMs();
            // An absurd syncLimit is the problem then, reported by sync-limit-out-of-range; one typo, one finding.
            if (zk.servers() <= 1
                    || zk.initLimit() >= zk.syncLimit()
                    || zk.initLimit() <= 0
                    || syncMs > SYNC_WARNING_MS) {
                return List.of();
            }
            return List.of(ctx.atFlag(
                    this,
                    severity(),
                    "init_limit",
                    "--init_limit=" + zk.initLimit() + " is below --sync_limit=" + zk.syncLimit() + ": a restarted"
                            + " follower gets less time to connect and download the leader's snapshot than a running"
                            + " follower gets to acknowledge a proposal, so followers that keep up fine can fail to"
                            + " rejoin after a restart once the data grows.",
                    "Keep initLimit ≥ syncLimit (defaults 10 and 5)."));
        }
    }

    /**
     * {@code session-timeout-bounds}: ZooKeeper clamps each client's requested session timeout into
     * [minSessionTimeout, maxSessionTimeout] (defaults 2 and 20 ticks) and refuses to start when min > max
     * ("minSessionTimeout must not be larger than maxSessionTimeout", QuorumPeerConfig) — ERROR. Bounds outside
     * 2..20 ticks are accepted but change client behaviour — INFO.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_advancedConfiguration
     */
    static final class SessionTimeoutBounds extends AbstractRule {
        SessionTimeoutBounds() {
            super(
                    "session-timeout-bounds",
                    Severity.ERROR,
                    "A minimum session timeout above the maximum stops ZooKeeper from starting; bounds outside 2..20"
                            + " ticks make sessions expire on every hiccup or outlive dead clients.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_advancedConfiguration");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            ZkConfig zk = zk(ctx);
            int min = zk.minSessionTimeoutMs();
            int max = zk.maxSessionTimeoutMs();
            int tick = zk.tickTimeMs();
            if (min > max) {
                return List.of(ctx.atFlag(
                        this,
                        Severity.ERROR,
                        "min_session_timeout",
                        "--min_session_timeout=" + min + " is larger than --max_session_timeout=" + max
                                + ": ZooKeeper refuses to start (\"minSessionTimeout must not be larger than"
                                + " maxSessionTimeout\"), so every pod crash-loops.",
                        "Swap them: --min_session_timeout=" + 2 * tick + " (2 ticks) and --max_session_timeout="
                                + 20 * tick + " (20 ticks). The kubernetes-zookeeper README lists the two defaults"
                                + " the wrong way round."));
            }
            List<Finding> out = new ArrayList<>();
            if (min < 2 * tick) {
                out.add(ctx.atFlag(
                        this,
                        Severity.INFO,
                        "min_session_timeout",
                        "--min_session_timeout=" + min + " is below 2 × tickTime (" + 2 * tick + " ms): ZooKeeper"
                                + " accepts it, but clients that ask for such short sessions lose them (with their"
                                + " ephemeral nodes and locks) on any leader election or GC pause longer than that.",
                        "Keep --min_session_timeout at 2 × --tick_time or more."));
            }
            if (max > 20 * tick) {
                out.add(ctx.atFlag(
                        this,
                        Severity.INFO,
                        "max_session_timeout",
                        "--max_session_timeout=" + max + " is above 20 × tickTime (" + 20 * tick + " ms): ZooKeeper"
                                + " accepts it, but a client that dies keeps its ephemeral nodes (locks, leader"
                                + " latches, registrations) for up to " + Units.millis(max) + ".",
                        "Keep --max_session_timeout at 20 × --tick_time unless clients need longer sessions."));
            }
            return out;
        }
    }

    /**
     * {@code purge-disabled}: with {@code autopurge.purgeInterval=0} (start-zookeeper's default) ZooKeeper never
     * deletes old snapshots and transaction logs; the data volume fills up and the server stops.
     * See https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_maintenance
     */
    static final class PurgeDisabled extends AbstractRule {
        PurgeDisabled() {
            super(
                    "purge-disabled",
                    Severity.INFO,
                    "With purge_interval 0 old snapshots and logs are never deleted and the volume fills up.",
                    "https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_maintenance");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            ZkConfig zk = zk(ctx);
            if (zk.purgeIntervalHours() > 0) {
                return List.of();
            }
            return List.of(ctx.atFlag(
                    this,
                    severity(),
                    "purge_interval",
                    "--purge_interval=" + zk.purgeIntervalHours() + " disables autopurge: ZooKeeper keeps every"
                            + " snapshot and transaction log it writes, so the data volume fills up over time and the"
                            + " server stops serving when a write to it fails.",
                    "Set --purge_interval=12 (hours) with --snap_retain_count=3, as the tutorial does, or purge"
                            + " with an external job."));
        }
    }
}
