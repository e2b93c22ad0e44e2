package dev.zksim.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The hosts file through which this JVM resolves every host name, and so the cluster DNS of every simulation running
 * in it.
 *
 * <p><b>Why it is global.</b> JDK 17 has no pluggable resolver (that came with JEP 418 in JDK 18), but it has
 * {@code -Djdk.net.hosts.file=FILE}: {@code java.net.InetAddress} then answers every lookup from that file instead of
 * the system resolver, re-reading the file at each lookup (verified on JDK 17 and 25: a changed or removed line is
 * seen by the next lookup). The property is read once, when {@code InetAddress} is initialised, so it is set before
 * the first lookup in the JVM (surefire's {@code argLine}; {@link #bootstrap()} as the first statement of a
 * {@code main}), and {@code InetAddress}'s cache is switched off with the security properties
 * {@code networkaddress.cache.ttl=0} and {@code networkaddress.cache.negative.ttl=0}, which are also read once. One
 * file per JVM means one owner: this class writes it, merging the records of every live simulation ({@link Zone}), and
 * gives each simulation a cluster domain of its own so that two simulations of the same manifest never answer for
 * each other's names. ZooKeeper resolves peer names through {@code InetAddress} (QuorumPeer.QuorumServer,
 * QuorumCnxManager re-resolves before reconnecting) and the client resolves its connect string the same way
 * (StaticHostProvider), so what this file says is what the servers and clients see.
 *
 * <p>Consequence for the rest of the JVM: names outside the file (except {@code localhost} and this machine's
 * hostname, which it always maps to 127.0.0.1) do not resolve. zksim needs no other names.
 *
 * <p>The file is locked ({@code FILE.lock}) for the life of the JVM, so two JVMs pointed at the same file fail loudly
 * instead of overwriting each other's records. Thread-safe.
 */
public final class JvmHostsFile {
    /** The JDK system property naming the hosts file. */
    public static final String HOSTS_FILE_PROPERTY = "jdk.net.hosts.file";

    private static final String SELF_TEST_NAME = "zksim-self-test.invalid";

    private static JvmHostsFile instance; // guarded by JvmHostsFile.class

    private final Path file;
    private final FileLock lock;
    private final List<String> baseline;
    private final TreeMap<String, Zone> zones = new TreeMap<>();
    private SortedMap<String, List<InetAddress>> selfTest = new TreeMap<>();

    private JvmHostsFile(Path file, FileLock lock, List<String> baseline) {
        this.file = file;
        this.lock = lock;
        this.baseline = List.copyOf(baseline);
    }

    /**
     * For a {@code main} method, as its first statement (before anything resolves a name): points
     * {@value #HOSTS_FILE_PROPERTY} at a fresh temporary file (unless the property is already set) and switches off
     * {@code InetAddress}'s positive and negative caches. {@link #get()} later checks that it took effect.
     */
    public static void bootstrap() {
        if (System.getProperty(HOSTS_FILE_PROPERTY) == null) {
            try {
                Path f = Files.createTempFile("zksim-hosts-", "");
                f.toFile().deleteOnExit();
                Path lockFile = f.resolveSibling(f.getFileName() + ".lock");
                lockFile.toFile().deleteOnExit();
                Files.writeString(f, "127.0.0.1 localhost\n");
                System.setProperty(HOSTS_FILE_PROPERTY, f.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the JVM's hosts file", e);
            }
        }
        disableAddressCache();
    }

    /**
     * The command-line flags for a JVM in which something may resolve a name before zksim runs (a JMH fork, a test
     * runner, a re-exec of the CLI): writes into {@code dir} a hosts file that already maps {@code localhost}, and a
     * security-properties file that turns the address cache off, and returns
     * {@code -Djdk.net.hosts.file=...} and {@code -Djava.security.properties=...} for them. Give each JVM its own
     * {@code dir}.
     */
    public static List<String> forkArguments(Path dir) {
        try {
            Files.createDirectories(dir);
            Path hostsFile = dir.resolve("zksim-hosts");
            Path security = dir.resolve("zksim-java.security");
            Files.writeString(hostsFile, "127.0.0.1 localhost\n", StandardCharsets.US_ASCII);
            Files.writeString(
                    security,
                    "networkaddress.cache.ttl=0\nnetworkaddress.cache.negative.ttl=0\n",
                    StandardCharsets.US_ASCII);
            return List.of(
                    "-D" + HOSTS_FILE_PROPERTY + "=" + hostsFile.toAbsolutePath(),
                    "-Djava.security.properties=" + security.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the JVM's DNS files into " + dir, e);
        }
    }

    /**
     * The JVM's hosts file. On the first call it takes the file over (lock, baseline lines) and verifies that the JDK
     * really resolves through it without caching.
     *
     * @throws IllegalStateException when {@value #HOSTS_FILE_PROPERTY} is not set, the file is used by another JVM,
     *     or lookups do not follow the file (the property or the cache settings came after the first lookup)
     */
    public static synchronized JvmHostsFile get() {
        if (instance == null) {
            JvmHostsFile f = open();
            f.verify();
            instance = f;
        }
        return instance;
    }

    private static JvmHostsFile open() {
        String name = System.getProperty(HOSTS_FILE_PROPERTY);
        if (name == null) {
            throw new IllegalStateException("the real engine resolves cluster DNS names through a hosts file, but -D"
                    + HOSTS_FILE_PROPERTY + "=FILE is not set. Start the JVM with it, or call JvmHostsFile.bootstrap()"
                    + " first thing in main, before any host name lookup");
        }
        disableAddressCache(); // effective only if nothing resolved a name yet; verify() tells
        Path file = Path.of(name).toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
            if (lock == null) {
                ch.close();
                throw new IllegalStateException("hosts file " + file + " is in use by another JVM (" + lockFile
                        + " is locked); give each JVM its own -D" + HOSTS_FILE_PROPERTY);
            }
            List<String> baseline = new ArrayList<>();
            baseline.add("127.0.0.1 localhost");
            machineHostname().ifPresent(h -> baseline.add("127.0.0.1 " + h));
            return new JvmHostsFile(file, lock, baseline);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take over hosts file " + file, e);
        }
    }

    private static void disableAddressCache() {
        Security.setProperty("networkaddress.cache.ttl", "0");
        Security.setProperty("networkaddress.cache.negative.ttl", "0");
    }

    /** This machine's hostname (Linux), so that {@code InetAddress.getLocalHost()} keeps working. */
    private static Optional<String> machineHostname() {
        try {
            Path p = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(p)) {
                String h = Files.readString(p).trim();
                if (!h.isEmpty() && !h.equals("localhost") && h.matches("[A-Za-z0-9.-]+")) {
                    return Optional.of(h);
                }
            }
        } catch (IOException ignored) {
            // no hostname line then; getLocalHost() fails, which zksim does not need
        }
        return Optional.empty();
    }

    /** Checks that a published name resolves, a changed one resolves anew, and a removed one stops resolving. */
    private void verify() {
        try {
            InetAddress a = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
            InetAddress b = InetAddress.getByAddress(new byte[] {127, 0, 0, 3});
            String problem = null;
            if (resolves(SELF_TEST_NAME).isPresent()) {
                problem = "an unpublished name resolves";
            }
            setSelfTest(a);
            if (problem == null && !resolves(SELF_TEST_NAME).equals(Optional.of(a))) {
                problem = "a published name does not resolve (negative lookups are cached, or lookups do not read "
                        + file + ")";
            }
            setSelfTest(b);
            if (problem == null && !resolves(SELF_TEST_NAME).equals(Optional.of(b))) {
                problem = "a changed name still resolves to its old address (lookups are cached)";
            }
            setSelfTest(null);
            if (problem == null && resolves(SELF_TEST_NAME).isPresent()) {
                problem = "a removed name still resolves (lookups are cached)";
            }
            if (problem != null) {
                throw new IllegalStateException("cluster DNS does not work in this JVM: " + problem + ". Set -D"
                        + HOSTS_FILE_PROPERTY + "=" + file + " and the security properties networkaddress.cache.ttl=0"
                        + " and networkaddress.cache.negative.ttl=0 before the first host name lookup (see "
                        + "JvmHostsFile.bootstrap())");
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // literal addresses never fail
        }
    }

    private static Optional<InetAddress> resolves(String name) {
        try {
            return Optional.of(InetAddress.getByName(name));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private synchronized void setSelfTest(InetAddress ip) {
        selfTest = ip == null ? new TreeMap<>() : new TreeMap<>(Map.of(SELF_TEST_NAME, List.of(ip)));
        rewrite();
    }

    /** The file lookups read. */
    public Path path() {
        return file;
    }

    /**
     * Opens the records of one simulation under a cluster domain of its own: {@code preferredDomain} (e.g.
     * {@code cluster.local}) when no live zone has it, else the first free of {@code cluster-2.local},
     * {@code cluster-3.local}, ... (a second Kubernetes cluster with its own {@code --cluster-domain}).
     */
    public synchronized Zone openZone(String preferredDomain) {
        if (!preferredDomain.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalArgumentException("not a DNS domain: " + preferredDomain);
        }
        String domain = preferredDomain;
        int dot = preferredDomain.indexOf('.');
        String first = dot < 0 ? preferredDomain : preferredDomain.substring(0, dot);
        String rest = dot < 0 ? "" : preferredDomain.substring(dot);
        for (int n = 2; zones.containsKey(domain); n++) {
            domain = first + "-" + n + rest;
        }
        Zone z = new Zone(domain);
        zones.put(domain, z);
        return z;
    }

    /** The current file content (for diagnostics and tests). */
    public synchronized String render() {
        StringBuilder sb = new StringBuilder("# written by zksim (dev.zksim.runtime.JvmHostsFile): the cluster DNS of"
                + " every live simulation in this JVM\n");
        baseline.forEach(l -> sb.append(l).append('\n'));
        appendRecords(sb, selfTest);
        for (Zone z : zones.values()) {
            sb.append("# cluster domain ").append(z.domain).append('\n');
            appendRecords(sb, z.records);
        }
        return sb.toString();
    }

    private static void appendRecords(StringBuilder sb, SortedMap<String, List<InetAddress>> records) {
        records.forEach((name, ips) -> ips.forEach(
                ip -> sb.append(ip.getHostAddress()).append(' ').append(name).append('\n')));
    }

    /** Replaces the file atomically, so that a concurrent lookup reads either the old or the new content. */
    private synchronized void rewrite() {
        if (!lock.isValid()) {
            throw new IllegalStateException("lost the lock on " + file);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, render(), StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write hosts file " + file, e);
        }
    }

    /**
     * The A records of one simulation: every name ends in {@code .<domain>}. Closing the zone removes its records and
     * frees the domain.
     */
    public final class Zone implements AutoCloseable {
        private final String domain;
        private SortedMap<String, List<InetAddress>> records = new TreeMap<>();
        private boolean closed;

        private Zone(String domain) {
            this.domain = domain;
        }

        /** The cluster domain of this zone, e.g. {@code cluster.local}. */
        public String domain() {
            return domain;
        }

        /**
         * Replaces all records of the zone: each name resolves to its addresses (in order) until the next call.
         *
         * @throws IllegalArgumentException for a name outside the zone's domain or an address outside 127.0.0.0/8
         */
        public void replace(SortedMap<String, List<InetAddress>> newRecords) {
            TreeMap<String, List<InetAddress>> copy = new TreeMap<>();
            newRecords.forEach((name, ips) -> {
                String n = name.toLowerCase(java.util.Locale.ROOT);
                if (!n.endsWith("." + domain)) {
                    throw new IllegalArgumentException(name + " is outside cluster domain " + domain);
                }
                ips.forEach(ip -> PodNetwork.requireLoopback(ip, "DNS record " + name));
                if (!ips.isEmpty()) {
                    copy.put(n, List.copyOf(ips));
                }
            });
            synchronized (JvmHostsFile.this) {
                if (closed) {
                    throw new IllegalStateException("zone " + domain + " is closed");
                }
                records = Collections.unmodifiableSortedMap(copy);
                rewrite();
            }
        }

        /** The current records. */
        public SortedMap<String, List<InetAddress>> records() {
            synchronized (JvmHostsFile.this) {
                return records;
            }
        }

        @Override
        public void close() {
            synchronized (JvmHostsFile.this) {
                if (!closed) {
                    closed = true;
                    zones.remove(domain, this);
                    rewrite();
                }
            }
        }

        @Override
        public String toString() {
            return "Zone[" + domain + ", " + records().keySet() + "]";
        }
    }

    @Override
    public String toString() {
        return "JvmHostsFile[" + file + ", zones "
                + Arrays.toString(zones.keySet().toArray()) + "]";
    }
}
