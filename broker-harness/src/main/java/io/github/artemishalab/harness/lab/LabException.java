package io.github.artemishalab.harness.lab;

/**
 * An expected failure of the lab (bad input, a busy port, a node that would not start): the CLI prints its message
 * as one line on stderr and exits with {@link #exitCode()}.
 */
public class LabException extends RuntimeException {

    /** Exit code of a lab that failed (a broker did not start, a node died). */
    public static final int LAB_FAILED = 4;
    /** Exit code of bad usage: unknown node, wrong option value, busy lab directory. */
    public static final int USAGE = 2;

    private final int exitCode;

    public LabException(String message) {
        this(LAB_FAILED, message, null);
    }

    public LabException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public LabException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
