/**
 * zksim's JMH suite: real ZooKeeper 3.9.4 servers driven through the real engine (election, write quorum, recovery,
 * memory), Curator's TestingCluster as the baseline on the same events, and the model engine's speed;
 * {@link dev.zksim.benchmarks.ResultsPage} turns the JSON into the HTML page. Run with {@code benchmarks/run.sh};
 * see benchmarks/README.md.
 */
package dev.zksim.benchmarks;
