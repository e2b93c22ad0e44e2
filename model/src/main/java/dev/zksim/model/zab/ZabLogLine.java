package dev.zksim.model.zab;

import java.util.Locale;

/** One line of the model's timeline, like a ZooKeeper log line reduced to what changed. */
public record ZabLogLine(long atMs, String pod, String text) {
    /** {@code [   12.345s] zk-1  LEADING ...}: fixed format, so equal runs print byte-identical timelines. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%9.3fs] %-6s %s", atMs / 1000.0, pod, text);
    }
}
