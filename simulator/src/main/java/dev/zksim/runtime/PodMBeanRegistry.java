package dev.zksim.runtime;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.apache.zookeeper.jmx.MBeanRegistry;
import org.apache.zookeeper.jmx.ZKMBeanInfo;

/**
 * ZooKeeper's {@link MBeanRegistry} with a pod's own MBean server instead of the JVM's platform server, so every
 * pod has its own {@code org.apache.ZooKeeperService:name0=ReplicatedServer_id1,...} names, as each process in a
 * cluster has. Loaded by the pod's {@link PodServerLoader} and installed with {@code MBeanRegistry.setInstance}.
 *
 * <p>Why the overrides: ZooKeeper 3.9.4's registry takes the platform server in its constructor into a private field
 * that {@code register}/{@code unregister} use directly; its names ({@link #makeFullPath}, {@link #makeObjectName})
 * are reused as they are. The server comes from {@link MBeanServerFactory#newMBeanServer()}, which keeps no reference
 * to it (unlike {@code createMBeanServer}), so it is garbage with the pod.
 */
final class PodMBeanRegistry extends MBeanRegistry {
    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ConcurrentHashMap<ZKMBeanInfo, String> paths = new ConcurrentHashMap<>();

    @Override
    public MBeanServer getPlatformMBeanServer() {
        return server;
    }

    @Override
    public void register(ZKMBeanInfo bean, ZKMBeanInfo parent) throws JMException {
        // ZooKeeper's naming: a bean's path is its parent's path plus the parent's name; its ObjectName adds its own
        String path = makeFullPath(parent == null ? null : paths.get(parent), parent);
        if (bean.isHidden()) {
            return;
        }
        server.registerMBean(bean, makeObjectName(path, bean));
        paths.put(bean, path);
    }

    @Override
    public void unregister(ZKMBeanInfo bean) {
        if (bean == null) {
            return;
        }
        String path = paths.remove(bean);
        if (path == null) {
            return;
        }
        try {
            ObjectName name = makeObjectName(path, bean);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            // the bean is gone from the pod's own server either way; nothing else refers to it
        }
    }

    @Override
    public Set<ZKMBeanInfo> getRegisteredBeans() {
        return new HashSet<>(paths.keySet());
    }
}
