package dev.zksim.model.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A network or process fault a scenario injects, the same in both engines (docs/scenarios.md, "Network faults").
 * Links are directed and TCP connections are never closed by a fault except {@link DropLink}: a partition, a paused
 * process or a slow link leaves every socket open, as a dead path does in a cluster, and ZooKeeper notices by its own
 * time-outs. The clients (the scenario's client, the Services' traffic) are one more end: {@link #CLIENTS}.
 */
public sealed interface NetworkFault {
    /** The end that stands for the clients outside the pods. */
    String CLIENTS = "clients";

    /** One line for the output, e.g. {@code isolate zk-1}. */
    String describe();

    /** The pods this fault names (for the check that they exist). */
    List<String> pods();

    /** A fault on one pod: {@code isolate}, {@code pause-process}, {@code resume-process}. */
    sealed interface OnePod extends NetworkFault {
        String pod();

        @Override
        default List<String> pods() {
            return List.of(pod());
        }
    }

    /** Groups of pods as a partition keeps them: each one sorted, and none can change afterwards. */
    private static List<SortedSet<String>> frozen(List<SortedSet<String>> groups) {
        List<SortedSet<String>> copy = new ArrayList<>();
        groups.forEach(g -> copy.add(Collections.unmodifiableSortedSet(new TreeSet<>(g))));
        return List.copyOf(copy);
    }

    /**
     * {@code partition: {groups: [[zk-0], [zk-1, zk-2]], clients: zk-1}}: no traffic between groups; pods not listed
     * form one more group. The clients sit with the group of {@code clientsWith}, by default with the largest group
     * (counting the group of pods not listed; the first on a tie).
     */
    record Partition(List<SortedSet<String>> groups, Optional<String> clientsWith) implements NetworkFault {
        public Partition {
            groups = frozen(groups);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("partition");
            for (SortedSet<String> g : groups) {
                sb.append(" [").append(String.join(", ", g)).append(']');
            }
            clientsWith.ifPresent(c -> sb.append(" (clients with ").append(c).append(')'));
            return sb.toString();
        }

        public List<String> pods() {
            List<String> all = new ArrayList<>();
            groups.forEach(all::addAll);
            clientsWith.ifPresent(all::add);
            return all;
        }
    }

    /** {@code isolate: zk-1}: the pod is cut from every other pod and from the clients. */
    record Isolate(String pod) implements OnePod {
        public String describe() {
            return "isolate " + pod;
        }
    }

    /**
     * {@code partition-node: node-1}: the pods bound to the node at this instant are cut from all others and the
     * clients.
     */
    record PartitionNode(NodeRef node) implements NetworkFault {
        public String describe() {
            return "partition-node " + node;
        }

        public List<String> pods() {
            return node instanceof NodeRef.NodeOf n ? List.of(n.pod()) : List.of();
        }
    }

    /** {@code heal}: partitions, slow and dropped links are gone (not paused processes: see {@link Resume}). */
    record Heal() implements NetworkFault {
        public String describe() {
            return "heal";
        }

        public List<String> pods() {
            return List.of();
        }
    }

    /**
     * {@code pause-process: zk-1}: the JVM freezes (SIGSTOP, a long GC): sockets open, nothing answered, on every port.
     */
    record Pause(String pod) implements OnePod {
        public String describe() {
            return "pause-process " + pod;
        }
    }

    /** {@code resume-process: zk-1}: the frozen JVM runs again. */
    record Resume(String pod) implements OnePod {
        public String describe() {
            return "resume-process " + pod;
        }
    }

    /** {@code slow-link: {from: zk-0, to: zk-1, delay: 50ms, both: true}}: every byte on the link arrives late. */
    record SlowLink(String from, String to, long delayMs, boolean both) implements NetworkFault {
        public String describe() {
            return "slow-link " + from + (both ? " <-> " : " -> ") + to + " " + delayMs + "ms";
        }

        public List<String> pods() {
            return List.of(from, to);
        }
    }

    /** {@code drop-link: {from: zk-0, to: zk-1, both: true}}: the link's connections close and new ones are refused. */
    record DropLink(String from, String to, boolean both) implements NetworkFault {
        public String describe() {
            return "drop-link " + from + (both ? " <-> " : " -> ") + to;
        }

        public List<String> pods() {
            return List.of(from, to);
        }
    }

    /**
     * What every partition becomes once the engine knows the pods: disjoint groups of pods (every other pod in a group
     * of its own kind: the last one) and the index of the clients' group.
     */
    record Cut(List<SortedSet<String>> groups, int clientGroup) implements NetworkFault {
        public Cut {
            groups = frozen(groups);
        }

        public String describe() {
            StringBuilder sb = new StringBuilder("partition");
            for (int i = 0; i < groups.size(); i++) {
                sb.append(" [").append(String.join(", ", groups.get(i)));
                if (i == clientGroup) {
                    sb.append(groups.get(i).isEmpty() ? "clients" : ", clients");
                }
                sb.append(']');
            }
            return sb.toString();
        }

        public List<String> pods() {
            List<String> all = new ArrayList<>();
            groups.forEach(all::addAll);
            return all;
        }
    }
}
