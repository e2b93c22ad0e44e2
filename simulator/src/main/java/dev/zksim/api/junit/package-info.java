/**
 * JUnit 5 support for {@link dev.zksim.api.ZkOnKubernetes}: {@link dev.zksim.api.junit.ZooKeeperOnKubernetes} on a
 * test class or method injects a started ensemble as a parameter and closes it, checked for leaks, afterwards.
 * Needs {@code org.junit.jupiter:junit-jupiter-api} on the test class path (an optional dependency of zksim).
 */
package dev.zksim.api.junit;
