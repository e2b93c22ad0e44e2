package dev.zksim.model.manifest;

import java.util.List;

/**
 * The ZooKeeper configuration {@code start-zookeeper} derives from its flags, every flag resolved to
 * its value or the script's default (kubernetes-zookeeper docker/scripts/start-zookeeper).
 *
 * @param servers {@code --servers}, ensemble size (default 1)
 * @param explicitFlags the flags that were given on the command line, in order, by name (without {@code --})
 */
public record ZkConfig(
        int servers,
        String dataDir,
        String dataLogDir,
        String logDir,
        String confDir,
        int clientPort,
        int electionPort,
        int serverPort,
        int tickTimeMs,
        int initLimit,
        int syncLimit,
        String heap,
        long heapBytes,
        int maxClientCnxns,
        int snapRetainCount,
        int purgeIntervalHours,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        String logLevel,
        List<String> explicitFlags) {

    public ZkConfig {
        explicitFlags = List.copyOf(explicitFlags);
    }
}
