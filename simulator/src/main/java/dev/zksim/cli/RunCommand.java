package dev.zksim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zksim run} (placeholder: its issue replaces this file). */
@Command(name = "run", description = "Not implemented yet.")
public final class RunCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("zksim run is not implemented yet");
    }
}
