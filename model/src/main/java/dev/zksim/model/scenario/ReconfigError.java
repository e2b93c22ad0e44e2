package dev.zksim.model.scenario;

import java.util.Optional;

/**
 * Why a {@code reconfig} was not committed, as {@code expect-reconfig-fails} names it: one of the errors ZooKeeper's
 * leader answers (PrepRequestProcessor, in the order it checks them; docs/reconfig.md), or no answer at all.
 */
public enum ReconfigError {
    /** {@code reconfigEnabled} is false, ZooKeeper's default: {@code KeeperErrorCode = Reconfig is disabled}. */
    DISABLED("disabled", "RECONFIGDISABLED", "Reconfig is disabled"),
    /** Another reconfig is proposed and not yet committed. */
    IN_PROGRESS("in-progress", "RECONFIGINPROGRESS", "ReconfigInProgress"),
    /** The leader has no connected, synced quorum of the new configuration. */
    NO_QUORUM("no-quorum", "NEWCONFIGNOQUORUM", "NewConfigNoQuorum"),
    /** A malformed server string, too few voters left, or a non-majority quorum system. */
    BAD_ARGUMENTS("bad-arguments", "BADARGUMENTS", "BadArguments"),
    /** No server answered: no leader with a quorum, or the client found no serving server in time. */
    UNAVAILABLE("unavailable", "", "");

    private final String yamlName;
    private final String codeName;
    private final String codeMessage;

    ReconfigError(String yamlName, String codeName, String codeMessage) {
        this.yamlName = yamlName;
        this.codeName = codeName;
        this.codeMessage = codeMessage;
    }

    /** The name scenarios use ({@code error: disabled}). */
    public String yamlName() {
        return yamlName;
    }

    /** The error named {@code yamlName}, if there is one. */
    public static Optional<ReconfigError> of(String yamlName) {
        for (ReconfigError e : values()) {
            if (e.yamlName.equals(yamlName)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a failed request's {@code reason} is this error. {@code unavailable} says whether the ensemble gave no
     * answer. An answer reads as the Java client's {@code KeeperException.Code} name (the real engine's client) or as
     * its message, {@code KeeperErrorCode = ...} (the model's).
     */
    public boolean matches(boolean unavailable, String reason) {
        if (this == UNAVAILABLE) {
            return unavailable;
        }
        return !unavailable && (reason.equals(codeName) || reason.contains("KeeperErrorCode = " + codeMessage));
    }
}
