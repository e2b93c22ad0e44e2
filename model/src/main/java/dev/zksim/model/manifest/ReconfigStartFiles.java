package dev.zksim.model.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * The two files {@link ReconfigStartCommand zk-reconfig-start} writes for one pod: the static {@code zoo.cfg}
 * (no member list: {@code reconfigEnabled=true}, {@code standaloneEnabled=false}, {@code dynamicConfigFile}) and the
 * dynamic config file as the pod's first start writes it, when the StatefulSet creates the pods in order
 * (OrderedReady) and each earlier pod has added itself: zk-0 bootstraps alone ({@code server.1}), zk-k starts with
 * the committed members {@code server.1..server.k} (as {@code zkCli.sh config} prints them) plus itself. After that
 * ZooKeeper owns the file: every committed reconfig writes {@code zoo.cfg.dynamic.<version>} and points
 * {@code dynamicConfigFile} at it (QuorumPeerConfig.writeDynamicConfig, QuorumPeer.processReconfig).
 *
 * @param staticCfg {@code <conf_dir>/zoo.cfg}, in the script's order
 * @param dynamicAtFirstStart {@code <conf_dir>/zoo.cfg.dynamic} at the pod's first start
 */
public record ReconfigStartFiles(ZooCfg staticCfg, ZooCfg dynamicAtFirstStart) {

    /** The files for pod {@code ordinal} of {@code spec}, whose container runs zk-reconfig-start. */
    public static ReconfigStartFiles forPod(EnsembleSpec spec, int ordinal, String clusterDomain) {
        ZkConfig zk = spec.statefulSet().template().container().zk();
        String dynamicPath = zk.confDir() + "/zoo.cfg.dynamic";
        List<ZooCfg.Entry> s = staticEntries(zk);
        String domain = spec.podDomain(clusterDomain);
        List<ZooCfg.Entry> d = new ArrayList<>();
        for (int i = 0; i <= ordinal; i++) {
            // committed members as zkCli.sh config prints them (the client address spelled out); the pod's own line
            // as the script writes it
            String client = i < ordinal ? ";0.0.0.0:" + zk.clientPort() : ";" + zk.clientPort();
            d.add(new ZooCfg.Entry(
                    "server." + (i + 1),
                    spec.podName(i) + "." + domain + ":" + zk.serverPort() + ":" + zk.electionPort() + ":participant"
                            + client));
        }
        return new ReconfigStartFiles(new ZooCfg(zk.confDir() + "/zoo.cfg", s), new ZooCfg(dynamicPath, d));
    }

    /** The static {@code zoo.cfg} the script writes, in its order (the same at every start). */
    public static List<ZooCfg.Entry> staticEntries(ZkConfig zk) {
        List<ZooCfg.Entry> s = new ArrayList<>();
        s.add(new ZooCfg.Entry("dataDir", zk.dataDir()));
        s.add(new ZooCfg.Entry("dataLogDir", zk.dataLogDir()));
        s.add(new ZooCfg.Entry("tickTime", Integer.toString(zk.tickTimeMs())));
        s.add(new ZooCfg.Entry("initLimit", Integer.toString(zk.initLimit())));
        s.add(new ZooCfg.Entry("syncLimit", Integer.toString(zk.syncLimit())));
        s.add(new ZooCfg.Entry("maxClientCnxns", Integer.toString(zk.maxClientCnxns())));
        s.add(new ZooCfg.Entry("minSessionTimeout", Integer.toString(zk.minSessionTimeoutMs())));
        s.add(new ZooCfg.Entry("maxSessionTimeout", Integer.toString(zk.maxSessionTimeoutMs())));
        s.add(new ZooCfg.Entry("autopurge.snapRetainCount", Integer.toString(zk.snapRetainCount())));
        s.add(new ZooCfg.Entry("autopurge.purgeInterval", Integer.toString(zk.purgeIntervalHours())));
        s.add(new ZooCfg.Entry("reconfigEnabled", "true"));
        s.add(new ZooCfg.Entry("standaloneEnabled", "false"));
        s.add(new ZooCfg.Entry("skipACL", "yes"));
        s.add(new ZooCfg.Entry("4lw.commands.whitelist", "ruok,srvr,stat,mntr,conf,envi"));
        s.add(new ZooCfg.Entry("admin.enableServer", "false"));
        s.add(new ZooCfg.Entry("dynamicConfigFile", zk.confDir() + "/zoo.cfg.dynamic"));
        return List.copyOf(s);
    }

    /** A file's text as the script writes it: one {@code key=value} line per entry, no header. */
    public static String render(ZooCfg file) {
        StringBuilder sb = new StringBuilder();
        for (ZooCfg.Entry x : file.entries()) {
            sb.append(x.key()).append('=').append(x.value()).append('\n');
        }
        return sb.toString();
    }
}
