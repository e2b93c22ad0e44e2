package dev.zksim.model.explore;

import dev.zksim.model.k8s.ClusterSpec;
import dev.zksim.model.manifest.EnsembleSpec;
import dev.zksim.model.manifest.ManifestLoader;
import dev.zksim.model.manifest.Resources;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExploreSmokeTests {
    @Test
    void smoke() {
        EnsembleSpec spec = ManifestLoader.loadStrict(Path.of("../k8s-manifests/zookeeper.yaml"));
        ClusterSpec cluster = ClusterSpec.uniform(4, "node", new Resources(2000, 4L << 30));
        ExploreOptions o = new ExploreOptions(Integer.getInteger("runs", 200), Integer.getInteger("acts", 30), 1, cluster, "cluster: {nodes: {count: 4, cpu: 2, memory: 4Gi}}",
                ActionKind.defaults(), ExploreChecker.defaultBudgetMs(spec), false, WorldHooks.STANDARD);
        Explorer e = new Explorer(spec, o);
        long t = System.nanoTime();
        ExploreReport r = e.explore(Explorer.Progress.NONE);
        long ms = (System.nanoTime() - t) / 1_000_000;
        System.out.println("runs " + r.runs() + " in " + ms + " ms; actions " + r.actions() + " failing " + r.failingRuns());
        System.out.println(r.coverage().executed() + "\n" + r.coverage().skipped() + "\n" + r.coverage().runsReaching());
        for (ExploreFinding f : r.findings()) {
            System.out.println(new FindingScenarioWriter(f, 1, "../k8s-manifests/zookeeper.yaml", o.clusterYaml(), o.maxWriteOutageMs(), e.livenessBoundMs(), "zksim explore").render());
        }
    }
}
