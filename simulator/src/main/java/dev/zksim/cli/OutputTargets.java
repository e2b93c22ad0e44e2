package dev.zksim.cli;

import dev.zksim.model.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before a run starts, that the files a run will write ({@code --json FILE}, {@code --report DIR}) can be
 * written, so a long real-engine run is never spent only to fail at the end. A path that does not exist yet is
 * writable when its nearest existing ancestor is a directory this process may write to (the report creates the rest;
 * a JSON file's directory must exist).
 */
final class OutputTargets {
    private OutputTargets() {}

    /** {@code --json FILE}: an existing writable file, or a new file in an existing writable directory. */
    static void checkFile(Path file, String option) {
        Path abs = file.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            throw new InvalidInputException(null, 0, option, file + " is a directory; name a file for the result.");
        }
        if (Files.exists(abs)) {
            if (!Files.isWritable(abs)) {
                throw new InvalidInputException(
                        null,
                        0,
                        option,
                        file + " exists and cannot be written (permission " + "denied); choose another file.");
            }
            return;
        }
        Path parent = abs.getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new InvalidInputException(
                    null, 0, option, "cannot write " + file + ": " + parent + " is a file, " + "not a directory.");
        }
        if (parent == null || !Files.isDirectory(parent)) {
            throw new InvalidInputException(
                    null,
                    0,
                    option,
                    "cannot write " + file + ": the directory "
                            + (parent == null ? "" : parent + " ")
                            + "does not exist; create it first or name a file in an "
                            + "existing directory.");
        }
        checkCreatable(parent, file, option);
    }

    /** {@code --report DIR}: an existing writable directory, or one that can be created. */
    static void checkDirectory(Path dir, String option) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isDirectory(abs)) {
            if (!Files.isWritable(abs)) {
                throw new InvalidInputException(
                        null,
                        0,
                        option,
                        dir + " cannot be written (permission denied); " + "choose a directory you can write to.");
            }
            return;
        }
        if (Files.exists(abs)) {
            throw new InvalidInputException(
                    null, 0, option, dir + " is a file, not a directory; name a directory (it is created if missing).");
        }
        checkCreatable(abs.getParent(), dir, option);
    }

    private static void checkCreatable(Path parent, Path asGiven, String option) {
        Path p = parent;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null || !Files.isDirectory(p)) {
            throw new InvalidInputException(
                    null,
                    0,
                    option,
                    "cannot create " + asGiven + ": "
                            + (p == null ? "no part of the path exists" : p + " is a file, not a directory") + ".");
        }
        if (!Files.isWritable(p)) {
            throw new InvalidInputException(
                    null,
                    0,
                    option,
                    "cannot create " + asGiven + ": " + p
                            + " cannot be written (permission denied). Choose a path you can write to.");
        }
    }
}
