package dev.zksim.api.junit;

import dev.zksim.api.LeakReport;
import dev.zksim.api.StatefulSetPatch;
import dev.zksim.api.ZkOnKubernetes;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link ZooKeeperOnKubernetes}: resolves {@link ZkOnKubernetes} parameters, starting
 * an ensemble sized by the annotation once per context (the class for {@code @BeforeAll}, else the test method; a
 * test of a class that already has one gets that one), and closes it when its context ends, failing the test or the
 * class when something was left behind ({@link ZkOnKubernetes#leaks()}).
 */
public final class ZkOnKubernetesExtension implements ParameterResolver, AfterEachCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ZkOnKubernetesExtension.class);
    private static final String KEY = "ensemble";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ZkOnKubernetes.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ZkOnKubernetes existing = store.get(KEY, ZkOnKubernetes.class); // this context's, or an enclosing one's
        if (existing != null && !existing.isClosed()) {
            return existing;
        }
        ZooKeeperOnKubernetes a = annotation(context)
                .orElseThrow(() -> new ParameterResolutionException(
                        "a ZkOnKubernetes parameter needs @ZooKeeperOnKubernetes on the test method or class"));
        ZkOnKubernetes zk = start(a);
        store.put(KEY, zk);
        return zk;
    }

    static ZkOnKubernetes start(ZooKeeperOnKubernetes a) {
        ZkOnKubernetes.Builder b = a.manifest().isEmpty()
                ? ZkOnKubernetes.bundled(a.bundled())
                : ZkOnKubernetes.fromManifest(Path.of(a.manifest()));
        b.servers(a.servers()).timeScale(a.timeScale()).seed(a.seed()).faultLayer(a.faultLayer());
        if (a.nodes() > 0) {
            b.nodes(a.nodes());
        }
        for (String flag : a.flags()) {
            int eq = flag.indexOf('=');
            if (eq <= 0) {
                throw new ParameterResolutionException(
                        "@ZooKeeperOnKubernetes flags are name=value, e.g. tick_time=1000; got '" + flag + "'");
            }
            b.patch(StatefulSetPatch.flag(flag.substring(0, eq), flag.substring(eq + 1)));
        }
        return b.start();
    }

    private static Optional<ZooKeeperOnKubernetes> annotation(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context);
                c.isPresent();
                c = c.get().getParent()) {
            Optional<AnnotatedElement> e = c.get().getElement();
            if (e.isPresent() && e.get().isAnnotationPresent(ZooKeeperOnKubernetes.class)) {
                return Optional.of(e.get().getAnnotation(ZooKeeperOnKubernetes.class));
            }
        }
        return Optional.empty();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    /** Closes the handle this context started (not an enclosing one's), and fails when it left something behind. */
    private static void closeOwn(ExtensionContext context) {
        ZkOnKubernetes zk = context.getStore(NAMESPACE).remove(KEY, ZkOnKubernetes.class);
        if (zk == null) {
            return;
        }
        zk.close();
        LeakReport leaks = zk.leaks();
        if (!leaks.clean()) {
            throw new AssertionError("the ZooKeeper ensemble " + leaks);
        }
    }
}
