package io.github.artemishalab.clients.verify;

/** What one checker found: its own figures, and the verdict they lead to. */
public interface CheckResult {

    Verdict verdict();
}
