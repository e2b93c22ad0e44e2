package dev.zksim.api;

/**
 * An operation of {@link ZkOnKubernetes} that the cluster refused or a wait whose condition did not hold within its
 * bound: the message says what was asked, and what the cluster answered or looked like (as kubectl would print it).
 */
public final class ClusterOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was asked and what happened instead */
    public ClusterOperationException(String message) {
        super(message);
    }
}
