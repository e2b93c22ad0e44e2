package dev.zksim.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JVM's system properties with a layer per pod: a thread of a container's {@link ThreadScope} sees the JVM's
 * properties overlaid with those its process set itself, and its {@code System.setProperty}/{@code clearProperty}
 * change only that layer; every other thread sees and changes the JVM's properties as before.
 *
 * <p>Why: ZooKeeper turns every zoo.cfg key it does not know into a system property ({@code QuorumPeerConfig
 * .parseProperties}: {@code System.setProperty("zookeeper." + key, value)}; zksim's own {@code 4lw.commands.whitelist}
 * and {@code admin.enableServer} take this path, as does {@code snapCount}) and reads dozens of settings back with
 * {@code System.getProperty}/{@code Integer.getInteger}. In a cluster each pod is a JVM of its own; in one JVM,
 * without this layer, one pod's zoo.cfg would set the others' settings and leak into zksim's own client.
 *
 * <p>Limits. Only the lookups of single keys are layered ({@code getProperty}, {@code get}, {@code containsKey},
 * {@code setProperty}, {@code put}, {@code remove}): that is what {@code System.getProperty/setProperty/clearProperty}
 * and the boxed types' {@code getInteger/getLong/getBoolean} use. Iterating {@code System.getProperties()} shows the
 * JVM's properties only, in any thread. A JVM property set after a pod started is visible to it (a process's
 * environment is fixed at its start; this one is not). {@link #install()} replaces the JVM's Properties object by a
 * copy of it once; code holding the old object keeps a stale copy.
 */
final class PodSystemProperties extends Properties {
    private static final long serialVersionUID = 1L;

    private PodSystemProperties() {}

    /** Installs the layered properties as the JVM's system properties (idempotent). */
    static synchronized void install() {
        Properties current = System.getProperties();
        if (current instanceof PodSystemProperties) {
            return;
        }
        PodSystemProperties layered = new PodSystemProperties();
        for (Map.Entry<Object, Object> e : current.entrySet()) {
            layered.putJvm(e.getKey(), e.getValue());
        }
        System.setProperties(layered);
    }

    private void putJvm(Object key, Object value) {
        super.put(key, value);
    }

    /** The current thread's process layer, if it runs in a container. */
    private static Optional<ConcurrentHashMap<String, String>> layer() {
        return ThreadScope.current().flatMap(ThreadScope::systemProperties);
    }

    @Override
    public String getProperty(String key) {
        Optional<ConcurrentHashMap<String, String>> own = layer();
        if (own.isPresent()) {
            String v = own.get().get(key);
            if (v != null) {
                return v;
            }
        }
        return super.getProperty(key);
    }

    @Override
    public String getProperty(String key, String defaultValue) {
        String v = getProperty(key);
        return v == null ? defaultValue : v;
    }

    @Override
    public synchronized Object setProperty(String key, String value) {
        return put(key, value);
    }

    @Override
    public Object get(Object key) {
        Optional<ConcurrentHashMap<String, String>> own = layer();
        if (own.isPresent() && key instanceof String k) {
            String v = own.get().get(k);
            if (v != null) {
                return v;
            }
        }
        return super.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public synchronized Object put(Object key, Object value) {
        Optional<ConcurrentHashMap<String, String>> own = layer();
        if (own.isPresent() && key instanceof String k && value instanceof String v) {
            Object before = get(k);
            own.get().put(k, v);
            return before;
        }
        return super.put(key, value);
    }

    @Override
    public synchronized Object remove(Object key) {
        Optional<ConcurrentHashMap<String, String>> own = layer();
        if (own.isPresent() && key instanceof String k) {
            return own.get().remove(k);
        }
        return super.remove(key);
    }
}
