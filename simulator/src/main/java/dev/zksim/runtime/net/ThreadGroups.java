package dev.zksim.runtime.net;

/** Releasing the thread groups the runtime creates (a pod's container, the runtime itself, a Service). */
public final class ThreadGroups {
    private ThreadGroups() {}

    /**
     * Unregisters an empty group from its parent. On JDK 17 a parent holds its child groups until they are destroyed,
     * so without this every container start or Service would stay reachable from the JVM's main group (CleanCloseTests
     * checks none is); from JDK 19 on groups are weakly held and this is a no-op.
     */
    @SuppressWarnings("removal")
    public static void destroyEmpty(ThreadGroup group) {
        try {
            if (!group.isDestroyed() && group.activeCount() == 0) {
                group.destroy();
            }
        } catch (IllegalThreadStateException e) {
            // a thread started meanwhile, or it is gone already: nothing to release
        }
    }
}
