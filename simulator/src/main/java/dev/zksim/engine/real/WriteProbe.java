package dev.zksim.engine.real;

import dev.zksim.model.scenario.engine.ClientTarget;
import dev.zksim.runtime.ClientResult;
import dev.zksim.runtime.ZkClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Measures "disruption → first acknowledged write" with probe writes.
 *
 * <p>Definition. A <em>disruption</em> is the kubelet stopping (SIGTERM) or killing (SIGKILL, node failure, forced
 * deletion) a pod's running ZooKeeper container while the StatefulSet exists; its instant is the moment the kubelet
 * asks the runtime to stop the container (before the server is down). From that instant a probe thread writes
 * {@value #PATH} (setData, or create when missing) through the client Service, each attempt going only to servers
 * that {@code srvr} reports serving and opening a fresh client session, as a client that lost its server would; the
 * measurement is the wall time from the disruption to the first acknowledgement. Further disruptions while a probe is
 * still waiting join it (one outage). A probe gives up after {@link #MAX_PROBE_MS}, and is abandoned (no number) when
 * the StatefulSet is deleted or the engine closes. Stopping a follower costs nothing but the probe's own write
 * (a few milliseconds); stopping the leader costs an election plus the new leader's synchronisation.
 *
 * <p>The probe path is excluded from the scenario's lost-write checks; its writes are ordinary acknowledged writes
 * otherwise. No probe runs while the StatefulSet is deleted (from {@code delete-statefulset} to the next
 * {@code apply}), so a probe never writes into an ensemble re-created on emptied volumes.
 */
final class WriteProbe implements AutoCloseable {
    /** The znode the probe writes. */
    static final String PATH = "/zksim-probe";
    /** A probe that has seen no acknowledgement after this long gives up. */
    static final long MAX_PROBE_MS = 120_000;
    /** One attempt (wait for a serving server, then one write) is bounded by this, so a cancel is seen quickly. */
    private static final long ATTEMPT_MS = 1_000;

    private final Supplier<Optional<ZkClients>> clients;
    private final Supplier<Optional<ClientTarget>> target;
    private final LongSupplier engineNowMs;
    private final ExecutorService thread;
    // guarded by this
    private boolean enabled = true;
    private boolean closed;
    private Episode running;
    private int episodes;
    private final List<ProbeResult> finished = new ArrayList<>();
    private int handedOut;

    WriteProbe(
            Supplier<Optional<ZkClients>> clients, Supplier<Optional<ClientTarget>> target, LongSupplier engineNowMs) {
        this.clients = clients;
        this.target = target;
        this.engineNowMs = engineNowMs;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "zksim-write-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes run only while enabled; disabling abandons the probe in progress. */
    synchronized void setEnabled(boolean on) {
        enabled = on;
        if (!on && running != null) {
            running.cancelled = true;
        }
    }

    /** The kubelet is about to stop or kill {@code pod}'s container; called on the control plane's thread. */
    synchronized void disrupted(String pod, String how, boolean wasLeader) {
        if (!enabled || closed) {
            return;
        }
        String what = pod + " " + how + (wasLeader ? " (leader)" : "");
        if (running != null && !running.done) {
            running.disruptions.add(what);
            running.leader |= wasLeader;
            return;
        }
        Episode e = new Episode(++episodes, System.nanoTime(), engineNowMs.getAsLong(), what, wasLeader);
        running = e;
        try {
            thread.execute(() -> run(e));
        } catch (RejectedExecutionException ex) {
            running = null; // closing
        }
    }

    private void run(Episode e) {
        long deadline = e.startNanos + TimeUnit.MILLISECONDS.toNanos(MAX_PROBE_MS);
        String note = "gave up after " + MAX_PROBE_MS / 1000 + " s without an acknowledged write";
        OptionalLong ms = OptionalLong.empty();
        int attempt = 0;
        while (System.nanoTime() < deadline) {
            if (e.cancelled || Thread.currentThread().isInterrupted()) {
                note = "abandoned (StatefulSet deleted or run ended) before a write was acknowledged";
                break;
            }
            Optional<ZkClients> c = clients.get();
            Optional<ClientTarget> t = target.get();
            if (c.isEmpty() || t.isEmpty()) {
                note = "no ensemble to write to";
                break;
            }
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            ClientResult r = c.get()
                    .whenServing(
                            ZkClients.Op.WRITE,
                            t.get(),
                            PATH,
                            "probe " + e.number + "." + ++attempt,
                            Math.max(1, Math.min(ATTEMPT_MS, left)));
            if (r instanceof ClientResult.Acknowledged a) {
                ms = OptionalLong.of(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - e.startNanos));
                note = "zxid 0x" + Long.toHexString(a.write().zxid().orElse(0)) + " via "
                        + a.write().server() + " (attempt " + attempt + ")";
                break;
            }
        }
        synchronized (this) {
            e.done = true;
            finished.add(new ProbeResult(
                    e.number,
                    e.startEngineMs,
                    List.copyOf(e.disruptions),
                    e.leader,
                    ms,
                    engineNowMs.getAsLong(),
                    note));
            if (running == e) {
                running = null;
            }
        }
    }

    /** Probes finished since the last call. */
    synchronized List<ProbeResult> drainFinished() {
        List<ProbeResult> out = List.copyOf(finished.subList(handedOut, finished.size()));
        handedOut = finished.size();
        return out;
    }

    /** Every finished probe so far. */
    synchronized List<ProbeResult> results() {
        return List.copyOf(finished);
    }

    /** Abandons the probe in progress and waits (bounded) for the probe thread to end. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (running != null) {
                running.cancelled = true;
            }
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(ATTEMPT_MS * 5, TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                thread.awaitTermination(ATTEMPT_MS * 5, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class Episode {
        final int number;
        final long startNanos;
        final long startEngineMs;
        final List<String> disruptions = new ArrayList<>(); // guarded by the probe
        boolean leader; // guarded by the probe
        volatile boolean cancelled;
        volatile boolean done;

        Episode(int number, long startNanos, long startEngineMs, String first, boolean leader) {
            this.number = number;
            this.startNanos = startNanos;
            this.startEngineMs = startEngineMs;
            this.disruptions.add(first);
            this.leader = leader;
        }
    }
}
