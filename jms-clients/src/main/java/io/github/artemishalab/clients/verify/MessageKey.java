package io.github.artemishalab.clients.verify;

import java.util.Comparator;

/**
 * One message: its sender id (null if a ledger left it out) and its seq. A send's sender is its {@code client}, a
 * receipt's is its {@code sender}.
 */
public record MessageKey(String sender, long seq) implements Comparable<MessageKey> {

    private static final Comparator<MessageKey> ORDER = Comparator
            .comparing(MessageKey::sender, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(MessageKey::seq);

    @Override
    public int compareTo(MessageKey other) {
        return ORDER.compare(this, other);
    }
}
