package dev.zksim.api;

import dev.zksim.model.explore.ExploreAction;
import dev.zksim.model.explore.ExploreAction.NodeTarget;
import dev.zksim.model.explore.ExploreAction.PodTarget;
import dev.zksim.model.manifest.VolumeClaimTemplate;
import dev.zksim.model.scenario.NetworkFault;
import dev.zksim.model.scenario.NodeRef;
import dev.zksim.model.scenario.PodRef;
import dev.zksim.model.scenario.Step;
import dev.zksim.model.scenario.WriteOp;
import dev.zksim.model.scenario.engine.NodeView;
import dev.zksim.model.scenario.engine.PodView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Turns an action of {@code zksim explore} into the scenario step that does the same on a {@link ZkOnKubernetes},
 * resolving its symbolic targets against the cluster now, as explore's world does (model/.../explore/ExploreWorld):
 * a target that does not exist now (no leader, no cordoned node) makes no step.
 */
final class ExploreSteps {
    private final ZkOnKubernetes zk;

    ExploreSteps(ZkOnKubernetes zk) {
        this.zk = zk;
    }

    Optional<Step> step(ExploreAction a) {
        Step.Origin at = ZkOnKubernetes.at();
        if (a instanceof ExploreAction.WaitAction w) {
            return Optional.of(new Step.WaitFor(at, w.durationMs()));
        } else if (a instanceof ExploreAction.DrainAction d) {
            return node(d.node()).map(n -> new Step.Drain(at, new NodeRef.NodeNamed(n), 5 * 60_000));
        } else if (a instanceof ExploreAction.CordonAction c) {
            return node(c.node()).map(n -> new Step.Cordon(at, new NodeRef.NodeNamed(n)));
        } else if (a instanceof ExploreAction.UncordonAction u) {
            return node(u.node()).map(n -> new Step.Uncordon(at, new NodeRef.NodeNamed(n)));
        } else if (a instanceof ExploreAction.FailNodeAction f) {
            return node(f.node()).map(n -> new Step.FailNode(at, new NodeRef.NodeNamed(n)));
        } else if (a instanceof ExploreAction.RecoverNodeAction r) {
            return node(r.node()).map(n -> new Step.RecoverNode(at, new NodeRef.NodeNamed(n)));
        } else if (a instanceof ExploreAction.DeletePodAction d) {
            return pod(d.pod())
                    .map(p -> new Step.DeletePod(
                            at,
                            new PodRef.Named(p),
                            d.force(),
                            d.force() ? OptionalLong.of(0) : OptionalLong.empty(),
                            true));
        } else if (a instanceof ExploreAction.KillProcessAction k) {
            return pod(k.pod()).map(p -> new Step.KillProcess(at, new PodRef.Named(p)));
        } else if (a instanceof ExploreAction.RollingUpdateAction r) {
            return Optional.of(
                    new Step.Patch(at, StatefulSetPatch.cpuMillis(r.cpuMillis()).spec()));
        } else if (a instanceof ExploreAction.RolloutUndoAction) {
            return Optional.of(new Step.RolloutUndo(at, OptionalInt.empty()));
        } else if (a instanceof ExploreAction.ScaleAction s) {
            return Optional.of(new Step.Scale(at, s.replicas()));
        } else if (a instanceof ExploreAction.WriteAction) {
            return Optional.of(
                    new Step.Write(at, Optional.empty(), WriteOp.CREATE, zk.nextWritePath(), "explore", 10_000));
        } else if (a instanceof ExploreAction.DeletePvcAction d) {
            List<VolumeClaimTemplate> t = zk.spec().statefulSet().volumeClaimTemplates();
            return t.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Step.DeletePvc(at, t.get(0).name() + "-" + ordinal(d.ordinal())));
        } else if (a instanceof ExploreAction.PartitionAction p) {
            TreeSet<String> group = new TreeSet<>();
            for (int o : p.ordinals()) {
                existing(ordinal(o)).ifPresent(group::add);
            }
            if (p.withLeader()) {
                zk.leader().ifPresent(group::add);
            }
            if (group.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> clients = p.clientsWith().isPresent()
                    ? existing(ordinal(p.clientsWith().getAsInt()))
                    : Optional.empty();
            List<SortedSet<String>> groups = new ArrayList<>();
            groups.add(group);
            return Optional.of(new Step.Fault(at, "partition", new NetworkFault.Partition(groups, clients)));
        } else if (a instanceof ExploreAction.IsolateAction i) {
            return pod(i.pod()).map(p -> new Step.Fault(at, "isolate", new NetworkFault.Isolate(p)));
        } else if (a instanceof ExploreAction.PartitionNodeAction p) {
            return node(p.node())
                    .map(n -> new Step.Fault(
                            at, "partition-node", new NetworkFault.PartitionNode(new NodeRef.NodeNamed(n))));
        } else if (a instanceof ExploreAction.PauseProcessAction p) {
            return pod(p.pod()).map(x -> new Step.Fault(at, "pause-process", new NetworkFault.Pause(x)));
        } else if (a instanceof ExploreAction.ResumeProcessAction p) {
            return pod(p.pod()).map(x -> new Step.Fault(at, "resume-process", new NetworkFault.Resume(x)));
        } else if (a instanceof ExploreAction.SlowLinkAction l) {
            Optional<String> to = existing(ordinal(l.toOrdinal()));
            return pod(l.from()).flatMap(from -> to.filter(t -> !t.equals(from))
                    .map(t -> new Step.Fault(
                            at, "slow-link", new NetworkFault.SlowLink(from, t, l.delayMs(), l.both()))));
        } else if (a instanceof ExploreAction.HealAction) {
            return Optional.of(new Step.Fault(at, "heal", new NetworkFault.Heal()));
        }
        throw new IllegalArgumentException("unknown explore action " + a);
    }

    private String ordinal(int o) {
        return zk.spec().statefulSet().name() + "-" + o;
    }

    private Optional<String> existing(String pod) {
        return zk.view().pod(pod).map(PodView::name);
    }

    private Optional<String> pod(PodTarget t) {
        if (t instanceof PodTarget.LeaderPod) {
            return zk.leader();
        } else if (t instanceof PodTarget.OrdinalPod o) {
            return existing(ordinal(o.ordinal()));
        } else if (t instanceof PodTarget.PausedPod) {
            return zk.view().pods().stream()
                    .map(PodView::name)
                    .filter(zk::isPaused)
                    .findFirst();
        } else if (t instanceof PodTarget.PodOnFailedNode) {
            List<String> failed = zk.view().nodes().stream()
                    .filter(n -> !n.ready())
                    .map(NodeView::name)
                    .toList();
            return zk.view().pods().stream()
                    .filter(p ->
                            p.node().isPresent() && failed.contains(p.node().get()))
                    .map(PodView::name)
                    .findFirst();
        }
        throw new IllegalArgumentException("unknown pod target " + t);
    }

    private Optional<String> node(NodeTarget t) {
        if (t instanceof NodeTarget.LeaderNode) {
            return zk.leader().flatMap(p -> zk.view().pod(p)).flatMap(PodView::node);
        } else if (t instanceof NodeTarget.OrdinalNode o) {
            return zk.view().pod(ordinal(o.ordinal())).flatMap(PodView::node);
        } else if (t instanceof NodeTarget.NthNode n) {
            List<String> names =
                    zk.view().nodes().stream().map(NodeView::name).sorted().toList();
            return names.isEmpty() ? Optional.empty() : Optional.of(names.get(Math.floorMod(n.index(), names.size())));
        } else if (t instanceof NodeTarget.CordonedNode) {
            return zk.firstNode(NodeView::cordoned);
        } else if (t instanceof NodeTarget.FailedNode) {
            return zk.firstNode(n -> !n.ready());
        } else if (t instanceof NodeTarget.NamedNode n) {
            return zk.view().node(n.name()).map(NodeView::name);
        }
        throw new IllegalArgumentException("unknown node target " + t);
    }
}
