package dev.zksim.cli;

import dev.zksim.model.InvalidInputException;
import dev.zksim.runtime.JvmHostsFile;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code zksim}. Exit codes, shared by every command: 0 success, 1 a check failed (lint error,
 * expectation not held), 2 bad input (one paragraph naming file, line and field; no stack trace), 3 internal error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int CHECK_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL_ERROR = 3;

    private Main() {}

    public static void main(String[] args) {
        // first, before picocli or Logback resolve a name: the real engine's cluster DNS is a hosts file the JDK must
        // read from its first lookup on (docs/real-engine.md, "Cluster DNS")
        JvmHostsFile.bootstrap();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the CLI with the given streams and returns the exit code (tests call this instead of {@link #main}). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new ZksimCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(t -> t instanceof InvalidInputException ? BAD_INPUT : INTERNAL_ERROR);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("zksim: " + ex.getMessage());
            err.println("Run 'zksim " + ex.getCommandLine().getCommandName() + " --help' for usage.");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InvalidInputException) {
                err.println("zksim: " + ex.getMessage());
                return BAD_INPUT;
            }
            err.println("zksim: internal error: " + ex);
            ex.printStackTrace(err);
            return INTERNAL_ERROR;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
