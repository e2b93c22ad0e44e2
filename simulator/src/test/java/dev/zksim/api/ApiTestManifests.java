package dev.zksim.api;

/** The manifests of the API tests (paths relative to the simulator module, surefire's working directory). */
final class ApiTestManifests {
    /**
     * The tutorial with Parallel pod management, publishNotReadyAddresses, tickTime 1 s, a 2 s minimum session
     * timeout and probes after 2 s: every story here takes seconds of ZooKeeper time instead of tens.
     */
    static final String FAST = "src/test/resources/api/zookeeper-fast.yaml";

    private ApiTestManifests() {}
}
