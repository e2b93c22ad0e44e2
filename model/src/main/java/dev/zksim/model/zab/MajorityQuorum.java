package dev.zksim.model.zab;

import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Plain majority of the voting members (QuorumMaj: a set is a quorum when it holds more than half of them), every
 * voter with weight 1.
 */
public record MajorityQuorum(SortedSet<Integer> votingMembers) implements QuorumVerifier {

    public MajorityQuorum {
        if (votingMembers.isEmpty()) {
            throw new IllegalArgumentException("a quorum needs at least one voting member");
        }
        votingMembers = Collections.unmodifiableSortedSet(new TreeSet<>(votingMembers));
    }

    /** Servers 1..n, as start-zookeeper's {@code --servers=n} lists them. */
    public static MajorityQuorum ofServers(int n) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        return new MajorityQuorum(ids);
    }

    @Override
    public long weight(int sid) {
        return votingMembers.contains(sid) ? 1 : 0;
    }

    @Override
    public boolean containsQuorum(Collection<Integer> sids) {
        int count = 0;
        Collection<Integer> unique = sids instanceof java.util.Set<Integer> ? sids : new TreeSet<>(sids);
        for (Integer sid : unique) {
            if (votingMembers.contains(sid)) {
                count++;
            }
        }
        return count > votingMembers.size() / 2;
    }
}
