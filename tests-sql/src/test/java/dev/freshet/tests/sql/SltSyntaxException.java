package dev.freshet.tests.sql;

import static java.lang.String.format;

/** A {@code .slt} file that does not follow the format, with the place where it stops making sense. */
public final class SltSyntaxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public SltSyntaxException(String file, int line, String message) {
        super(format("%s:%d: %s", file, line, message));
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }
}
