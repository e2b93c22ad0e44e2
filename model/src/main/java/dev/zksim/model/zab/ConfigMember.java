package dev.zksim.model.zab;

import java.util.Objects;

/**
 * One {@code server.N=} line of a dynamic configuration, as ZooKeeper's QuorumPeer.QuorumServer reads and prints it:
 * {@code host:quorumPort:electionPort:participant|observer;clientHost:clientPort}.
 *
 * @param sid the server id (N)
 * @param quorumAddress {@code host:quorumPort:electionPort}
 * @param observer whether the member is an {@code :observer} (never votes) rather than a participant
 * @param clientAddress {@code clientHost:clientPort}; a bare port reads as {@code 0.0.0.0:port}, as QuorumServer binds
 *     it on every interface; {@code ""} when the line names none (a static zoo.cfg line)
 */
public record ConfigMember(int sid, String quorumAddress, boolean observer, String clientAddress) {

    public ConfigMember {
        Objects.requireNonNull(quorumAddress, "quorumAddress");
        Objects.requireNonNull(clientAddress, "clientAddress");
        if (sid < 0) {
            throw new IllegalArgumentException("server id must not be negative, got " + sid);
        }
    }

    /**
     * Parses {@code server.N=host:p1:p2[:role][;[clientHost:]clientPort]} or {@code N=...} (what {@code reconfig -add}
     * takes); empty when malformed (QuorumServer's ConfigException, which the leader reports as BadArguments).
     */
    public static java.util.Optional<ConfigMember> parse(String line) {
        int eq = line.indexOf('=');
        if (eq < 0 || line.indexOf('=', eq + 1) >= 0) {
            return java.util.Optional.empty();
        }
        String key = line.substring(0, eq).trim();
        key = key.substring(key.lastIndexOf('.') + 1);
        String value = line.substring(eq + 1).trim();
        int sid;
        try {
            sid = Integer.parseInt(key);
        } catch (NumberFormatException ex) {
            return java.util.Optional.empty();
        }
        String client = "";
        int semi = value.indexOf(';');
        if (semi >= 0) {
            client = value.substring(semi + 1);
            value = value.substring(0, semi);
            if (!client.contains(":")) {
                client = "0.0.0.0:" + client;
            }
            if (!validPort(client.substring(client.lastIndexOf(':') + 1))) {
                return java.util.Optional.empty();
            }
        }
        String[] parts = value.split(":", -1);
        if (parts.length < 3 || parts.length > 4 || parts[0].isEmpty()) {
            return java.util.Optional.empty();
        }
        if (!validPort(parts[1]) || !validPort(parts[2])) {
            return java.util.Optional.empty();
        }
        boolean observer = false;
        if (parts.length == 4) {
            if (parts[3].equalsIgnoreCase("observer")) {
                observer = true;
            } else if (!parts[3].equalsIgnoreCase("participant")) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(
                new ConfigMember(sid, parts[0] + ":" + parts[1] + ":" + parts[2], observer, client));
    }

    private static boolean validPort(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(s);
        return port > 0 && port < 65536;
    }

    /** The host of the quorum address. */
    public String host() {
        return quorumAddress.substring(0, quorumAddress.indexOf(':'));
    }

    /** {@code server.N=host:p1:p2:participant;0.0.0.0:2181}, as QuorumServer.toString prints it. */
    public String line() {
        return "server." + sid + "=" + quorumAddress + (observer ? ":observer" : ":participant")
                + (clientAddress.isEmpty() ? "" : ";" + clientAddress);
    }

    /** The same member with a different role. */
    public ConfigMember asObserver(boolean obs) {
        return new ConfigMember(sid, quorumAddress, obs, clientAddress);
    }
}
