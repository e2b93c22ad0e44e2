package dev.zksim.model.k8s;

import dev.zksim.model.time.Scheduler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code kubectl drain} runs (k8s.io/kubectl/pkg/drain): cordon, then evict each pod on the node, retrying a refused
 * eviction every {@link ClusterTimings#drainRetryMs()}, then wait for the evicted pods to be gone, all within one
 * global timeout. Output lines follow kubectl's.
 */
final class Drains {
    private final ClusterState state;
    private final List<Run> running = new ArrayList<>();

    Drains(ClusterState state) {
        this.state = state;
    }

    NodeDrain start(String node, long timeoutMs) {
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException(
                    "drain timeout must be positive (every wait is bounded), got " + timeoutMs);
        }
        Run r = new Run(node, timeoutMs);
        r.begin();
        return r;
    }

    /** A pod object is gone: drains waiting for it may finish. */
    void podRemoved(PodObj p) {
        for (Run r : new ArrayList<>(running)) {
            r.removed(p);
        }
    }

    /** Go's time.Duration.String for whole milliseconds, as kubectl prints timeouts ({@code 2m0s}). */
    static String goDuration(long ms) {
        if (ms < 1000) {
            return ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        long sMs = ms % 60_000;
        String s = sMs % 1000 == 0
                ? Long.toString(sMs / 1000)
                : String.valueOf(sMs / 1000.0).replaceAll("0+$", "");
        if (h > 0) {
            return h + "h" + m + "m" + s + "s";
        }
        if (m > 0) {
            return m + "m" + s + "s";
        }
        return s + "s";
    }

    private final class Run implements NodeDrain {
        private final String node;
        private final long timeoutMs;
        private final long startedAtMs;
        private final String command;
        private DrainStatus status = DrainStatus.RUNNING;
        private boolean refusedByPdb;
        private String lastError;
        private final List<String> evicted = new ArrayList<>();
        private final List<String> output = new ArrayList<>();
        private long finishedAtMs = -1;
        /** Pods still to evict, by name, with the uid they had when the drain listed them. */
        private final TreeMap<String, String> toEvict = new TreeMap<>();
        /** Pods whose eviction was refused last time. */
        private final TreeMap<String, Boolean> refused = new TreeMap<>();
        /** Evicted pods not yet gone: uid → name. */
        private final Map<String, String> waiting = new LinkedHashMap<>();

        private Scheduler.Timer timeout;

        Run(String node, long timeoutMs) {
            this.node = node;
            this.timeoutMs = timeoutMs;
            this.startedAtMs = state.nowMs();
            this.command = "kubectl drain " + node + " --ignore-daemonsets --delete-emptydir-data --timeout="
                    + goDuration(timeoutMs);
        }

        void begin() {
            Optional<NodeObj> found = state.nodeObj(node);
            if (found.isEmpty()) {
                print(NodeLifecycle.notFound(node));
                lastError = NodeLifecycle.notFound(node);
                finish(DrainStatus.FAILED);
                return;
            }
            NodeObj n = found.get();
            if (n.unschedulable) {
                print("node/" + node + " already cordoned");
            } else {
                state.commands().setUnschedulable(n, true);
                print("node/" + node + " cordoned");
            }
            for (PodObj p : state.podsOn(node)) {
                toEvict.put(p.name, p.uid);
            }
            running.add(this);
            timeout = state.schedule(timeoutMs, "drain timeout " + node, this::timedOut);
            List<String> names = new ArrayList<>(toEvict.keySet());
            for (String name : names) {
                state.schedule(0, "evict " + name, () -> attempt(name, true));
            }
            state.schedule(0, "drain check " + node, this::checkDone);
        }

        private void attempt(String name, boolean first) {
            if (status != DrainStatus.RUNNING || !toEvict.containsKey(name)) {
                return;
            }
            String uid = toEvict.get(name);
            Optional<PodObj> p = state.podObj(name).filter(x -> x.uid.equals(uid));
            if (p.isEmpty()) {
                toEvict.remove(name); // gone by other means
                refused.remove(name);
                checkDone();
                return;
            }
            if (first) {
                print("evicting pod " + state.namespace() + "/" + name);
            }
            EvictionResult r = state.disruption().evict(name, null);
            switch (r.outcome()) {
                case EVICTED -> {
                    toEvict.remove(name);
                    refused.remove(name);
                    evicted.add(name);
                    waiting.put(uid, name);
                    if (state.podObj(name).filter(x -> x.uid.equals(uid)).isEmpty()) {
                        removedUid(uid); // went at once (never scheduled)
                    }
                }
                case REFUSED_BY_PDB -> {
                    refusedByPdb = true;
                    refused.put(name, true);
                    lastError = r.message();
                    print("error when evicting pods/\"" + name + "\" -n \"" + state.namespace()
                            + "\" (will retry after "
                            + goDuration(state.timings().drainRetryMs()) + "): " + r.message());
                    state.schedule(state.timings().drainRetryMs(), "evict retry " + name, () -> attempt(name, false));
                }
                case NOT_FOUND -> {
                    toEvict.remove(name);
                    refused.remove(name);
                }
            }
            checkDone();
        }

        void removed(PodObj p) {
            removedUid(p.uid);
        }

        private void removedUid(String uid) {
            String name = waiting.remove(uid);
            if (name != null && status == DrainStatus.RUNNING) {
                print("pod/" + name + " evicted");
                checkDone();
            }
        }

        private void checkDone() {
            if (status == DrainStatus.RUNNING && toEvict.isEmpty() && waiting.isEmpty()) {
                print("node/" + node + " drained");
                finish(DrainStatus.SUCCEEDED);
            }
        }

        private void timedOut() {
            if (status != DrainStatus.RUNNING) {
                return;
            }
            String limit = goDuration(timeoutMs);
            List<String> errors = new ArrayList<>();
            for (String name : toEvict.keySet()) {
                errors.add("error when evicting pods/\"" + name + "\" -n \"" + state.namespace()
                        + "\": global timeout reached: " + limit);
            }
            for (String name : waiting.values()) {
                errors.add("error when waiting for pod \"" + name + "\" in namespace \"" + state.namespace()
                        + "\" to terminate: global timeout reached: " + limit);
            }
            print("error: unable to drain node \"" + node + "\" due to error: " + String.join(", ", errors)
                    + ", continuing command...");
            print("There are pending nodes to be drained:");
            print(" " + node);
            if (!refused.isEmpty()) {
                lastError = EvictionResult.PDB_VIOLATION;
            } else if (!errors.isEmpty()) {
                lastError = errors.get(0);
            }
            finish(refused.isEmpty() ? DrainStatus.TIMED_OUT : DrainStatus.REFUSED_BY_PDB);
        }

        private void finish(DrainStatus s) {
            status = s;
            finishedAtMs = state.nowMs();
            running.remove(this);
            if (timeout != null) {
                timeout.cancel();
            }
        }

        private void print(String line) {
            output.add(line);
            state.output(command, true, List.of(line));
        }

        @Override
        public String node() {
            return node;
        }

        @Override
        public DrainStatus status() {
            return status;
        }

        @Override
        public boolean refusedByPdb() {
            return refusedByPdb;
        }

        @Override
        public Optional<String> lastError() {
            return Optional.ofNullable(lastError);
        }

        @Override
        public List<String> evictedPods() {
            return Collections.unmodifiableList(new ArrayList<>(evicted));
        }

        @Override
        public List<String> output() {
            return Collections.unmodifiableList(new ArrayList<>(output));
        }

        @Override
        public long startedAtMs() {
            return startedAtMs;
        }

        @Override
        public OptionalLong finishedAtMs() {
            return finishedAtMs < 0 ? OptionalLong.empty() : OptionalLong.of(finishedAtMs);
        }

        @Override
        public String toString() {
            return "drain " + node + " " + status + (lastError == null ? "" : " (" + lastError + ")");
        }
    }
}
