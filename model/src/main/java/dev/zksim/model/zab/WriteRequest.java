package dev.zksim.model.zab;

/** A client write: what {@code zkCli.sh create|set|delete|reconfig} sends. */
public sealed interface WriteRequest {

    /** The znode the write targets. */
    String path();

    /** {@code create /path value}: fails with NodeExists when the znode exists, NoNode without its parent. */
    record Create(String path, String value) implements WriteRequest {}

    /** {@code set /path value}: fails with NoNode when the znode does not exist. */
    record SetData(String path, String value) implements WriteRequest {}

    /** {@code delete /path}: fails with NoNode when absent, NotEmpty with children. */
    record Delete(String path) implements WriteRequest {}

    /**
     * {@code reconfig -add ... -remove ...} or {@code reconfig -members ...} through ZooKeeper's admin client: a write
     * of {@code /zookeeper/config} that the leader checks (PrepRequestProcessor) and, refused, commits as an error
     * transaction like any other write.
     *
     * @param joining the servers that join: a pod name (its server joins as a participant at the addresses its
     *     zoo.cfg line gives) or a server string {@code server.N=host:p1:p2[:role];clientPort} as {@code -add} takes it
     * @param leaving the servers that leave: a pod name or a server id, as {@code -remove} takes it
     * @param members non-incremental ({@code -members}, ZooKeeperAdmin.reconfigure's newMembers) when not empty: the new
     *     config is exactly these servers, pod names or server strings as in {@code joining}, and {@code joining} and
     *     {@code leaving} are ignored, as PrepRequestProcessor ignores them
     * @param fromVersion {@code -v version}: the config version the change applies to, or -1 for any
     */
    record ConfigChange(
            java.util.List<String> joining,
            java.util.List<String> leaving,
            java.util.List<String> members,
            long fromVersion)
            implements WriteRequest {
        public ConfigChange {
            joining = java.util.List.copyOf(joining);
            leaving = java.util.List.copyOf(leaving);
            members = java.util.List.copyOf(members);
        }

        /** Incremental. */
        public ConfigChange(java.util.List<String> joining, java.util.List<String> leaving, long fromVersion) {
            this(joining, leaving, java.util.List.of(), fromVersion);
        }

        /** Incremental, without {@code -v}. */
        public ConfigChange(java.util.List<String> joining, java.util.List<String> leaving) {
            this(joining, leaving, -1);
        }

        /** {@code reconfig -members ...} without {@code -v}. */
        public static ConfigChange newMembers(java.util.List<String> members) {
            return new ConfigChange(java.util.List.of(), java.util.List.of(), members, -1);
        }

        @Override
        public String path() {
            return "/zookeeper/config";
        }
    }

    /** {@code create /hello world}, for timelines. */
    default String describe() {
        if (this instanceof Create c) {
            return "create " + c.path() + " " + c.value();
        } else if (this instanceof SetData s) {
            return "set " + s.path() + " " + s.value();
        } else if (this instanceof ConfigChange r && !r.members().isEmpty()) {
            return "reconfig -members " + String.join(",", r.members());
        } else if (this instanceof ConfigChange r) {
            return "reconfig" + (r.joining().isEmpty() ? "" : " -add " + String.join(",", r.joining()))
                    + (r.leaving().isEmpty() ? "" : " -remove " + String.join(",", r.leaving()));
        } else {
            return "delete " + path();
        }
    }
}
