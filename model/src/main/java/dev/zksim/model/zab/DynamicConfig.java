package dev.zksim.model.zab;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A server's membership as ZooKeeper's dynamic reconfiguration versions it (QuorumMaj with a version): the members by
 * id and the version, which is the zxid of the reconfig transaction that made the config (PrepRequestProcessor sets
 * {@code request.qv.setVersion(zxid)}), or 0 for a config read from a file without a version (ZOOKEEPER-1783, see
 * Leader.lead). Immutable; {@link #text()} is {@code /zookeeper/config} byte for byte.
 *
 * @param members the {@code server.N} lines by id
 * @param version the config's version (a zxid, or 0)
 */
public record DynamicConfig(SortedMap<Integer, ConfigMember> members, long version) {

    public DynamicConfig {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
        for (var e : members.entrySet()) {
            if (e.getKey() != e.getValue().sid()) {
                throw new IllegalArgumentException("member " + e.getValue() + " filed under id " + e.getKey());
            }
        }
    }

    /** A config of these members (later ids replace earlier ones) at {@code version}. */
    public static DynamicConfig of(Collection<ConfigMember> members, long version) {
        TreeMap<Integer, ConfigMember> m = new TreeMap<>();
        for (ConfigMember c : members) {
            m.put(c.sid(), c);
        }
        return new DynamicConfig(m, version);
    }

    /**
     * Parses {@code server.N=} lines (other lines, such as {@code version=}, are skipped; a {@code version=<hex>} line
     * sets the version, else 0); empty if a server line is malformed.
     */
    public static Optional<DynamicConfig> parse(String text) {
        List<ConfigMember> members = new ArrayList<>();
        long version = 0;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("server.")) {
                Optional<ConfigMember> m = ConfigMember.parse(line);
                if (m.isEmpty()) {
                    return Optional.empty();
                }
                members.add(m.get());
            } else if (line.startsWith("version=")) {
                version = Long.parseUnsignedLong(line.substring("version=".length()), 16);
            }
        }
        return Optional.of(of(members, version));
    }

    /** The participants' ids: the voters (observers never vote, QuorumMaj.getVotingMembers). */
    public SortedSet<Integer> voters() {
        TreeSet<Integer> v = new TreeSet<>();
        for (ConfigMember m : members.values()) {
            if (!m.observer()) {
                v.add(m.sid());
            }
        }
        return Collections.unmodifiableSortedSet(v);
    }

    /** The majority of the voters; a config without voters has none (every set fails). */
    public QuorumVerifier verifier() {
        SortedSet<Integer> v = voters();
        return v.isEmpty() ? NoVoters.INSTANCE : new MajorityQuorum(v);
    }

    /** Whether {@code sid} is a voting member. */
    public boolean isVoter(int sid) {
        ConfigMember m = members.get(sid);
        return m != null && !m.observer();
    }

    /** The {@code server.N=} lines, ascending by id, each ending in a newline (a reconfig transaction's payload). */
    public String memberLines() {
        StringBuilder sb = new StringBuilder();
        for (ConfigMember m : members.values()) {
            sb.append(m.line()).append('\n');
        }
        return sb.toString();
    }

    /** {@code /zookeeper/config}: QuorumMaj.toString, the member lines then {@code version=<hex>}. */
    public String text() {
        return memberLines() + "version=" + Long.toHexString(version);
    }

    /** The same members at another version. */
    public DynamicConfig withVersion(long v) {
        return new DynamicConfig(members, v);
    }

    /** Whether both list the same members (ignoring the version). */
    public boolean sameMembers(DynamicConfig other) {
        return members.equals(other.members);
    }

    /** A verifier no set satisfies: a config whose every member is an observer. */
    private enum NoVoters implements QuorumVerifier {
        INSTANCE;

        @Override
        public SortedSet<Integer> votingMembers() {
            return Collections.emptySortedSet();
        }

        @Override
        public long weight(int sid) {
            return 0;
        }

        @Override
        public boolean containsQuorum(Collection<Integer> sids) {
            return false;
        }
    }
}
