package dev.zksim.engine.real;

import dev.zksim.model.scenario.engine.ClusterEvent;
import dev.zksim.model.scenario.engine.Engine;
import dev.zksim.model.scenario.engine.EngineListener;
import dev.zksim.model.scenario.engine.PodView;
import dev.zksim.model.scenario.engine.ServerLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Carries listener calls from the threads that cause them (the control plane's driver thread, server threads) to the
 * runner's thread. The {@link Engine} contract delivers every callback on the runner's
 * thread, inside an engine call; in the real engine the control plane runs on its own thread all the time, so its
 * callbacks are queued here (in the order they happened) and handed over by {@link #deliver()}, which the engine calls
 * from the runner's thread while it waits and before it returns. At most {@link #MAX_QUEUED} calls wait; beyond that
 * the oldest are dropped and counted, so a runner that stopped listening cannot exhaust memory.
 */
final class ListenerRelay implements EngineListener {
    static final int MAX_QUEUED = 1_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Consumer<EngineListener>> queue = new ArrayDeque<>(); // guarded by lock
    private volatile EngineListener target = EngineListener.NONE;
    private long dropped; // guarded by lock

    /** Where {@link #deliver()} hands the calls (the runner's listener). */
    void setTarget(EngineListener listener) {
        this.target = listener;
    }

    private void enqueue(Consumer<EngineListener> call) {
        lock.lock();
        try {
            if (queue.size() >= MAX_QUEUED) {
                queue.poll();
                dropped++;
            }
            queue.add(call);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Hands every queued call to the target, in order; call only from the runner's thread. */
    void deliver() {
        List<Consumer<EngineListener>> batch;
        lock.lock();
        try {
            if (queue.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(queue);
            queue.clear();
        } finally {
            lock.unlock();
        }
        EngineListener l = target;
        batch.forEach(c -> c.accept(l));
    }

    /** Waits until a call is queued or {@code timeoutMs} wall milliseconds passed; returns at once if one is. */
    void awaitArrival(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            if (queue.isEmpty() && timeoutMs > 0) {
                arrived.await(timeoutMs, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Calls dropped because the queue was full (0 unless nobody delivered for a very long time). */
    long dropped() {
        lock.lock();
        try {
            return dropped;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void podChanged(long nowMs, PodView pod) {
        enqueue(l -> l.podChanged(nowMs, pod));
    }

    @Override
    public void podDeleted(long nowMs, PodView last) {
        enqueue(l -> l.podDeleted(nowMs, last));
    }

    @Override
    public void event(ClusterEvent event) {
        enqueue(l -> l.event(event));
    }

    @Override
    public void serverLog(ServerLog line) {
        enqueue(l -> l.serverLog(line));
    }

    @Override
    public void commandOutput(long nowMs, String command, String line) {
        enqueue(l -> l.commandOutput(nowMs, command, line));
    }
}
