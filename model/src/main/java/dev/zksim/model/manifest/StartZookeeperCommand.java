package dev.zksim.model.manifest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code start-zookeeper} script of the kubernetes-zookeeper image (the tutorial's
 * {@code registry.k8s.io/kubernetes-zookeeper:1.0-3.4.10}, source: kubernetes-retired/contrib, later
 * kubernetes-zookeeper, {@code docker/scripts/start-zookeeper}) makes of its command line.
 *
 * <p>The script reads options with bash {@code getopts ":hv-:"}: each long option must be one word
 * {@code --name=value}; {@code --name value} and unknown names hit its {@code *)} case, which prints
 * {@code Unknown option --name} and exits 1. The value is everything after the <em>last</em> {@code =}
 * ({@code ${OPTARG##*=}}). {@code -h} prints the usage and exits; {@code -v} is accepted and ignored; other short
 * options are reported and skipped; {@code getopts} stops at the first word that is not an option, so any flag after
 * it is silently ignored. zksim turns each of these into an error, since each either crashes the container or
 * loses a setting.
 */
public final class StartZookeeperCommand {
    /** The script's name; a command word whose last path segment is this runs it. */
    public static final String SCRIPT = "start-zookeeper";

    /** The options and the defaults the script assigns before parsing (in the script's order). */
    public static final Map<String, String> DEFAULTS;

    private static final List<String> NUMERIC = List.of(
            "servers",
            "client_port",
            "election_port",
            "server_port",
            "tick_time",
            "init_limit",
            "sync_limit",
            "max_client_cnxns",
            "snap_retain_count",
            "purge_interval",
            "min_session_timeout",
            "max_session_timeout");
    private static final List<String> PORTS = List.of("client_port", "election_port", "server_port");
    private static final List<String> SHELLS = List.of("sh", "bash", "dash", "ash", "zsh", "ksh");
    private static final Pattern HEAP = Pattern.compile("([0-9]+)([kKmMgGtT]?)");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("servers", "1");
        d.put("data_dir", "/var/lib/zookeeper/data");
        // The script's usage text says /var/lib/zookeeper/data/log, but the variable it uses defaults to this.
        d.put("data_log_dir", "/var/lib/zookeeper/log");
        d.put("log_dir", "/var/log/zookeeper");
        d.put("conf_dir", "/opt/zookeeper/conf");
        d.put("client_port", "2181");
        d.put("election_port", "3888");
        d.put("server_port", "2888");
        d.put("tick_time", "2000");
        d.put("init_limit", "10");
        d.put("sync_limit", "5");
        d.put("heap", "2G");
        d.put("max_client_cnxns", "60");
        d.put("snap_retain_count", "3");
        d.put("purge_interval", "0");
        d.put("min_session_timeout", ""); // 2 * tick_time, computed after parsing
        d.put("max_session_timeout", ""); // 20 * tick_time, computed after parsing
        d.put("log_level", "INFO");
        DEFAULTS = java.util.Collections.unmodifiableMap(d);
    }

    private StartZookeeperCommand() {}

    /** A flag the script rejects or would misread; {@code token} is the offending command-line word. */
    public static final class FlagException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String token;

        FlagException(String token, String message) {
            super(message);
            this.token = token;
        }

        /** The command-line word at fault, for locating it in the manifest. */
        public String token() {
            return token;
        }
    }

    /**
     * The arguments {@code start-zookeeper} receives from a container command ({@code command} followed by
     * {@code args}): either the script is the program ({@code ["start-zookeeper", "--servers=3"]}, any path ending
     * in {@code start-zookeeper}) or a shell runs it ({@code ["sh", "-c", "start-zookeeper --servers=3 ..."]},
     * possibly after {@code exec}, variable assignments or other commands joined by {@code &&} or {@code ;}).
     *
     * @return empty when the command does not run the script
     * @throws IllegalArgumentException when the shell script cannot be split (an unclosed quote)
     */
    public static Optional<List<String>> arguments(List<String> command) {
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (isScript(command.get(0))) {
            return Optional.of(List.copyOf(command.subList(1, command.size())));
        }
        if (!SHELLS.contains(basename(command.get(0)))) {
            return Optional.empty();
        }
        int i = 1;
        boolean dashC = false;
        while (i < command.size()
                && command.get(i).startsWith("-")
                && !command.get(i).startsWith("--")) {
            dashC |= command.get(i).indexOf('c') > 0;
            i++;
        }
        if (!dashC || i >= command.size()) {
            return Optional.empty();
        }
        List<ShellWords.Word> words = ShellWords.split(command.get(i));
        boolean commandPosition = true;
        for (int w = 0; w < words.size(); w++) {
            ShellWords.Word word = words.get(w);
            if (word.operator()) {
                commandPosition = true;
            } else if (commandPosition
                    && (word.text().equals("exec")
                            || ASSIGNMENT.matcher(word.text()).matches())) {
                continue;
            } else if (commandPosition && isScript(word.text())) {
                List<String> args = new ArrayList<>();
                for (int a = w + 1; a < words.size() && !words.get(a).operator(); a++) {
                    args.add(words.get(a).text());
                }
                return Optional.of(List.copyOf(args));
            } else {
                commandPosition = false;
            }
        }
        return Optional.empty();
    }

    /**
     * Parses the script's options into the configuration it writes, every flag resolved to its value or default.
     *
     * @throws FlagException for an option the script rejects, ignores or cannot use
     */
    public static ZkConfig parse(List<String> args) {
        return parse(args, Map.of());
    }

    /**
     * {@link #parse(List)} with other defaults: {@code implied} replaces the script's defaults (a flag on the command
     * line still wins) and is not listed among the explicit flags.
     */
    static ZkConfig parse(List<String> args, Map<String, String> implied) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        values.putAll(implied);
        List<String> explicit = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                if (i + 1 < args.size()) {
                    throw new FlagException(
                            args.get(i + 1),
                            "start-zookeeper stops reading options at '--', so '" + args.get(i + 1)
                                    + "' and everything after it are ignored. Remove the '--'.");
                }
                break;
            }
            if (a.startsWith("--")) {
                String opt = a.substring(2);
                int eq = opt.indexOf('=');
                String name = eq < 0 ? opt : opt.substring(0, eq);
                if (!DEFAULTS.containsKey(name)) {
                    throw new FlagException(
                            a,
                            "start-zookeeper prints 'Unknown option --" + opt + "' and exits 1,"
                                    + " so the container restarts over and over (CrashLoopBackOff). Known options: "
                                    + knownOptions() + ".");
                }
                if (eq < 0) {
                    throw new FlagException(
                            a,
                            "start-zookeeper prints 'Unknown option --" + opt + "' and exits 1:"
                                    + " it only accepts the one-word form --" + name
                                    + "=VALUE (no space before the value).");
                }
                values.put(name, opt.substring(opt.lastIndexOf('=') + 1));
                explicit.add(name);
            } else if (a.startsWith("-") && a.length() > 1) {
                if (a.indexOf('h') > 0) {
                    throw new FlagException(
                            a,
                            "'" + a + "' makes start-zookeeper print its usage and exit without"
                                    + " starting ZooKeeper; remove it.");
                }
                if (!a.substring(1).chars().allMatch(c -> c == 'v')) {
                    throw new FlagException(
                            a,
                            "start-zookeeper reads '" + a + "' as single-letter options it does"
                                    + " not know and ignores it, so the setting is lost. Long options take two dashes"
                                    + " and an equals sign: --name=VALUE.");
                }
            } else {
                throw new FlagException(
                        a,
                        "start-zookeeper stops reading options at '" + a + "' (not an option),"
                                + " so it and every flag after it are ignored. Options have the form --name=VALUE.");
            }
        }
        return toConfig(values, explicit, args);
    }

    private static ZkConfig toConfig(Map<String, String> values, List<String> explicit, List<String> args) {
        for (String name : NUMERIC) {
            String v = values.get(name);
            if (v.isEmpty() && name.endsWith("_session_timeout")) {
                continue; // ${MIN_SESSION_TIMEOUT:- ...}: an empty value falls back to the default, like unset
            }
            if (!v.matches("[0-9]{1,9}")) {
                throw new FlagException(
                        token(args, name),
                        "--" + name + "=" + v + " is not a whole number. The"
                                + " script passes it to zoo.cfg and bash arithmetic unchanged, and ZooKeeper refuses to"
                                + " start with a non-numeric " + name + ". Use digits only, e.g. --" + name + "="
                                + (DEFAULTS.get(name).isEmpty() ? "4000" : DEFAULTS.get(name)) + ".");
            }
        }
        for (String name : PORTS) {
            int port = Integer.parseInt(values.get(name));
            if (port < 1 || port > 65535) {
                throw new FlagException(token(args, name), "--" + name + "=" + port + " is not a TCP port (1-65535).");
            }
        }
        int servers = Integer.parseInt(values.get("servers"));
        if (servers < 1) {
            throw new FlagException(
                    token(args, "servers"),
                    "--servers=" + servers + " must be at least 1: it is the"
                            + " number of ZooKeeper servers in the ensemble, normally the StatefulSet's replicas.");
        }
        int tick = Integer.parseInt(values.get("tick_time"));
        if (tick < 1) {
            throw new FlagException(
                    token(args, "tick_time"),
                    "--tick_time=" + tick + " must be at least 1 ms;"
                            + " ZooKeeper refuses to start without a tickTime (the default is 2000).");
        }
        for (String name : List.of("data_dir", "data_log_dir", "conf_dir", "log_dir")) {
            if (values.get(name).isEmpty()) {
                throw new FlagException(
                        token(args, name),
                        "--" + name + "= is empty; give a directory, e.g. --" + name + "=" + DEFAULTS.get(name) + ".");
            }
        }
        String heap = values.get("heap");
        long heapBytes;
        try {
            heapBytes = heapBytes(heap);
        } catch (IllegalArgumentException e) {
            throw new FlagException(token(args, "heap"), e.getMessage());
        }
        String min = values.get("min_session_timeout");
        String max = values.get("max_session_timeout");
        return new ZkConfig(
                servers,
                values.get("data_dir"),
                values.get("data_log_dir"),
                values.get("log_dir"),
                values.get("conf_dir"),
                Integer.parseInt(values.get("client_port")),
                Integer.parseInt(values.get("election_port")),
                Integer.parseInt(values.get("server_port")),
                tick,
                Integer.parseInt(values.get("init_limit")),
                Integer.parseInt(values.get("sync_limit")),
                heap,
                heapBytes,
                Integer.parseInt(values.get("max_client_cnxns")),
                Integer.parseInt(values.get("snap_retain_count")),
                Integer.parseInt(values.get("purge_interval")),
                min.isEmpty() ? 2 * tick : Integer.parseInt(min),
                max.isEmpty() ? 20 * tick : Integer.parseInt(max),
                values.get("log_level"),
                explicit);
    }

    /** The configuration of a container that runs {@code start-zookeeper} with no options: every default. */
    public static ZkConfig defaults() {
        return parse(List.of());
    }

    /**
     * The bytes of a JVM heap size as the script passes it to {@code -Xmx} and {@code -Xms}: digits with an optional
     * k, m, g or t suffix (either case, powers of 1024), so {@code 512M} is 536870912.
     *
     * @throws IllegalArgumentException when the JVM would refuse the size
     */
    public static long heapBytes(String heap) {
        Matcher m = HEAP.matcher(heap);
        if (!m.matches()) {
            throw new IllegalArgumentException("--heap=" + heap + " is not a JVM heap size: the script starts the JVM"
                    + " with -Xmx" + heap + ", which the JVM rejects. Use digits with an optional k, m, g or t suffix,"
                    + " e.g. --heap=512M or --heap=2G (no 'B', no 'i', no decimals).");
        }
        int shift =
                switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--heap=" + heap + " is too large");
        }
        if (n == 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("--heap=" + heap + " is not a usable heap size for the JVM.");
        }
        return n << shift;
    }

    private static String token(List<String> args, String name) {
        String found = "--" + name;
        for (String a : args) {
            if (a.startsWith("--" + name + "=")) {
                found = a;
            }
        }
        return found;
    }

    private static boolean isScript(String word) {
        return basename(word).equals(SCRIPT);
    }

    private static String basename(String word) {
        return word.substring(word.lastIndexOf('/') + 1);
    }

    private static String knownOptions() {
        StringBuilder sb = new StringBuilder();
        for (String k : DEFAULTS.keySet()) {
            sb.append(sb.length() == 0 ? "" : ", ").append("--").append(k);
        }
        return sb.toString();
    }
}
