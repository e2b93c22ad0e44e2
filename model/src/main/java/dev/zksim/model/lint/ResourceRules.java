package dev.zksim.model.lint;

import dev.zksim.model.manifest.ContainerSpec;
import java.util.List;

/** The JVM heap ({@code --heap}, start-zookeeper's -Xmx) against the container's memory request. */
final class ResourceRules {
    /**
     * Above this share of the request, the JVM's non-heap memory (metaspace, thread stacks, direct buffers, GC
     * structures; typically a few hundred MiB) no longer fits in what the scheduler reserved.
     */
    static final double HEAP_SHARE_WARNING = 0.9;

    private ResourceRules() {}

    static List<LintRule> all() {
        return List.of(new HeapExceedsMemoryRequest(), new MemoryRequestMissing());
    }

    /**
     * {@code heap-exceeds-memory-request}: the request is what the scheduler reserves on the node. A heap above
     * it (ERROR) or within 10% of it (WARNING) means the process uses more than reserved: nodes are
     * overcommitted, under memory pressure the kubelet evicts pods whose usage exceeds their requests first, and
     * a memory limit at the request OOM-kills the container. ZooKeeper's admin guide: never let ZooKeeper swap.
     * See https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/ ("Pod selection for kubelet
     * eviction") and https://zookeeper.apache.org/doc/r3.9.4/zookeeperAdmin.html#sc_zkMulitServerSetup
     */
    static final class HeapExceedsMemoryRequest extends AbstractRule {
        HeapExceedsMemoryRequest() {
            super(
                    "heap-exceeds-memory-request",
                    Severity.ERROR,
                    "A JVM heap larger than (or nearly as large as) the memory request overcommits the node: the pod"
                            + " is first in line for eviction under memory pressure, or OOM-killed at a limit.",
                    "https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/"
                            + "#pod-selection-for-kubelet-eviction");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            ContainerSpec c = ctx.spec().statefulSet().template().container();
            long request = c.requests().memoryBytes();
            long heap = c.zk().heapBytes();
            if (request <= 0 || heap <= 0) {
                return List.of();
            }
            String memoryPath = ctx.containerPath() + ".resources.requests.memory";
            String heapText = "--heap=" + c.zk().heap() + " (" + Units.bytes(heap) + ")";
            String fix = "Request at least max(2 GiB, 1.5 × heap) of memory (here "
                    + Units.bytes(Math.max(2L << 30, heap + heap / 2))
                    + "), or lower --heap to about two thirds of the request.";
            if (heap > request) {
                return List.of(ctx.atStatefulSet(
                        this,
                        Severity.ERROR,
                        memoryPath,
                        heapText + " is larger than the memory request of " + Units.bytes(request) + ": the JVM alone"
                                + " uses more than the scheduler reserves on the node, so nodes are overcommitted;"
                                + " under memory pressure the kubelet evicts this pod first (usage above request), and"
                                + " with a memory limit at the request the container is OOM-killed (exit 137) as the"
                                + " heap fills.",
                        fix));
            }
            if (heap > HEAP_SHARE_WARNING * request) {
                return List.of(ctx.atStatefulSet(
                        this,
                        Severity.WARNING,
                        memoryPath,
                        heapText + " is " + Math.round(100.0 * heap / request) + "% of the memory request of "
                                + Units.bytes(request) + ": the JVM's non-heap memory (metaspace, thread stacks,"
                                + " buffers) pushes the process above its request, so it is first in line for"
                                + " eviction under node memory pressure, and OOM-killed at a limit equal to the"
                                + " request.",
                        fix));
            }
            return List.of();
        }
    }

    /**
     * {@code memory-request-missing}: without a memory request the scheduler reserves nothing for the JVM heap
     * and the pod is among the first evicted under node memory pressure.
     * See https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/ ("How Pods with resource
     * requests are scheduled")
     */
    static final class MemoryRequestMissing extends AbstractRule {
        MemoryRequestMissing() {
            super(
                    "memory-request-missing",
                    Severity.WARNING,
                    "Without a memory request nothing is reserved for the JVM heap: nodes are overcommitted and"
                            + " ZooKeeper is evicted early under memory pressure.",
                    "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/"
                            + "#how-pods-with-resource-requests-are-scheduled");
        }

        @Override
        public List<Finding> check(LintContext ctx) {
            ContainerSpec c = ctx.spec().statefulSet().template().container();
            if (c.requests().memoryBytes() > 0) {
                return List.of();
            }
            return List.of(ctx.atStatefulSet(
                    this,
                    severity(),
                    ctx.containerPath() + ".resources",
                    "The ZooKeeper container requests no memory, but its JVM takes --heap=" + c.zk().heap() + " ("
                            + Units.bytes(c.zk().heapBytes()) + "): the scheduler reserves nothing for it, so nodes"
                            + " get overcommitted and, under memory pressure, the kubelet evicts ZooKeeper among the"
                            + " first pods, several servers at once if they share the pressure.",
                    "Set resources.requests.memory to at least max(2 GiB, 1.5 × heap); the tutorial uses 1Gi with"
                            + " --heap=512M."));
        }
    }
}
