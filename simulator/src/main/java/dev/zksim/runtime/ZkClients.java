package dev.zksim.runtime;

import dev.zksim.model.scenario.engine.ClientTarget;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.client.ZKClientConfig;
import org.apache.zookeeper.data.Stat;

/**
 * Client operations with the real ZooKeeper client, kept the way an application keeps them: one session per
 * {@link ClientTarget}, opened by the first operation and reused by the next ones while it stays good (see
 * {@link #reusable}); otherwise an operation opens a new session (which is then kept). Every operation is bounded by
 * its timeout (session set-up included): on expiry it fails, and its session is closed in the background.
 *
 * <p>Writes the ensemble acknowledges are recorded, in order, with the zxid ZooKeeper gave them; that history is what
 * "no acknowledged write is lost" is checked against. The client's threads (SendThread, EventThread) live in the
 * simulation's client {@link ThreadScope}, so their log lines go to {@code logs/clients.log} and {@link #close()} can
 * prove they ended. Thread-safe.
 */
public final class ZkClients implements AutoCloseable {
    /** The session timeout clients ask for; servers clamp it to [minSessionTimeout, maxSessionTimeout]. */
    private static final int SESSION_TIMEOUT_MS = 10_000;

    private static final int WORKERS = 4;
    private static final int QUEUE = 256;
    private static final long CLOSE_TIMEOUT_MS = 15_000;
    /** ZooKeeper's answers that leave the session as it was: the server refused the request itself. */
    private static final Set<KeeperException.Code> APPLICATION_ERRORS = Collections.unmodifiableSet(EnumSet.of(
            KeeperException.Code.NODEEXISTS,
            KeeperException.Code.NONODE,
            KeeperException.Code.BADVERSION,
            KeeperException.Code.NOTEMPTY,
            KeeperException.Code.NOAUTH,
            KeeperException.Code.INVALIDACL,
            KeeperException.Code.NOCHILDRENFOREPHEMERALS,
            KeeperException.Code.BADARGUMENTS,
            KeeperException.Code.UNIMPLEMENTED,
            KeeperException.Code.RECONFIGDISABLED,
            KeeperException.Code.RECONFIGINPROGRESS,
            KeeperException.Code.NEWCONFIGNOQUORUM));
    /** How often {@link #writeUntilAcknowledged} looks for a serving server. */
    private static final long RETRY_POLL_MS = 5;

    private static final int SERVING_CHECK_TIMEOUT_MS = 250;
    /**
     * One attempt of {@link #writeUntilAcknowledged} gives up after this, so a stuck attempt cannot use up the rest.
     */
    private static final long MAX_ATTEMPT_MS = 5_000;
    /** How often a session being set up checks that its servers still serve. */
    private static final long SESSION_CHECK_MS = 10;
    /** At most this many sessions are kept (one per target: a few pods and Services); the oldest one goes first. */
    private static final int MAX_KEPT_SESSIONS = 16;
    /** The reason of an operation that ended before its request because its servers stopped serving. */
    static final String STOPPED_SERVING = "the server stopped serving before a session was established";

    /** How client operations find servers; implemented by the runtime. */
    interface Endpoints {
        /** The connect string for {@code target} ({@code 127.x.y.z:2181} or {@code zk-cs.<ns>.svc.<domain>:2181}). */
        Optional<String> connectString(ClientTarget target);

        /** The server addresses behind {@code target} now (a pod's address; a Service's published pods). */
        List<InetSocketAddress> servers(ClientTarget target);

        /**
         * The container whose server serves clients at {@code address} now, compared by identity so that a session
         * opened to a pod's server is not reused with the server of a later container (a killed pod restarted on the
         * same IP); empty when no running, non-terminating container serves there.
         */
        Optional<Object> servingServer(InetSocketAddress address);

        /** The pod that owns {@code ip}, or the address itself when no pod does. */
        String podOf(InetAddress ip);
    }

    private final Endpoints endpoints;
    private final ThreadScope scope;
    private final ThreadPoolExecutor workers;
    private final ThreadPoolExecutor closers;
    private final List<AckedWrite> acked = new ArrayList<>(); // guarded by itself
    /** The sessions kept for reuse, oldest first; guarded by itself. */
    private final Map<ClientTarget, Kept> kept = new LinkedHashMap<>();

    private boolean closed; // guarded by kept

    /**
     * A session kept for {@code target}: connected to {@code server}, whose serving container was {@code container};
     * every request on it is bounded by {@code requestTimeoutMs}.
     */
    private record Kept(Session zk, InetSocketAddress server, Object container, long requestTimeoutMs) {}

    ZkClients(Endpoints endpoints, ThreadScope scope) {
        this.endpoints = endpoints;
        this.scope = scope;
        this.workers = pool(scope, "zk-client-", WORKERS);
        this.closers = pool(scope, "zk-client-close-", WORKERS);
    }

    private static ThreadPoolExecutor pool(ThreadScope scope, String prefix, int size) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p =
                new ThreadPoolExecutor(size, size, 1, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(scope, r, prefix + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /**
     * Sets {@code path} to {@code value}, creating it when missing. A scenario's {@code write} step does not come
     * here: it runs its own op ({@code create} by default) through {@link #whenServing}.
     */
    public ClientResult write(ClientTarget target, String path, String value, long timeoutMs) {
        return run("write", target, path, timeoutMs, call(Op.WRITE, target, path, value));
    }

    /**
     * Reads {@code path}; with {@code sync}, first {@code sync()}s the server with the leader, so the read sees every
     * write acknowledged before it started (ZooKeeper reads are otherwise served from the connected server's possibly
     * stale state).
     */
    public ClientResult read(ClientTarget target, String path, boolean sync, long timeoutMs) {
        Op op = sync ? Op.SYNC_GET : Op.GET;
        return run(op.word, target, path, timeoutMs, call(op, target, path, null));
    }

    /** The operations of {@link #whenServing}. */
    public enum Op {
        /** create (fails with NODEEXISTS when the node exists) */
        CREATE("create"),
        /** setData (fails with NONODE when it does not) */
        SET("set"),
        /** setData, or create when the node is missing */
        WRITE("write"),
        /** delete any version (fails with NONODE) */
        DELETE("delete"),
        /** getData from the connected server */
        GET("get"),
        /** sync, then getData */
        SYNC_GET("sync+get");

        private final String word;

        Op(String word) {
            this.word = word;
        }
    }

    /**
     * Runs {@code op} once on the servers behind {@code target} that serve clients now: waits, polling {@code srvr}
     * every few milliseconds, until one of them serves (a server that is electing or syncing refuses sessions, and
     * ZooKeeper's client would back off up to a second before trying the next address), then runs the operation
     * with the time left. Fails without an attempt when no server served within {@code timeoutMs}. This is what a
     * patient user does with {@code zkCli.sh}: wait for the server, then type the command once.
     *
     * @param value ignored for {@link Op#DELETE}, {@link Op#GET} and {@link Op#SYNC_GET}
     */
    public ClientResult whenServing(Op op, ClientTarget target, String path, String value, long timeoutMs) {
        return whenServing(op.word, target, path, call(op, target, path, value), timeoutMs);
    }

    /**
     * {@code zkCli.sh reconfig -add JOINING -remove LEAVING} through {@link #whenServing}'s patient client
     * ({@code ZooKeeperAdmin.reconfigure}, incremental, no version check). Acknowledged with the new configuration's
     * text and version (the reconfig's zxid); ZooKeeper's refusals fail with the error code's name
     * ({@code RECONFIGDISABLED}, {@code NEWCONFIGNOQUORUM}, ...). A committed reconfig is not recorded as an
     * acknowledged write: {@code /zookeeper/config} is ZooKeeper's to rewrite.
     *
     * @param joining {@code server.N=host:serverPort:electionPort:participant;clientPort} specs
     * @param leaving server ids, as decimal strings
     */
    public ClientResult reconfig(ClientTarget target, List<String> joining, List<String> leaving, long timeoutMs) {
        return reconfigure(target, joining, leaving, List.of(), timeoutMs);
    }

    /**
     * {@code zkCli.sh reconfig -members MEMBERS} (non-incremental: {@code ZooKeeperAdmin.reconfigure} with
     * {@code newMembers}, which PrepRequestProcessor makes the whole new configuration), answered as {@link #reconfig}.
     *
     * @param members {@code server.N=host:serverPort:electionPort:participant;clientPort} specs
     */
    public ClientResult reconfigMembers(ClientTarget target, List<String> members, long timeoutMs) {
        return reconfigure(target, List.of(), List.of(), members, timeoutMs);
    }

    private ClientResult reconfigure(
            ClientTarget target, List<String> joining, List<String> leaving, List<String> members, long timeoutMs) {
        String path = "/zookeeper/config";
        return whenServing(
                "reconfig",
                target,
                path,
                (zk, started) -> {
                    Stat stat = new Stat();
                    byte[] config = zk.reconfigure(
                            joining.isEmpty() ? null : joining,
                            leaving.isEmpty() ? null : leaving,
                            members.isEmpty() ? null : members,
                            -1,
                            stat);
                    AckedWrite w = new AckedWrite(
                            -1,
                            "reconfig",
                            path,
                            Optional.of(new String(config, StandardCharsets.UTF_8)),
                            OptionalLong.of(stat.getMzxid()),
                            target.toString(),
                            server(zk),
                            System.currentTimeMillis(),
                            elapsedMs(started));
                    return new ClientResult.Acknowledged(w);
                },
                timeoutMs);
    }

    private ClientResult whenServing(String word, ClientTarget target, String path, Call call, long timeoutMs) {
        Optional<Kept> k = reusable(target, timeoutMs);
        if (k.isPresent()) {
            return onKept(word, target, path, timeoutMs, k.get(), call);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            List<InetSocketAddress> serving = endpoints.servers(target).stream()
                    .filter(a -> FourLetterWords.serving(a, SERVING_CHECK_TIMEOUT_MS))
                    .toList();
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (!serving.isEmpty()) {
                String connect = serving.stream()
                        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                        .collect(Collectors.joining(","));
                ClientResult r =
                        run(word, target, connect, path, Math.max(1, leftMs), timeoutMs, call, () -> serving.stream()
                                .anyMatch(a -> FourLetterWords.serving(a, SERVING_CHECK_TIMEOUT_MS)));
                if (!(r instanceof ClientResult.OperationFailed f && f.reason().equals(STOPPED_SERVING))) {
                    return r;
                }
                continue; // no request was sent: look for a serving server again
            }
            if (Thread.currentThread().isInterrupted()) {
                return new ClientResult.OperationFailed(word, path, target.toString(), "interrupted", 0);
            }
            if (leftMs <= 0) {
                return new ClientResult.OperationFailed(
                        word,
                        path,
                        target.toString(),
                        "no server behind " + target + " served clients within " + timeoutMs + " ms",
                        timeoutMs);
            }
            Awaits.pause(Math.min(RETRY_POLL_MS, leftMs));
        }
    }

    /** The request(s) of one operation on an open session. */
    private Call call(Op op, ClientTarget target, String path, String value) {
        return switch (op) {
            case CREATE ->
                (zk, started) -> {
                    Stat stat = new Stat();
                    zk.create(path, bytes(value), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
                    return ack(
                            "create", path, Optional.of(value), OptionalLong.of(stat.getMzxid()), target, zk, started);
                };
            case SET ->
                (zk, started) -> {
                    Stat stat = zk.setData(path, bytes(value), -1);
                    return ack("set", path, Optional.of(value), OptionalLong.of(stat.getMzxid()), target, zk, started);
                };
            case WRITE -> (zk, started) -> upsert(zk, target, path, value, started);
            case DELETE ->
                (zk, started) -> {
                    zk.delete(path, -1);
                    return ack("delete", path, Optional.empty(), deleteZxid(zk, path), target, zk, started);
                };
            case GET, SYNC_GET ->
                (zk, started) -> {
                    if (op == Op.SYNC_GET) {
                        zk.sync(path);
                    }
                    String server = server(zk);
                    try {
                        Stat stat = new Stat();
                        byte[] data = zk.getData(path, false, stat);
                        return new ClientResult.NodeRead(
                                path,
                                data == null ? "" : new String(data, StandardCharsets.UTF_8),
                                stat.getMzxid(),
                                server,
                                elapsedMs(started));
                    } catch (KeeperException.NoNodeException e) {
                        return new ClientResult.NotFound(path, server, elapsedMs(started));
                    }
                };
        };
    }

    /**
     * setData, or create when the node is missing: the upsert of {@link Op#WRITE}. Between the two requests another
     * client may create the node; the create then fails with NODEEXISTS, which the caller reports.
     */
    private ClientResult upsert(Session zk, ClientTarget target, String path, String value, long startedNanos)
            throws KeeperException, InterruptedException {
        try {
            Stat stat = zk.setData(path, bytes(value), -1);
            return ack("set", path, Optional.of(value), OptionalLong.of(stat.getMzxid()), target, zk, startedNanos);
        } catch (KeeperException.NoNodeException e) {
            Stat stat = new Stat();
            zk.create(path, bytes(value), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stat);
            return ack("create", path, Optional.of(value), OptionalLong.of(stat.getMzxid()), target, zk, startedNanos);
        }
    }

    /**
     * Writes until the ensemble acknowledges, or {@code timeoutMs} passed: the first acknowledged write after a
     * disruption. Each attempt goes to the servers behind {@code target} that serve clients now (checked with
     * {@code srvr}), so no attempt is wasted on a server that is still electing.
     */
    public ClientResult writeUntilAcknowledged(ClientTarget target, String path, String value, long timeoutMs) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        ClientResult last = new ClientResult.OperationFailed(
                "write",
                path,
                target.toString(),
                "no server behind " + target + " served clients within " + timeoutMs + " ms",
                timeoutMs);
        // the latency of the acknowledged write counts from the first attempt
        Call write = (zk, started) -> upsert(zk, target, path, value, start);
        while (System.nanoTime() < deadline) {
            long leftMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            long attemptMs = Math.max(1, Math.min(leftMs, MAX_ATTEMPT_MS));
            Optional<Kept> k = reusable(target, attemptMs);
            List<InetSocketAddress> serving = k.isPresent()
                    ? List.of()
                    : endpoints.servers(target).stream()
                            .filter(a -> FourLetterWords.serving(a, SERVING_CHECK_TIMEOUT_MS))
                            .toList();
            if (k.isPresent() || !serving.isEmpty()) {
                String connect = serving.stream()
                        .map(a -> a.getAddress().getHostAddress() + ":" + a.getPort())
                        .collect(Collectors.joining(","));
                ClientResult r = k.isPresent()
                        ? onKept("write", target, path, attemptMs, k.get(), write)
                        : run("write", target, connect, path, attemptMs, write);
                if (r.acknowledged()) {
                    return r;
                }
                last = r;
            }
            Awaits.pause(Math.min(RETRY_POLL_MS, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return last;
    }

    /** Every acknowledged write so far, in acknowledgement order. */
    public List<AckedWrite> acknowledged() {
        synchronized (acked) {
            return List.copyOf(acked);
        }
    }

    // ---- one operation ----

    @FunctionalInterface
    private interface Call {
        ClientResult apply(Session zk, long startedNanos) throws KeeperException, InterruptedException;
    }

    private ClientResult run(String op, ClientTarget target, String path, long timeoutMs, Call call) {
        Optional<String> connect = endpoints.connectString(target);
        if (connect.isEmpty()) {
            return new ClientResult.OperationFailed(
                    op,
                    path,
                    target.toString(),
                    "cannot reach " + target + ": no such Service, or the pod has no running container",
                    0);
        }
        Optional<Kept> k = reusable(target, timeoutMs);
        if (k.isPresent()) {
            return onKept(op, target, path, timeoutMs, k.get(), call);
        }
        return run(op, target, connect.get(), path, timeoutMs, call);
    }

    private ClientResult run(String op, ClientTarget target, String connect, String path, long timeoutMs, Call call) {
        return run(op, target, connect, path, timeoutMs, timeoutMs, call, () -> true);
    }

    /**
     * @param timeoutMs bounds this operation
     * @param requestTimeoutMs bounds each request of the new session, for as long as it is kept (the operation's
     *     whole timeout, when part of it went into waiting for a server, so that later operations with the same
     *     timeout can reuse the session)
     * @param worthWaiting checked every {@link #SESSION_CHECK_MS} while the session is being set up; when it turns
     *     false (the servers stopped serving: ZooKeeper's client would only back off and retry them for up to a
     *     second), the operation ends at once, without having sent its request, as {@link #STOPPED_SERVING}
     */
    private ClientResult run(
            String op,
            ClientTarget target,
            String connect,
            String path,
            long timeoutMs,
            long requestTimeoutMs,
            Call call,
            java.util.function.BooleanSupplier worthWaiting) {
        Operation operation = new Operation(op, target, path, timeoutMs);
        return onWorker(
                operation,
                started -> session(operation, connect, requestTimeoutMs, started, call, worthWaiting),
                () -> {});
    }

    /** An operation as its failure reports it: name, path and target, and its time bound. */
    private record Operation(String op, ClientTarget target, String path, long timeoutMs) {
        ClientResult.OperationFailed failed(String why, long elapsedMs) {
            return new ClientResult.OperationFailed(op, path, target.toString(), why, elapsedMs);
        }
    }

    /**
     * Runs {@code work} (given its start, {@link System#nanoTime}) on a worker and waits at most the operation's
     * {@code timeoutMs} for its result. When it fails, runs out of time (the worker is interrupted) or this thread is
     * interrupted (the flag stays set), runs {@code onFailure} and reports the failure as the operation's result.
     */
    private ClientResult onWorker(
            Operation operation, java.util.function.LongFunction<ClientResult> work, Runnable onFailure) {
        long started = System.nanoTime();
        Future<ClientResult> f;
        try {
            f = workers.submit(() -> work.apply(started));
        } catch (RejectedExecutionException e) {
            return operation.failed("client closed or overloaded", 0);
        }
        try {
            return f.get(operation.timeoutMs(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            onFailure.run();
            return operation.failed("no answer within " + operation.timeoutMs() + " ms", elapsedMs(started));
        } catch (ExecutionException e) {
            onFailure.run();
            return operation.failed(String.valueOf(e.getCause()), elapsedMs(started));
        } catch (InterruptedException e) {
            f.cancel(true);
            onFailure.run();
            Thread.currentThread().interrupt();
            return operation.failed("interrupted", elapsedMs(started));
        }
    }

    private ClientResult session(
            Operation operation,
            String connect,
            long requestTimeoutMs,
            long started,
            Call call,
            java.util.function.BooleanSupplier worthWaiting) {
        ZKClientConfig config = new ZKClientConfig();
        config.setProperty(ZKClientConfig.ENABLE_CLIENT_SASL_KEY, "false");
        // bounds every request of the session, closeSession included
        config.setProperty(ZKClientConfig.ZOOKEEPER_REQUEST_TIMEOUT, Long.toString(Math.max(1, requestTimeoutMs)));
        CountDownLatch connected = new CountDownLatch(1);
        Session zk;
        try {
            zk = new Session(connect, connected, config);
        } catch (IOException e) {
            return operation.failed("cannot create client: " + e, elapsedMs(started));
        }
        try {
            while (true) {
                long leftMs = operation.timeoutMs() - elapsedMs(started);
                if (leftMs <= 0) {
                    return operation.failed("no session within " + operation.timeoutMs() + " ms", elapsedMs(started));
                }
                if (connected.await(Math.min(leftMs, SESSION_CHECK_MS), TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (!worthWaiting.getAsBoolean()) {
                    return operation.failed(STOPPED_SERVING, elapsedMs(started));
                }
            }
            ClientResult r = call.apply(zk, started);
            if (keep(operation.target(), zk, Math.max(1, requestTimeoutMs))) {
                zk = null;
            }
            return r;
        } catch (KeeperException e) {
            return operation.failed(e.code().name(), elapsedMs(started));
        } catch (InterruptedException e) {
            // run() interrupts this worker when the operation's time is up (its own result then says so), and
            // close() interrupts it on shutdown: either way this thread's owner must still see the interrupt
            Thread.currentThread().interrupt();
            return operation.failed("interrupted", elapsedMs(started));
        } finally {
            if (zk != null) {
                closeInBackground(zk);
            }
        }
    }

    // ---- kept sessions ----

    /**
     * The session kept for {@code target}, when it may serve an operation bounded by {@code timeoutMs}: it never lost
     * its connection (a session that was disconnected once, expired or closed is dropped, not resumed: its server
     * stopped serving or went away), its server is still one {@code target} leads to now (a pod's current IP; for a
     * Service, a pod it publishes, i.e. a Ready pod), the same container still runs there and serves clients (a
     * killed or deleted pod's session is never reused, even when the pod came back on the same IP), and its request
     * timeout does not cut the operation short. A session that fails a check is closed.
     */
    private Optional<Kept> reusable(ClientTarget target, long timeoutMs) {
        Kept k;
        synchronized (kept) {
            k = kept.get(target);
        }
        if (k == null) {
            return Optional.empty();
        }
        boolean good = k.zk().healthy()
                && endpoints.servers(target).contains(k.server())
                && endpoints
                        .servingServer(k.server())
                        .filter(c -> c == k.container())
                        .isPresent();
        if (!good) {
            drop(target, k);
            return Optional.empty();
        }
        return k.requestTimeoutMs() >= timeoutMs ? Optional.of(k) : Optional.empty();
    }

    /**
     * Keeps {@code zk}, just used for {@code target}, when it is healthy and its server serves {@code target};
     * false when it was not kept (the caller closes it).
     */
    private boolean keep(ClientTarget target, Session zk, long requestTimeoutMs) {
        if (!zk.healthy()
                || !(zk.remote() instanceof InetSocketAddress server)
                || !endpoints.servers(target).contains(server)) {
            return false;
        }
        Optional<Object> container = endpoints.servingServer(server);
        if (container.isEmpty()) {
            return false;
        }
        List<Session> displaced = new ArrayList<>();
        synchronized (kept) {
            if (closed) {
                return false;
            }
            Kept old = kept.get(target);
            if (old != null && old.zk().healthy() && old.requestTimeoutMs() >= requestTimeoutMs) {
                return false; // another operation kept one first; ours is the spare
            }
            if (old != null) {
                displaced.add(old.zk());
                kept.remove(target);
            }
            kept.put(target, new Kept(zk, server, container.get(), requestTimeoutMs));
            while (kept.size() > MAX_KEPT_SESSIONS) {
                Iterator<Map.Entry<ClientTarget, Kept>> oldest = kept.entrySet().iterator();
                displaced.add(oldest.next().getValue().zk());
                oldest.remove();
            }
        }
        displaced.forEach(this::closeInBackground);
        return true;
    }

    private void drop(ClientTarget target, Kept k) {
        boolean removed;
        synchronized (kept) {
            removed = kept.remove(target, k);
        }
        if (removed) {
            closeInBackground(k.zk());
        }
    }

    /**
     * Runs {@code call} on kept session {@code k}, bounded by {@code timeoutMs}. A failure that leaves the session in
     * doubt (connection loss, expiry, a request timeout, the operation's own timeout) drops it, so the next operation
     * opens a new one; the failure itself is reported as it happened, since the request may have reached the server.
     */
    private ClientResult onKept(String op, ClientTarget target, String path, long timeoutMs, Kept k, Call call) {
        Operation operation = new Operation(op, target, path, timeoutMs);
        return onWorker(
                operation,
                started -> {
                    try {
                        return call.apply(k.zk(), started);
                    } catch (KeeperException e) {
                        if (!APPLICATION_ERRORS.contains(e.code())) {
                            drop(target, k);
                        }
                        return operation.failed(e.code().name(), elapsedMs(started));
                    } catch (InterruptedException e) {
                        // onKept's caller cancelled this worker (time is up and it reports so); keep the flag set
                        Thread.currentThread().interrupt();
                        drop(target, k);
                        return operation.failed("interrupted", elapsedMs(started));
                    }
                },
                () -> drop(target, k));
    }

    private void closeInBackground(Session zk) {
        try {
            closers.execute(() -> {
                try {
                    zk.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            try {
                zk.close(); // the pool is gone (closing): close here, bounded by the request timeout
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ClientResult ack(
            String op,
            String path,
            Optional<String> value,
            OptionalLong zxid,
            ClientTarget target,
            Session zk,
            long startedNanos) {
        long latency = elapsedMs(startedNanos);
        synchronized (acked) {
            AckedWrite w = new AckedWrite(
                    acked.size(),
                    op,
                    path,
                    value,
                    zxid,
                    target.toString(),
                    server(zk),
                    System.currentTimeMillis(),
                    latency);
            acked.add(w);
            return new ClientResult.Acknowledged(w);
        }
    }

    /**
     * The zxid of a delete just acknowledged on this session: a delete's reply carries no Stat, but it sets the
     * parent's pzxid (the zxid of the last change to its children), and a read on the same session sees the session's
     * own writes (ZooKeeper's FIFO client order). A child created or deleted under the same parent by another client in
     * between would be read instead; zksim's own clients write one path at a time. Empty when the read fails.
     */
    private static OptionalLong deleteZxid(Session zk, String path) {
        int slash = path.lastIndexOf('/');
        String parent = slash <= 0 ? "/" : path.substring(0, slash);
        try {
            Stat parentStat = zk.exists(parent, false);
            return parentStat == null ? OptionalLong.empty() : OptionalLong.of(parentStat.getPzxid());
        } catch (KeeperException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    private String server(Session zk) {
        SocketAddress a = zk.remote();
        if (a instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return endpoints.podOf(isa.getAddress());
        }
        return "?";
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static long elapsedMs(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }

    /** Stops taking operations, closes every session (the kept ones too), and waits for the client threads to end. */
    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<Session> sessions;
            synchronized (kept) {
                closed = true;
                sessions = kept.values().stream().map(Kept::zk).toList();
                kept.clear();
            }
            sessions.forEach(this::closeInBackground);
            closers.shutdown();
            closers.awaitTermination(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closers.shutdownNow();
        Awaits.until(() -> scope.liveThreads().isEmpty(), CLOSE_TIMEOUT_MS, 10);
    }

    /** The id of the session kept for {@code target}, if one is (for tests of the reuse). */
    OptionalLong keptSessionId(ClientTarget target) {
        synchronized (kept) {
            Kept k = kept.get(target);
            return k == null ? OptionalLong.empty() : OptionalLong.of(k.zk().getSessionId());
        }
    }

    /** The client threads still alive (for the leak check). */
    List<String> liveThreads() {
        List<String> names = new ArrayList<>();
        scope.liveThreads().forEach(t -> names.add(t.getName()));
        Collections.sort(names);
        return names;
    }

    /**
     * ZooKeeper's client, with the address of the server its session is connected to, and whether it stayed connected
     * since it first connected.
     */
    @SuppressWarnings("try") // ZooKeeper.close() throws InterruptedException; it is never used in try-with-resources
    private static final class Session extends ZooKeeperAdmin {
        private final StateWatcher states;

        Session(String connect, CountDownLatch connected, ZKClientConfig config) throws IOException {
            this(connect, new StateWatcher(connected), config);
        }

        private Session(String connect, StateWatcher states, ZKClientConfig config) throws IOException {
            super(connect, SESSION_TIMEOUT_MS, states, config);
            this.states = states;
        }

        /** Connected now, and never disconnected, expired or closed since it first connected. */
        boolean healthy() {
            return !states.lost && getState() == States.CONNECTED;
        }

        SocketAddress remote() {
            return testableRemoteSocketAddress();
        }
    }

    /**
     * Counts down on the first SyncConnected; any later change of state ends the session's reuse for good. A
     * disconnected client would reconnect on its own, possibly to another server of its connect string, and a server
     * closes its clients' connections when it stops serving (QuorumPeer.closeAllConnections on leaving LEADING or
     * FOLLOWING), so "lost once" is how a kept session learns that its server stopped serving.
     */
    private static final class StateWatcher implements Watcher {
        private final CountDownLatch connected;
        private volatile boolean lost;

        StateWatcher(CountDownLatch connected) {
            this.connected = connected;
        }

        @Override
        public void process(org.apache.zookeeper.WatchedEvent e) {
            if (e.getType() != Event.EventType.None) {
                return;
            }
            if (e.getState() == Event.KeeperState.SyncConnected) {
                connected.countDown();
            } else {
                lost = true;
            }
        }
    }
}
