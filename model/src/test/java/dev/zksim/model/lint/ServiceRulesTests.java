package dev.zksim.model.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zksim.model.fixture.EnsembleFixture;
import dev.zksim.model.manifest.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceRulesTests {

    private static ServiceSpec ports(ServiceSpec s, ServiceSpec.ServicePort... ports) {
        return new ServiceSpec(s.name(), s.headless(), s.selector(), List.of(ports), false, s.documentIndex());
    }

    @Test
    void missingGoverningServiceIsAnError() {
        var f = EnsembleFixture.tutorial().withoutService("zk-hs");
        assertThat(Lint.of(f, "headless-service-missing")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.serviceName");
            assertThat(x.message()).contains("no Service zk-hs", "never resolve");
        });
    }

    @Test
    void serviceNameNamingTheClientServiceIsAnError() {
        var f = EnsembleFixture.tutorial().serviceName("zk-cs");
        assertThat(Lint.of(f, "headless-service-missing")).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("spec.clusterIP");
            assertThat(x.message()).contains("not headless");
        });
    }

    @Test
    void emptyServiceNameIsAnError() {
        assertThat(Lint.of(EnsembleFixture.tutorial().serviceName(""), "headless-service-missing"))
                .hasSize(1);
    }

    @Test
    void tutorialServicesPass() {
        var f = EnsembleFixture.tutorial();
        assertThat(Lint.of(f, "headless-service-missing")).isEmpty();
        assertThat(Lint.of(f, "headless-service-ports")).isEmpty();
        assertThat(Lint.of(f, "client-service-port")).isEmpty();
    }

    @Test
    void headlessServiceWithoutTheElectionPortIsAWarning() {
        var f = EnsembleFixture.tutorial()
                .service("zk-hs", s -> ports(s, new ServiceSpec.ServicePort("server", 2888, null)));
        assertThat(Lint.of(f, "headless-service-ports")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.message()).contains("--election_port=3888").doesNotContain("--server_port");
        });
    }

    @Test
    void headlessServicePortsFollowTheFlags() {
        var f = EnsembleFixture.tutorial().serverPort(2890).electionPort(3890);
        assertThat(Lint.of(f, "headless-service-ports")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("--server_port=2890 and --election_port=3890"));
    }

    @Test
    void clientServiceForwardingElsewhereIsAnError() {
        var f = EnsembleFixture.tutorial().clientPort(2182);
        assertThat(Lint.of(f, "client-service-port")).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.path()).isEqualTo("spec.ports[0].targetPort");
            assertThat(x.message()).contains("2181→2181", "--client_port=2182", "refused");
        });
    }

    @Test
    void targetPortByNumberOrNameIsResolved() {
        var byNumber = EnsembleFixture.tutorial()
                .clientPort(2182)
                .service("zk-cs", s -> ports(s, new ServiceSpec.ServicePort("client", 2181, "2182")));
        assertThat(Lint.of(byNumber, "client-service-port")).isEmpty();
        var byName = EnsembleFixture.tutorial()
                .service("zk-cs", s -> ports(s, new ServiceSpec.ServicePort("client", 80, "client")));
        assertThat(Lint.of(byName, "client-service-port")).isEmpty();
        var unknownName = EnsembleFixture.tutorial()
                .service("zk-cs", s -> ports(s, new ServiceSpec.ServicePort("client", 2181, "zk-client")));
        assertThat(Lint.of(unknownName, "client-service-port")).singleElement().satisfies(x -> assertThat(x.message())
                .contains("named port 'zk-client'"));
    }

    @Test
    void servicesOfOtherAppsAreNotClientServices() {
        var f = EnsembleFixture.tutorial()
                .service(
                        "kafka",
                        s -> new ServiceSpec(
                                "kafka",
                                false,
                                Map.of("app", "kafka"),
                                List.of(new ServiceSpec.ServicePort("broker", 9092, null)),
                                false,
                                5));
        assertThat(Lint.of(f, "client-service-port")).isEmpty();
    }
}
