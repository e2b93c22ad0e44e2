package dev.zksim.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code zksim lint} (placeholder: its issue replaces this file). */
@Command(name = "lint", description = "Not implemented yet.")
public final class LintCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("zksim lint is not implemented yet");
    }
}
