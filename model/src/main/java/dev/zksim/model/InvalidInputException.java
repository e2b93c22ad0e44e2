package dev.zksim.model;

import java.util.Objects;

/**
 * Bad user input (a manifest, a scenario, a flag): carries the file, line and field so the CLI can print one clear
 * paragraph and exit with code 2, without a stack trace.
 *
 * <p>The message reads {@code FILE:LINE: FIELD: problem. hint}; parts that are unknown are left out.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String field;
    private final String problem;

    /**
     * @param file the file, as the user named it (null when the input is not a file)
     * @param line 1-based line, or 0 when unknown
     * @param field the YAML path or flag ({@code spec.template.spec.containers[0].resources}), or null
     * @param problem what is wrong and how to fix it, in plain sentences
     */
    public InvalidInputException(String file, int line, String field, String problem) {
        super(render(file, line, field, problem));
        this.file = file;
        this.line = line;
        this.field = field;
        this.problem = Objects.requireNonNull(problem);
    }

    public InvalidInputException(String file, int line, String field, String problem, Throwable cause) {
        this(file, line, field, problem);
        initCause(cause);
    }

    private static String render(String file, int line, String field, String problem) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
        }
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        return sb.append(problem).toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
