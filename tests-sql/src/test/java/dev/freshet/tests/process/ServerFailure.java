package dev.freshet.tests.process;

/** A test's server could not be started, stopped or restarted: the test cannot go on. */
public final class ServerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServerFailure(String message) {
        super(message);
    }

    public ServerFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
