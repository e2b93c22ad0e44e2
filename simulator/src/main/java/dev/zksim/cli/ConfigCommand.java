package dev.zksim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zksim config} (placeholder: its issue replaces this file). */
@Command(name = "config", description = "Not implemented yet.")
public final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("zksim config is not implemented yet");
    }
}
