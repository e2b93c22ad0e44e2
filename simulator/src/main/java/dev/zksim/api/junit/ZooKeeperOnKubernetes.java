package dev.zksim.api.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test a started {@link dev.zksim.api.ZkOnKubernetes} as a parameter: on a test class or method, declare a
 * parameter of that type in a test, {@code @BeforeEach} or {@code @BeforeAll} method. A handle injected into a
 * {@code @BeforeAll} method is shared by the class's tests and closed after all of them; otherwise each test method
 * gets its own, closed after it. After close, anything left behind (thread, listening socket, DNS name, directory)
 * fails the test. The attributes size the ensemble; the method's annotation wins over the class's.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ZkOnKubernetesExtension.class)
public @interface ZooKeeperOnKubernetes {
    /**
     * Replicas and start-zookeeper's {@code --servers}; replicas only for {@code zookeeper-reconfig.yaml}, whose members
     * come from the running ensemble ({@code ZkOnKubernetes.Builder#servers}).
     */
    int servers() default 3;

    /** Nodes of the cluster; 0 means servers + 1 (so a drain can move a pod). */
    int nodes() default 0;

    /** A manifest file (relative to the working directory); empty means {@link #bundled()}. */
    String manifest() default "";

    /** A bundled manifest by file name ({@code zookeeper.yaml}, {@code zookeeper-parallel.yaml}, ...). */
    String bundled() default "zookeeper.yaml";

    /** start-zookeeper flags changed before the apply, each {@code name=value} ({@code tick_time=1000}). */
    String[] flags() default {};

    /** Kubernetes time per wall time while ZooKeeper is at rest. */
    double timeScale() default 100;

    /** The control plane's seed. */
    long seed() default 1;

    /**
     * Whether the network-fault layer is in place (partitions, pauses, node power loss need it); always off for
     * {@code zookeeper-reconfig.yaml} ({@code ZkOnKubernetes.Builder#faultLayer}).
     */
    boolean faultLayer() default true;
}
