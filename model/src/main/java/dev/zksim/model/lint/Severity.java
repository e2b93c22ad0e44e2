package dev.zksim.model.lint;

/**
 * How bad a {@link Finding} is, most severe first. {@link #ERROR} means the manifest does not do what it says
 * (the API rejects it, data is lost, quorum can be lost, or a server cannot start) and makes {@code zksim lint}
 * exit 1; {@link #WARNING} means a likely outage or stuck operation under some event; {@link #INFO} is worth
 * knowing but often deliberate.
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
