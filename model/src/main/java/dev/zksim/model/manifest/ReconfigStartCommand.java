package dev.zksim.model.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The start script of {@code k8s-manifests/zookeeper-reconfig.yaml}: a {@code bash -c SCRIPT zk-reconfig-start
 * FLAGS...} container command (bash hands the word after the script to it as {@code $0} and the rest as
 * {@code "$@"}). The script takes the tutorial's {@code start-zookeeper} flags ({@code --name=value}, the same
 * defaults, an unknown name prints "Unknown option" and exits 1) except {@code --servers} and {@code --log_level}:
 * its members are not a flag but ZooKeeper's dynamic configuration (reconfigEnabled=true, a dynamic config file on
 * the PVC, the pod adds itself with {@code reconfig -add} once it serves and removes itself in preStop), and the
 * official image logs through logback. One flag is its own: {@code --participants=N} (issue #15) makes the pods with
 * ordinal {@code >= N} join as observers ({@code server.M=HOST:2888:3888:observer;2181}, in the dynamic file and in
 * the join loop's {@code reconfig -add}); unset, every pod joins as a participant.
 *
 * <p>zksim reads such a manifest (lint, {@code zksim config}) with {@link ZkConfig#servers()} = the StatefulSet's
 * replicas, the member count the scheme converges to.
 */
public final class ReconfigStartCommand {
    /** The script's name, as {@code $0}. */
    public static final String NAME = "zk-reconfig-start";

    /** The script's default configuration directory: on the PVC, so the dynamic config file survives restarts. */
    public static final String CONF_DIR = "/var/lib/zookeeper/conf";

    /** The start script's {@code timeout 20 zkCli.sh -server zk-cs:2181 config}. */
    public static final long CONFIG_QUERY_TIMEOUT_MS = 20_000;
    /** The start script's background loop: {@code for try in $(seq 1 60)}. */
    public static final int ADD_TRIES = 60;
    /** That loop's {@code timeout 20 zkCli.sh ... reconfig -add}. */
    public static final long ADD_TIMEOUT_MS = 20_000;
    /** The preStop hook: {@code for try in $(seq 1 10)}. */
    public static final int REMOVE_TRIES = 10;
    /** The preStop hook's {@code timeout 10} on each zkCli.sh. */
    public static final long REMOVE_TIMEOUT_MS = 10_000;
    /** {@code sleep 2} between tries, in both loops. */
    public static final long TRY_PAUSE_MS = 2_000;

    /** The script's own flag: pods with ordinal below it are participants, the rest observers. */
    public static final String PARTICIPANTS = "participants";

    private static final Set<String> NOT_TAKEN = Set.of("servers", "log_level");

    private ReconfigStartCommand() {}

    /**
     * The flags of a {@code [bash, -c, SCRIPT, zk-reconfig-start, FLAGS...]} command.
     *
     * @return empty when the command does not run the script this way
     */
    public static Optional<List<String>> arguments(List<String> command) {
        if (command.size() < 4
                || !command.get(0).replaceAll(".*/", "").equals("bash")
                || !command.get(1).equals("-c")
                || !command.get(3).equals(NAME)) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(command.subList(4, command.size())));
    }

    /** Whether {@code command} runs the script ({@link #arguments}). */
    public static boolean runs(List<String> command) {
        return arguments(command).isPresent();
    }

    /**
     * The configuration the script writes for an ensemble converging to {@code members} servers.
     *
     * @throws StartZookeeperCommand.FlagException for a flag the script rejects
     */
    public static ZkConfig parse(List<String> args, int members) {
        participantsOf(args);
        List<String> zkArgs = args.stream()
                .filter(a -> !a.startsWith("--" + PARTICIPANTS + "=") && !a.equals("--" + PARTICIPANTS))
                .toList();
        for (String a : zkArgs) {
            String name = a.startsWith("--") ? a.substring(2).replaceAll("=.*", "") : "";
            if (NOT_TAKEN.contains(name)) {
                throw new StartZookeeperCommand.FlagException(
                        a,
                        NAME + " prints 'Unknown option " + a + "' and exits 1: "
                                + (name.equals("servers")
                                        ? "the members come from ZooKeeper's dynamic configuration, not a flag."
                                        : "the zookeeper image logs through logback; set the level there.")
                                + " Remove the flag.");
            }
        }
        return StartZookeeperCommand.parse(zkArgs, Map.of("servers", Integer.toString(members), "conf_dir", CONF_DIR));
    }

    /**
     * {@code --participants=N} of a container command that runs the script; empty when the command does not run it or
     * the flag is unset (every pod a participant). The last occurrence wins, as the script's loop assigns each in turn.
     *
     * @throws StartZookeeperCommand.FlagException for a value the script rejects
     */
    public static OptionalInt participants(List<String> command) {
        return arguments(command).map(ReconfigStartCommand::participantsOf).orElse(OptionalInt.empty());
    }

    /**
     * The role the script gives pod {@code ordinal}: {@code observer} when {@code --participants} is set and the
     * ordinal is not below it, else {@code participant} (its {@code role} variable, the fourth field of the server
     * line).
     */
    public static String role(List<String> command, int ordinal) {
        OptionalInt n = participants(command);
        return n.isPresent() && ordinal >= n.getAsInt() ? "observer" : "participant";
    }

    /**
     * The script's check: {@code [[ $participants =~ ^[1-9][0-9]*$ ]] || exit 1} when the value is not empty (an
     * empty one is as if unset). Zero would make zk-0 an observer
     * alone, and ZooKeeper refuses a configuration without a participant (QuorumPeerConfig.parseDynamicConfig:
     * "standaloneEnabled = false then number of participants should be >0"), so the script refuses it first.
     */
    private static OptionalInt participantsOf(List<String> args) {
        OptionalInt found = OptionalInt.empty();
        for (String a : args) {
            if (a.equals("--" + PARTICIPANTS)) {
                throw new StartZookeeperCommand.FlagException(
                        a,
                        NAME + " reads '" + a + "' without a value and exits 1: give the number of voting participants"
                                + " as --" + PARTICIPANTS + "=3 (pods zk-0..zk-2 vote, the others join as observers).");
            }
            if (a.startsWith("--" + PARTICIPANTS + "=")) {
                String v = a.substring(a.indexOf('=') + 1);
                if (v.isEmpty()) {
                    found = OptionalInt.empty(); // [ -n "$participants" ] is false: as if unset, every pod votes
                    continue;
                }
                if (!v.matches("[1-9][0-9]{0,8}")) {
                    throw new StartZookeeperCommand.FlagException(
                            a,
                            "--" + PARTICIPANTS + "=" + v + " is not a whole number of at least 1: " + NAME
                                    + " prints '--participants=" + v + " is not a whole number above 0' and exits 1."
                                    + " It is how many pods, from ordinal 0, join as voting participants (the others"
                                    + " join as observers), e.g. --" + PARTICIPANTS + "=3.");
                }
                found = OptionalInt.of(Integer.parseInt(v));
            }
        }
        return found;
    }
}
