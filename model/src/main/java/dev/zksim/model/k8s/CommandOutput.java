package dev.zksim.model.k8s;

/**
 * A line a kubectl command printed ({@code node/node-1 cordoned}, {@code evicting pod default/zk-2},
 * {@code error when evicting pods/"zk-2" -n "default" (will retry after 5s): Cannot evict pod ...}).
 *
 * @param command the command as a user would type it ({@code kubectl drain node-1})
 */
public record CommandOutput(long timeMs, String command, String line) implements TimelineEntry {
    @Override
    public String render() {
        return line;
    }
}
