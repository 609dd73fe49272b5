package io.github.artemishalab.clients.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a ledger (JSON Lines, append-only). Which fields are set depends on {@link #ev()}:
 * <ul>
 *   <li>{@code start}: {@code role} (sender|receiver), {@code client} (its id), {@code delivery}, {@code detail} (URL)</li>
 *   <li>{@code send}: {@code client} (sender id), {@code seq}, {@code attempt} (1, 2, ...), {@code outcome}
 *       ({@code ok}: the broker confirmed it; {@code fail}: it certainly was not sent; {@code unknown}: the call threw
 *       during failover and the message may or may not be stored), {@code detail} (the error, if any)</li>
 *   <li>{@code recv}: {@code client} (receiver id), {@code sender}, {@code seq}, {@code redelivered} (JMSRedelivered)</li>
 *   <li>{@code dedup}: like {@code recv}, for a message the idempotent (exactly-once) receiver had already recorded and
 *       so dropped instead of handing it to the application again</li>
 *   <li>{@code commit}: a receiver's transaction commit, {@code outcome} ok / unknown (AMQ219031) / fail</li>
 *   <li>{@code failover}: {@code client}, {@code kind} (FAILURE_DETECTED, FAILOVER_COMPLETED, FAILOVER_FAILED)</li>
 *   <li>{@code fault}: {@code kind} (kill, stop, start), {@code node}, {@code round} (the drill round, if a drill
 *       injected it): written by the lab when it injects a fault</li>
 *   <li>{@code state}: {@code node}, {@code kind} (the node's new state): role changes seen by the lab</li>
 *   <li>{@code end}: {@code client}, {@code kind} (why it ended: {@code done}, {@code drained}, {@code interrupted})</li>
 * </ul>
 *
 * @param t           when (epoch ms)
 * @param ev          the event type
 * @param role        sender or receiver (start)
 * @param client      the client's id
 * @param delivery    naive, at-least-once or exactly-once (start)
 * @param sender      the sender id carried by a received message
 * @param seq         the sequence number
 * @param attempt     the send attempt, from 1
 * @param outcome     ok, fail or unknown
 * @param redelivered whether the broker flagged a receipt as redelivered
 * @param kind        the sub-type of failover, fault, state and end events
 * @param node        the node a fault or state event is about
 * @param detail      free text: a URL, an error message
 * @param round       the drill round a fault belongs to (fault)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerEvent(long t, String ev, String role, String client, String delivery, String sender, Long seq,
                          Integer attempt, String outcome, Boolean redelivered, String kind, String node,
                          String detail, Integer round) {

    public static final String START = "start";
    public static final String SEND = "send";
    public static final String RECV = "recv";
    public static final String DEDUP = "dedup";
    public static final String COMMIT = "commit";
    public static final String FAILOVER = "failover";
    public static final String FAULT = "fault";
    public static final String STATE = "state";
    public static final String END = "end";

    public static final String OK = "ok";
    public static final String FAIL = "fail";
    public static final String UNKNOWN = "unknown";

    public static LedgerEvent start(long t, String role, String client, String delivery, String url) {
        return new LedgerEvent(t, START, role, client, delivery, null, null, null, null, null, null, null, url, null);
    }

    public static LedgerEvent send(long t, String client, long seq, int attempt, String outcome, String error) {
        return new LedgerEvent(t, SEND, null, client, null, null, seq, attempt, outcome, null, null, null, error, null);
    }

    public static LedgerEvent recv(long t, String client, String sender, long seq, boolean redelivered) {
        return new LedgerEvent(t, RECV, null, client, null, sender, seq, null, null, redelivered, null, null, null, null);
    }

    public static LedgerEvent dedup(long t, String client, String sender, long seq, boolean redelivered) {
        return new LedgerEvent(t, DEDUP, null, client, null, sender, seq, null, null, redelivered, null, null, null, null);
    }

    public static LedgerEvent commit(long t, String client, String outcome, String error) {
        return new LedgerEvent(t, COMMIT, null, client, null, null, null, null, outcome, null, null, null, error, null);
    }

    public static LedgerEvent failover(long t, String client, String kind) {
        return new LedgerEvent(t, FAILOVER, null, client, null, null, null, null, null, null, kind, null, null, null);
    }

    public static LedgerEvent fault(long t, String kind, String node) {
        return fault(t, kind, node, null);
    }

    /** A fault the lab injected in drill round {@code round} (null: not in a drill). */
    public static LedgerEvent fault(long t, String kind, String node, Integer round) {
        return new LedgerEvent(t, FAULT, null, null, null, null, null, null, null, null, kind, node, null, round);
    }

    public static LedgerEvent state(long t, String node, String state) {
        return new LedgerEvent(t, STATE, null, null, null, null, null, null, null, null, state, node, null, null);
    }

    public static LedgerEvent end(long t, String client, String why) {
        return new LedgerEvent(t, END, null, client, null, null, null, null, null, null, why, null, null, null);
    }
}
