/** JMH benchmarks of zksim: the model's speed, and (with the real engine) election, write and recovery latency. */
package dev.zksim.benchmarks;
