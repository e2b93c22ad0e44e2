package dev.zksim.model.zab;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Replays transactions into znodes (DataTree.processTxn), and checks a write against a tree the way the leader's
 * PrepRequestProcessor does. The four nodes every ZooKeeper 3.9 tree has ({@code /}, {@code /zookeeper},
 * {@code /zookeeper/quota}, {@code /zookeeper/config}) are implicit.
 */
final class DataTree {
    /** The node that holds the server's configuration ({@code ZooDefs.CONFIG_NODE}). */
    static final String CONFIG_NODE = "/zookeeper/config";

    /** Nodes present in every tree: /, /zookeeper, /zookeeper/quota, /zookeeper/config. */
    static final int SYSTEM_NODES = 4;

    private DataTree() {}

    /** The user znodes after applying every transaction of {@code txns} with zxid ≤ {@code upToZxid}. */
    static SortedMap<String, Znode> replay(List<Txn> txns, long upToZxid) {
        TreeMap<String, Znode> tree = new TreeMap<>();
        for (Txn t : txns) {
            if (t.zxid() > upToZxid) {
                break;
            }
            apply(tree, t);
        }
        return tree;
    }

    static void apply(TreeMap<String, Znode> tree, Txn t) {
        switch (t.type()) {
            case CREATE -> tree.put(t.path(), new Znode(t.value(), t.zxid(), t.zxid()));
            case SET_DATA -> {
                Znode old = tree.get(t.path());
                if (old != null) {
                    tree.put(t.path(), new Znode(t.value(), old.czxid(), t.zxid()));
                }
            }
            case DELETE -> tree.remove(t.path());
            // a reconfig sets /zookeeper/config, which the model serves from the server's committed config instead
            case CREATE_SESSION, CLOSE_SESSION, ERROR, RECONFIG -> {}
        }
    }

    /** The error the leader would answer for {@code op} against {@code tree}, if any. */
    static Optional<KeeperCode> check(SortedMap<String, Znode> tree, WriteRequest op) {
        String path = op.path();
        if (!validPath(path) || isSystem(path) || path.equals("/")) {
            return Optional.of(KeeperCode.BAD_ARGUMENTS);
        }
        boolean exists = tree.containsKey(path);
        if (op instanceof WriteRequest.Create) {
            if (exists) {
                return Optional.of(KeeperCode.NODE_EXISTS);
            }
            String parent = parent(path);
            if (!parent.equals("/") && !tree.containsKey(parent)) {
                return Optional.of(KeeperCode.NO_NODE);
            }
            return Optional.empty();
        }
        if (!exists) {
            return Optional.of(KeeperCode.NO_NODE);
        }
        if (op instanceof WriteRequest.Delete && hasChildren(tree, path)) {
            return Optional.of(KeeperCode.NOT_EMPTY);
        }
        return Optional.empty();
    }

    /** ZooKeeper path syntax (PathUtils.validatePath), reduced: absolute, no empty segment, no trailing slash. */
    static boolean validPath(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return false;
        }
        if (path.length() == 1) {
            return true;
        }
        if (path.endsWith("/") || path.contains("//")) {
            return false;
        }
        for (String seg : path.substring(1).split("/")) {
            if (seg.equals(".") || seg.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSystem(String path) {
        return path.equals("/zookeeper") || path.startsWith("/zookeeper/");
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i == 0 ? "/" : path.substring(0, i);
    }

    private static boolean hasChildren(SortedMap<String, Znode> tree, String path) {
        String prefix = path + "/";
        for (Map.Entry<String, Znode> e : tree.tailMap(prefix).entrySet()) {
            return e.getKey().startsWith(prefix);
        }
        return false;
    }
}
