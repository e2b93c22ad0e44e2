package dev.zksim.model.k8s;

import dev.zksim.model.manifest.StartZookeeperCommand;
import java.util.List;
import java.util.Optional;

/**
 * What the container's entrypoint does with its command before ZooKeeper runs: the kubernetes-zookeeper image's
 * {@code start-zookeeper} script parses its flags first and exits 1 on one it does not know ({@code Unknown option
 * --name}, see {@link StartZookeeperCommand}). A manifest with such a flag is refused when it is loaded, but
 * {@code kubectl patch} accepts any command, so a patched template can carry one: its containers then exit at once on
 * every start and the kubelet restarts them with CrashLoopBackOff. Both engines share this, so they agree.
 */
final class ContainerEntrypoint {
    /** start-zookeeper's exit code for an option it rejects ({@code exit 1} in its {@code *)} case). */
    static final int EXIT_CODE = 1;

    private ContainerEntrypoint() {}

    /** Why the command exits at start (what start-zookeeper prints), or empty when it starts ZooKeeper. */
    static Optional<String> exitAtStart(List<String> command) {
        try {
            Optional<List<String>> args = StartZookeeperCommand.arguments(command);
            if (args.isEmpty()) {
                return Optional.empty();
            }
            StartZookeeperCommand.parse(args.get());
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
