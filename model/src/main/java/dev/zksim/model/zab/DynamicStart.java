package dev.zksim.model.zab;

import java.util.Objects;

/**
 * How a server started from a dynamic configuration is set up: what the reconfig manifest's start script writes into
 * zoo.cfg ({@code reconfigEnabled}, {@code standaloneEnabled}) and the member list it writes into the dynamic config
 * file (the ensemble's committed config plus this server, or the newest file on the volume, or this server alone).
 *
 * @param config the initial member list (version 0 when the file carries none)
 * @param reconfigEnabled zoo.cfg's {@code reconfigEnabled}: whether a leader accepts {@code reconfig}
 * @param standaloneEnabled zoo.cfg's {@code standaloneEnabled}: with one voter and true, the server runs standalone
 *     (ZooKeeperServerMain, which can never grow); false keeps it a QuorumPeer
 */
public record DynamicStart(DynamicConfig config, boolean reconfigEnabled, boolean standaloneEnabled) {

    public DynamicStart {
        Objects.requireNonNull(config, "config");
    }

    /** The same settings with another member list. */
    public DynamicStart withConfig(DynamicConfig c) {
        return new DynamicStart(c, reconfigEnabled, standaloneEnabled);
    }
}
