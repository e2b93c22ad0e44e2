package dev.zksim.model.scenario.engine;

import dev.zksim.model.manifest.EnsembleSpec;
import java.util.Collections;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.function.BooleanSupplier;

/**
 * A simulated cluster the {@link dev.zksim.model.scenario.run.ScenarioRunner} drives: the Kubernetes control plane,
 * its clock, and optionally a ZooKeeper backend. The model engine runs in virtual time (it owns a
 * {@link dev.zksim.model.time.VirtualScheduler}); the real engine binds the same control plane to wall time and runs
 * real servers.
 *
 * <p>Contract:
 * <ul>
 *   <li>Single thread of control: the runner calls one method at a time; listener callbacks happen on that thread,
 *   inside {@link #advance}, {@link #awaitCondition}, ZooKeeper operations, or the action that caused them.</li>
 *   <li>Actions return at once, like kubectl: they change desired state and record events; what follows (pods
 *   terminating, being scheduled, becoming Ready) happens only while time advances. An action the API server would
 *   refuse throws {@link EngineRejection} with kubectl's message and changes nothing.</li>
 *   <li>Time advances only in {@link #advance}, {@link #awaitCondition} and the ZooKeeper client's operations, and
 *   every one of them is bounded.</li>
 *   <li>Deterministic engines produce the same listener calls and views for the same setup and calls.</li>
 * </ul>
 */
public interface Engine extends AutoCloseable {

    /** {@code model} or {@code real}. */
    String name();

    /**
     * Why this engine cannot run a scenario on {@code spec}, refused (exit 2) before anything runs; empty when it can.
     * Both engines run every manifest zksim reads, zookeeper-reconfig.yaml included (its start script and preStop hook
     * are acted out by each runtime), and so does {@code zksim explore}.
     */
    default Optional<String> cannotRun(EnsembleSpec spec) {
        return Optional.empty();
    }

    /** Engine time in milliseconds since the engine started. */
    long nowMs();

    /** Receives every pod change and event from now on (replaces the previous listener). */
    void setListener(EngineListener listener);

    /** The cluster now. */
    ClusterView view();

    /** The spec of the StatefulSet as applied now (after patches and undos), or empty when none exists. */
    Optional<EnsembleSpec> appliedSpec();

    // ------------------------------------------------------------------ time

    /** Lets {@code durationMs} of engine time pass. */
    void advance(long durationMs);

    /**
     * Lets time pass until {@code condition} holds (checked now, then after every change) or {@code timeoutMs} has
     * passed; returns whether it holds. On false the clock stands at the deadline.
     */
    boolean awaitCondition(BooleanSupplier condition, long timeoutMs);

    // ------------------------------------------------------------------ Kubernetes actions (return at once)

    /** {@code kubectl apply}: creates or updates the Services, the PDB and the StatefulSet of {@code spec}. */
    void apply(EnsembleSpec spec);

    /**
     * {@code kubectl delete statefulset NAME}: pods go (highest ordinal first), PVCs stay unless the retention says
     * Delete.
     */
    void deleteStatefulSet(String name);

    /**
     * {@code kubectl delete pod}: graceful with the pod's grace period, or {@code gracePeriodMs}; with {@code force}
     * the object is removed at once, whatever its node says.
     */
    void deletePod(String pod, boolean force, OptionalLong gracePeriodMs);

    /** {@code kubectl delete pvc}: gone once no pod uses it (kubernetes.io/pvc-protection). */
    void deletePvc(String pvc);

    void cordon(String node);

    void uncordon(String node);

    /** Starts {@code kubectl drain NODE --timeout}; returns the drain's id for {@link ClusterView#drain(int)}. */
    int drain(String node, long timeoutMs);

    /** The node stops: its kubelet goes silent and its containers die. */
    void failNode(String node);

    /** A failed node comes back. */
    void recoverNode(String node);

    /** {@code kubectl rollout undo}: to the previous revision, or to {@code toRevision}. */
    void rolloutUndo(OptionalInt toRevision);

    /** {@code kubectl scale --replicas}. */
    void scale(int replicas);

    /** The pod's container process dies (exit code 137); the kubelet restarts it per restartPolicy. */
    void killProcess(String pod);

    /** The pod's liveness (and readiness) probe fails from now until its container restarts. */
    void failLiveness(String pod);

    /**
     * Injects a network or process fault ({@link dev.zksim.model.scenario.NetworkFault}); returns at once with a note
     * for the output (e.g. "nothing to heal"), or empty. Engines without a ZooKeeper network refuse.
     */
    default String networkFault(dev.zksim.model.scenario.NetworkFault fault) {
        throw new EngineRejection("this engine has no pod network to inject '" + fault.describe() + "' into");
    }

    // ------------------------------------------------------------------ ZooKeeper and facts

    /** The ZooKeeper backend, when this engine has one. */
    Optional<ZooKeeperClient> zooKeeper();

    /**
     * Engine-specific facts measured during the last step, for the JSON result (the real engine: wall time, election
     * time reported by ZooKeeper). Must be deterministic for deterministic engines.
     */
    default SortedMap<String, String> factsAfterStep() {
        return Collections.emptySortedMap();
    }

    /** Stops everything the engine started; idempotent. */
    @Override
    void close();
}
