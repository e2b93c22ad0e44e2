package dev.zksim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zksim.model.InvalidInputException;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.LoadedManifest;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.ManifestProblem;
import dev.zksim.model.manifest.PodIdentity;
import dev.zksim.model.manifest.ReconfigStartCommand;
import dev.zksim.model.manifest.ReconfigStartFiles;
import dev.zksim.model.manifest.ZooCfg;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zksim config MANIFEST --pod zk-1}: what one pod of the StatefulSet sees, shown the way the Kubernetes
 * tutorial inspects it with {@code kubectl exec}: its hostname, FQDN, {@code myid} and the {@code zoo.cfg} that
 * {@code start-zookeeper} writes. Nothing is started; the answer comes from the manifest alone.
 */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = {
            "Shows what a pod of the manifest's StatefulSet sees: hostname, FQDN, myid and the zoo.cfg"
                    + " start-zookeeper generates for it.",
            "Exit codes: 0 ok, 2 bad input (unreadable manifest, no such pod)."
        })
public final class ConfigCommand implements Callable<Integer> {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MANIFEST", description = "The Kubernetes manifest (multi-document YAML).")
    Path manifest;

    @Option(names = "--pod", required = true, paramLabel = "POD", description = "The pod, e.g. zk-1.")
    String pod;

    @Option(
            names = {"-n", "--namespace"},
            paramLabel = "NS",
            description = "Namespace the manifest is applied to (default: its metadata.namespace, else default).")
    String namespace;

    @Option(
            names = "--cluster-domain",
            paramLabel = "DOMAIN",
            defaultValue = EnsembleSpec.DEFAULT_CLUSTER_DOMAIN,
            description = "The cluster's DNS domain (default: ${DEFAULT-VALUE}).")
    String clusterDomain;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (namespace != null && (!DNS_LABEL.matcher(namespace).matches() || namespace.length() > 63)) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--namespace",
                    "'" + namespace + "' is not a namespace name"
                            + " (lowercase letters, digits and '-', at most 63 characters).");
        }
        if (!DOMAIN.matcher(clusterDomain).matches()) {
            throw new InvalidInputException(
                    null,
                    0,
                    "--cluster-domain",
                    "'" + clusterDomain + "' is not a DNS" + " domain (e.g. cluster.local).");
        }
        LoadedManifest loaded = ManifestLoader.load(manifest);
        EnsembleSpec ensemble =
                namespace == null ? loaded.spec() : loaded.spec().inNamespace(namespace);
        PodIdentity id;
        try {
            id = PodIdentity.forPod(ensemble, pod, clusterDomain);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(manifest.toString(), 0, e.field(), e.problem(), e);
        }
        ZooCfg cfg = ZooCfg.generate(ensemble, clusterDomain);
        PrintWriter err = spec.commandLine().getErr();
        for (ManifestProblem p : loaded.problems()) {
            err.println("zksim: warning: " + manifest + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.path() + ": "
                    + p.message());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? json(ensemble, id, cfg, loaded) : text(ensemble, id, cfg));
        out.flush();
        return Main.OK;
    }

    /** Whether the pods run k8s-manifests/zookeeper-reconfig.yaml's start script (members by dynamic reconfig). */
    private static boolean reconfig(EnsembleSpec ensemble) {
        return ReconfigStartCommand.runs(
                ensemble.statefulSet().template().container().command());
    }

    private String text(EnsembleSpec ensemble, PodIdentity id, ZooCfg cfg) {
        String exec =
                "$ kubectl exec " + (ensemble.namespace().equals("default") ? "" : "-n " + ensemble.namespace() + " ")
                        + id.podName() + " -- ";
        StringBuilder sb = new StringBuilder();
        sb.append(exec).append("hostname\n").append(id.hostname()).append("\n\n");
        sb.append(exec).append("hostname -f\n").append(id.fqdn()).append("\n\n");
        sb.append(exec).append("cat ").append(id.myidPath()).append('\n');
        if (id.myidFileWritten()) {
            sb.append(id.myid()).append('\n');
        } else {
            sb.append("cat: ")
                    .append(id.myidPath())
                    .append(": No such file or directory\n")
                    .append("(start-zookeeper writes myid only when --servers is greater than 1)\n");
        }
        sb.append('\n');
        if (reconfig(ensemble)) {
            ReconfigStartFiles files = ReconfigStartFiles.forPod(ensemble, id.ordinal(), clusterDomain);
            sb.append(exec).append("cat ").append(files.staticCfg().path()).append('\n');
            sb.append(ReconfigStartFiles.render(files.staticCfg())).append('\n');
            sb.append(exec)
                    .append("cat ")
                    .append(files.dynamicAtFirstStart().path())
                    .append('\n');
            sb.append(ReconfigStartFiles.render(files.dynamicAtFirstStart()));
            sb.append("(zk-reconfig-start writes this at the pod's first start, when ")
                    .append(
                            id.ordinal() == 0
                                    ? "no ensemble answers on the client Service: " + id.podName() + " bootstraps alone"
                                    : ensemble.podName(0)
                                            + (id.ordinal() > 1 ? ".." + ensemble.podName(id.ordinal() - 1) : "")
                                            + " are the committed members (OrderedReady)")
                    .append("; once the server serves it adds itself with reconfig -add, and from then on ZooKeeper"
                            + " rewrites the file (zoo.cfg.dynamic.<version>) on every committed reconfig. A later"
                            + " start writes the then committed members plus this server.)\n");
            return sb.toString();
        }
        sb.append(exec).append("cat ").append(cfg.path()).append('\n').append(cfg.render());
        return sb.toString();
    }

    private String json(EnsembleSpec ensemble, PodIdentity id, ZooCfg cfg, LoadedManifest loaded) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = mapper.createObjectNode();
        o.put("manifest", manifest.toString());
        o.put("namespace", ensemble.namespace());
        o.put("statefulSet", ensemble.statefulSet().name());
        o.put("pod", id.podName());
        o.put("ordinal", id.ordinal());
        o.put("hostname", id.hostname());
        o.put("fqdn", id.fqdn());
        if (id.myidFileWritten()) {
            o.put("myid", id.myid());
        } else {
            o.putNull("myid"); // start-zookeeper writes no myid file for a single server
        }
        o.put("myidPath", id.myidPath());
        ZooCfg file = cfg;
        if (reconfig(ensemble)) {
            ReconfigStartFiles files = ReconfigStartFiles.forPod(ensemble, id.ordinal(), clusterDomain);
            file = files.staticCfg();
            o.put("dynamicConfigPath", files.dynamicAtFirstStart().path());
            ArrayNode dynamic = o.putArray("dynamicConfigAtFirstStart");
            for (ZooCfg.Entry e : files.dynamicAtFirstStart().entries()) {
                dynamic.addObject().put("key", e.key()).put("value", e.value());
            }
        }
        o.put("zooCfgPath", file.path());
        ArrayNode entries = o.putArray("zooCfg");
        for (ZooCfg.Entry e : file.entries()) {
            entries.addObject().put("key", e.key()).put("value", e.value());
        }
        o.put("zooCfgText", file == cfg ? cfg.render() : ReconfigStartFiles.render(file));
        ArrayNode problems = o.putArray("problems");
        for (ManifestProblem p : loaded.problems()) {
            problems.addObject()
                    .put("kind", p.kind().name())
                    .put("line", p.line())
                    .put("path", p.path().toString())
                    .put("message", p.message());
        }
        return mapper.writeValueAsString(o) + "\n";
    }
}
