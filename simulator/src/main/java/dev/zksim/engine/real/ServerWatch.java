package dev.zksim.engine.real;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Samples the servers every {@link #PERIOD_MS} wall milliseconds and records when the leader and write availability
 * changed: the leader lane and the writes band of the report, and the "writes unavailable" fact. A sample reads the
 * servers' own state in process (what {@code srvr} would print), so it costs microseconds and no socket.
 *
 * <p>Thread-safe. Changes are kept in order; at most {@link #MAX_CHANGES} are kept (later ones are counted, not kept),
 * which a run reaches only if the leader flapped every sample for hours.
 */
final class ServerWatch implements AutoCloseable {
    static final long PERIOD_MS = 10;
    static final int MAX_CHANGES = 100_000;

    /**
     * What the servers said at one instant.
     *
     * @param leader the pod whose server leads and serves, when exactly one does
     * @param epoch the leader's epoch (the high 32 bits of its last zxid), 0 without a leader
     * @param writable whether a write through the client Service would be acknowledged (see
     *     {@link RealBackend#writable()})
     */
    record Sample(Optional<String> leader, long epoch, boolean writable) {
        static final Sample NONE = new Sample(Optional.empty(), 0, false);
    }

    /** A sample that differs from the one before, at engine time {@code engineMs} and wall time {@code wallNanos}. */
    record Change(long engineMs, long wallNanos, Sample sample) {}

    private final Supplier<Sample> sampler;
    private final LongSupplier engineNowMs;
    private final ScheduledExecutorService timer;
    private final List<Change> changes = new ArrayList<>(); // guarded by this
    private Sample last = Sample.NONE; // guarded by this
    private long droppedChanges; // guarded by this

    ServerWatch(Supplier<Sample> sampler, LongSupplier engineNowMs) {
        this.sampler = sampler;
        this.engineNowMs = engineNowMs;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zksim-server-watch");
            t.setDaemon(true);
            return t;
        });
        synchronized (this) {
            changes.add(new Change(engineNowMs.getAsLong(), System.nanoTime(), Sample.NONE));
        }
        timer.scheduleAtFixedRate(this::sampleNow, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    /** Takes a sample now (the timer does every {@link #PERIOD_MS}); returns it. */
    Sample sampleNow() {
        Sample s;
        try {
            s = sampler.get();
        } catch (RuntimeException e) {
            s = Sample.NONE; // a runtime that is closing answers nothing; the next sample tells
        }
        record(s, engineNowMs.getAsLong(), System.nanoTime());
        return s;
    }

    private synchronized void record(Sample s, long engineMs, long wallNanos) {
        if (s.equals(last)) {
            return;
        }
        last = s;
        if (changes.size() >= MAX_CHANGES) {
            droppedChanges++;
            return;
        }
        changes.add(new Change(engineMs, wallNanos, s));
    }

    /** The latest sample. */
    synchronized Sample last() {
        return last;
    }

    /** Every change so far, in order (the first is "nothing" at the watch's start). */
    synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Wall milliseconds in [{@code fromNanos}, {@code toNanos}] during which writes were unavailable. */
    synchronized long unavailableWallMs(long fromNanos, long toNanos) {
        long total = 0;
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (c.sample().writable()) {
                continue;
            }
            long start = Math.max(c.wallNanos(), fromNanos);
            long end = Math.min(i + 1 < changes.size() ? changes.get(i + 1).wallNanos() : toNanos, toNanos);
            if (end > start) {
                total += end - start;
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(total);
    }

    /** Who led when, in engine time, up to {@code endMs}: label {@code zk-2 (epoch 2)}; gaps without a leader. */
    synchronized List<TimeSpan> leaderSpans(long endMs) {
        List<TimeSpan> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (c.sample().leader().isEmpty()) {
                continue;
            }
            long end = i + 1 < changes.size() ? changes.get(i + 1).engineMs() : Math.max(endMs, c.engineMs());
            String label = c.sample().leader().get() + " (epoch " + c.sample().epoch() + ")";
            if (!out.isEmpty()
                    && out.get(out.size() - 1).label().equals(label)
                    && out.get(out.size() - 1).endMs() == c.engineMs()) {
                TimeSpan prev = out.remove(out.size() - 1);
                out.add(new TimeSpan(prev.startMs(), end, label));
            } else {
                out.add(new TimeSpan(c.engineMs(), end, label));
            }
        }
        return out;
    }

    /** When writes were available, in engine time, up to {@code endMs}. */
    synchronized List<TimeSpan> writableSpans(long endMs) {
        List<TimeSpan> out = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (!c.sample().writable()) {
                continue;
            }
            long end = i + 1 < changes.size() ? changes.get(i + 1).engineMs() : Math.max(endMs, c.engineMs());
            if (!out.isEmpty() && out.get(out.size() - 1).endMs() == c.engineMs()) {
                TimeSpan prev = out.remove(out.size() - 1);
                out.add(new TimeSpan(prev.startMs(), end, ""));
            } else {
                out.add(new TimeSpan(c.engineMs(), end, ""));
            }
        }
        return out;
    }

    /** Stops sampling and waits (bounded) for a sample in progress. Idempotent. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
