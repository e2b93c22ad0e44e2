package dev.zksim.runtime.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.runtime.net.LinkRules.Action;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rule book the forwarders consult: which links stall, drop or slow down. */
class LinkRulesTests {

    @Test
    void aPartitionStallsLinksBetweenGroupsAndPutsTheClientsInTheirGroup() {
        LinkRules r = new LinkRules();
        r.partition(List.of(Set.of("zk-1")), 1);
        assertThat(r.verdict("zk-0", "zk-1").action()).isEqualTo(Action.STALL);
        assertThat(r.verdict("zk-1", "zk-2").action()).isEqualTo(Action.STALL);
        assertThat(r.verdict("zk-0", "zk-2").action()).isEqualTo(Action.PASS);
        assertThat(r.verdict(LinkRules.CLIENT, "zk-1").action()).isEqualTo(Action.STALL);
        assertThat(r.verdict(LinkRules.CLIENT, "zk-0").action()).isEqualTo(Action.PASS);

        r.partition(List.of(Set.of("zk-1")), 0);
        assertThat(r.verdict(LinkRules.CLIENT, "zk-1").action()).isEqualTo(Action.PASS);
        assertThat(r.verdict(LinkRules.CLIENT, "zk-0").action()).isEqualTo(Action.STALL);

        assertThat(r.heal()).isTrue();
        assertThat(r.verdict("zk-0", "zk-1").action()).isEqualTo(Action.PASS);
        assertThat(r.heal()).as("nothing left to heal").isFalse();
    }

    @Test
    void pausedAndPoweredOffPodsAreSilentBothWaysUntilResumedOrRestarted() {
        LinkRules r = new LinkRules();
        assertThat(r.pause("zk-1")).isTrue();
        assertThat(r.verdict("zk-1", "zk-0").action()).isEqualTo(Action.STALL);
        assertThat(r.verdict(LinkRules.CLIENT, "zk-1").action()).isEqualTo(Action.STALL);
        assertThat(r.heal()).isFalse();
        assertThat(r.verdict("zk-0", "zk-1").action())
                .as("heal does not resume")
                .isEqualTo(Action.STALL);
        assertThat(r.resume("zk-1")).isTrue();
        assertThat(r.verdict("zk-0", "zk-1").action()).isEqualTo(Action.PASS);
        assertThat(r.resume("zk-1")).isFalse();

        r.powerOff("zk-2");
        assertThat(r.verdict("zk-0", "zk-2").action()).isEqualTo(Action.STALL);
        r.poweredOn("zk-2");
        assertThat(r.verdict("zk-0", "zk-2").action()).isEqualTo(Action.PASS);
    }

    @Test
    void slowAndDroppedLinksAreDirected() {
        LinkRules r = new LinkRules();
        r.delay("zk-0", "zk-1", 50);
        r.drop("zk-2", "zk-0");
        assertThat(r.verdict("zk-0", "zk-1")).isEqualTo(new LinkRules.LinkDecision(Action.PASS, 50));
        assertThat(r.verdict("zk-1", "zk-0")).isEqualTo(new LinkRules.LinkDecision(Action.PASS, 0));
        assertThat(r.verdict("zk-2", "zk-0").action()).isEqualTo(Action.DROP);
        assertThat(r.verdict("zk-0", "zk-2").action()).isEqualTo(Action.PASS);
        assertThat(r.heal()).isTrue();
        assertThat(r.verdict("zk-2", "zk-0").action()).isEqualTo(Action.PASS);
    }
}
