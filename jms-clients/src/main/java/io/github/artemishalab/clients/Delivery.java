package io.github.artemishalab.clients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How hard the clients try: what a failed send and a received message lead to. */
public enum Delivery {
    /** Non-transacted, auto-ack; a send that throws is logged and skipped. Shows what goes wrong. */
    NAIVE("naive"),
    /** A send that throws is retried; the consumer acknowledges after recording. No loss, duplicates possible. */
    AT_LEAST_ONCE("at-least-once"),
    /** Retried sends carry {@code _AMQ_DUPL_ID} so the broker drops resends; the consumer is transacted and idempotent. */
    EXACTLY_ONCE("exactly-once");

    private final String id;

    Delivery(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    public static Delivery parse(String s) {
        return Arrays.stream(values()).filter(d -> d.id.equalsIgnoreCase(s) || d.name().equalsIgnoreCase(s))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown delivery '" + s + "' (choose one of: "
                        + Arrays.stream(values()).map(Delivery::id).collect(Collectors.joining(", ")) + ")"));
    }

    @Override
    public String toString() {
        return id;
    }
}
