package io.github.artemishalab.clients.verify;

import com.fasterxml.jackson.annotation.JsonValue;

/** The outcome of a continuity check, with the process exit code that reports it. */
public enum Verdict {
    /** Nothing confirmed was lost, and no duplicate broke the delivery guarantee. */
    OK("ok", 0),
    /** A confirmed message was lost, or a duplicate reached the application under exactly-once. */
    VIOLATED("violated", 1),
    /** The receiver stopped before draining, so missing messages may still be on the broker. */
    UNKNOWN("unknown", 3);

    private final String label;
    private final int exitCode;

    Verdict(String label, int exitCode) {
        this.label = label;
        this.exitCode = exitCode;
    }

    @JsonValue
    public String label() {
        return label;
    }

    public int exitCode() {
        return exitCode;
    }
}
