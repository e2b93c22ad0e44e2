package dev.zksim.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Set;

/**
 * The class loader of one container start: its own copy of ZooKeeper's classes, so that what ZooKeeper keeps in
 * statics — one per process in a cluster — is one per pod here: {@code ServerMetrics} (the counters {@code mntr}
 * prints), {@code MBeanRegistry}, {@code ServiceUtils}' exit procedure, {@code FourLetterCommands}' whitelist, the
 * {@code zookeeper.*} settings read once in static initialisers.
 *
 * <p>Delegation. Child-first for {@code org.apache.zookeeper.*}, {@code org.apache.jute.*} and the few zksim classes
 * that extend or call ZooKeeper's server classes ({@link #POD_SIDE}); parent-first for everything else: the JDK,
 * SLF4J and Logback (so ZooKeeper's log events still reach {@link PodLogAppender}, which routes them by thread),
 * native-library holders (snappy), metrics-core, and the bridge ({@link PodProcess}, {@link QuorumPeerStatus}). The
 * class files are read through the parent's resources, so it works the same from Maven's class path and from the
 * shaded CLI jar.
 *
 * <p>Rule for the pod-side classes: they may use only public types and members of parent-loaded zksim classes (a
 * class defined here is in another runtime package than the parent's {@code dev.zksim.runtime}, so package-private
 * access across the boundary fails with {@link IllegalAccessError}).
 *
 * <p>Lifetime. Nothing to close: the loader, its classes and their statics become garbage with the last thread and
 * object of the container (the container's reaper drops its references). A container restart gets a fresh loader,
 * as a restarted process gets a fresh JVM.
 */
final class PodServerLoader extends ClassLoader {
    private static final List<String> OWN_PACKAGES = List.of("org.apache.zookeeper.", "org.apache.jute.");
    /** zksim's classes that run inside the pod's process (with their nested classes). */
    static final Set<String> POD_SIDE = Set.of(
            "dev.zksim.runtime.PodProcessMain",
            "dev.zksim.runtime.EmbeddedServers",
            "dev.zksim.runtime.PodQuorumPeerConfig",
            "dev.zksim.runtime.PodMBeanRegistry",
            "dev.zksim.runtime.PodOwnAddresses");

    private static final String MAIN = "dev.zksim.runtime.PodProcessMain";
    /** The JVM's default handler before any pod's ZooKeeper could replace it (this class initialises first). */
    private static final Thread.UncaughtExceptionHandler JVM_DEFAULT_HANDLER =
            Thread.getDefaultUncaughtExceptionHandler();

    static {
        registerAsParallelCapable();
    }

    PodServerLoader(String name, ClassLoader parent) {
        super(name, parent);
    }

    /** A fresh loader for one container start and the pod's process in it. */
    static PodProcess newProcess(String name) {
        PodServerLoader loader = new PodServerLoader(name, PodServerLoader.class.getClassLoader());
        try {
            Object main = loader.loadClass(MAIN).getDeclaredConstructor().newInstance();
            return (PodProcess) main;
        } catch (ClassNotFoundException
                | NoSuchMethodException
                | InstantiationException
                | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalStateException("cannot load the pod's ZooKeeper server classes", e);
        }
    }

    /**
     * Puts back the JVM's default uncaught-exception handler if a pod's ZooKeeper replaced it: the static initialiser
     * of {@code NIOServerCnxnFactory} sets one ("Thread ... died"), a JVM-wide static that would keep that pod's
     * loader, and with it the pod's whole server, reachable after the pod is gone. A pod's threads never reach the
     * default handler anyway: their {@link ThreadScope} handles what they do not catch. Called when a server has
     * started and when a container ends.
     */
    static void restoreJvmDefaultHandler() {
        Thread.UncaughtExceptionHandler h = Thread.getDefaultUncaughtExceptionHandler();
        if (h != null && h.getClass().getClassLoader() instanceof PodServerLoader) {
            Thread.setDefaultUncaughtExceptionHandler(JVM_DEFAULT_HANDLER);
        }
    }

    static boolean ownedByPod(String className) {
        for (String p : OWN_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        int nested = className.indexOf('$');
        return POD_SIDE.contains(nested < 0 ? className : className.substring(0, nested));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!ownedByPod(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes;
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            definePackageOnce(name.substring(0, dot));
        }
        return defineClass(name, bytes, 0, bytes.length);
    }

    private void definePackageOnce(String pkg) {
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException e) {
                // defined meanwhile by another thread of the pod: just as good
            }
        }
    }

    @Override
    public String toString() {
        return "PodServerLoader[" + getName() + "]";
    }
}
