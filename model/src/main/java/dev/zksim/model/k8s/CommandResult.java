package dev.zksim.model.k8s;

import java.util.List;

/**
 * What a kubectl-like command did: whether the API accepted it, and the lines kubectl would print
 * ({@code pod "zk-0" deleted}, {@code Error from server (NotFound): pods "zk-9" not found}). The lines also appear
 * in the timeline as {@link CommandOutput}.
 */
public record CommandResult(boolean ok, List<String> output) {
    public CommandResult {
        output = List.copyOf(output);
    }
}
