package io.github.artemishalab.clients.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of a ledger (JSON Lines, append-only): a sealed family of events told apart by their {@code ev} property,
 * which each writes right after its time {@code t}. The file format is one flat JSON object a line, with only the
 * fields its event has:
 * <ul>
 *   <li>{@code start}: {@code role} (sender|receiver), {@code client} (its id), {@code delivery}, {@code detail} (URL)</li>
 *   <li>{@code send}: {@code client} (sender id), {@code seq}, {@code attempt} (1, 2, ...), {@code outcome}
 *       ({@code ok}: the broker confirmed it; {@code fail}: it certainly was not sent; {@code unknown}: the call threw
 *       during failover and the message may or may not be stored), {@code detail} (the error, if any)</li>
 *   <li>{@code recv}: {@code client} (receiver id), {@code sender}, {@code seq}, {@code redelivered} (JMSRedelivered)</li>
 *   <li>{@code dedup}: like {@code recv}, for a message the idempotent (exactly-once) receiver had already recorded and
 *       so dropped instead of handing it to the application again</li>
 *   <li>{@code commit}: a receiver's transaction commit, {@code outcome} ok / unknown (AMQ219031) / fail</li>
 *   <li>{@code failover}: {@code client}, {@code kind} (FAILURE_DETECTED, FAILOVER_COMPLETED, FAILOVER_FAILED,
 *       WATCHDOG_RECONNECT)</li>
 *   <li>{@code connected}: {@code client}, {@code address} (host:port of the broker it now talks to): at each new
 *       connection and each completed failover, so that a send or receipt can be placed on a node</li>
 *   <li>{@code fault}: {@code kind} (kill, stop, start), {@code node}, {@code round} (the drill round, if a drill
 *       injected it): written by the lab when it injects a fault</li>
 *   <li>{@code state}: {@code node}, {@code kind} (the node's new state): role changes seen by the lab</li>
 *   <li>{@code end}: {@code client}, {@code kind} (why it ended: {@code done}, {@code drained}, {@code interrupted})</li>
 * </ul>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "ev")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LedgerEvent.Start.class, name = LedgerEvent.START),
        @JsonSubTypes.Type(value = LedgerEvent.Send.class, name = LedgerEvent.SEND),
        @JsonSubTypes.Type(value = LedgerEvent.Recv.class, name = LedgerEvent.RECV),
        @JsonSubTypes.Type(value = LedgerEvent.Dedup.class, name = LedgerEvent.DEDUP),
        @JsonSubTypes.Type(value = LedgerEvent.Commit.class, name = LedgerEvent.COMMIT),
        @JsonSubTypes.Type(value = LedgerEvent.Failover.class, name = LedgerEvent.FAILOVER),
        @JsonSubTypes.Type(value = LedgerEvent.Connected.class, name = LedgerEvent.CONNECTED),
        @JsonSubTypes.Type(value = LedgerEvent.Fault.class, name = LedgerEvent.FAULT),
        @JsonSubTypes.Type(value = LedgerEvent.State.class, name = LedgerEvent.STATE),
        @JsonSubTypes.Type(value = LedgerEvent.End.class, name = LedgerEvent.END)})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "ev", allowGetters = true)
public sealed interface LedgerEvent {

    String START = "start";
    String SEND = "send";
    String RECV = "recv";
    String DEDUP = "dedup";
    String COMMIT = "commit";
    String FAILOVER = "failover";
    String CONNECTED = "connected";
    String FAULT = "fault";
    String STATE = "state";
    String END = "end";

    String OK = "ok";
    String FAIL = "fail";
    String UNKNOWN = "unknown";

    /** When (epoch ms). */
    long t();

    /** The event type, as the file names it. */
    @JsonProperty("ev")
    String ev();

    /** An event a client wrote, which names the client. */
    sealed interface ClientEvent extends LedgerEvent permits Start, Send, Recv, Dedup, Commit, Failover, Connected, End {
        String client();
    }

    /** A client started: its role (sender or receiver), id, delivery guarantee and URL. */
    @JsonPropertyOrder({"t", "ev", "role", "client", "delivery", "detail"})
    record Start(long t, String role, String client, String delivery, String detail) implements ClientEvent {
        @Override
        public String ev() {
            return START;
        }
    }

    /** One send attempt and its outcome (ok, fail, unknown), with the error if any. */
    @JsonPropertyOrder({"t", "ev", "client", "seq", "attempt", "outcome", "detail"})
    record Send(long t, String client, long seq, int attempt, String outcome, String detail) implements ClientEvent {
        @Override
        public String ev() {
            return SEND;
        }

        public boolean confirmed() {
            return OK.equals(outcome);
        }
    }

    /** A message handed to the application. */
    @JsonPropertyOrder({"t", "ev", "client", "sender", "seq", "redelivered"})
    record Recv(long t, String client, String sender, long seq, boolean redelivered) implements ClientEvent {
        @Override
        public String ev() {
            return RECV;
        }
    }

    /** A redelivery the idempotent receiver had already recorded, dropped before the application saw it. */
    @JsonPropertyOrder({"t", "ev", "client", "sender", "seq", "redelivered"})
    record Dedup(long t, String client, String sender, long seq, boolean redelivered) implements ClientEvent {
        @Override
        public String ev() {
            return DEDUP;
        }
    }

    /** A receiver's transaction commit: ok, unknown (AMQ219031) or fail. */
    @JsonPropertyOrder({"t", "ev", "client", "outcome", "detail"})
    record Commit(long t, String client, String outcome, String detail) implements ClientEvent {
        @Override
        public String ev() {
            return COMMIT;
        }
    }

    /** A client's failover event. */
    @JsonPropertyOrder({"t", "ev", "client", "kind"})
    record Failover(long t, String client, String kind) implements ClientEvent {
        @Override
        public String ev() {
            return FAILOVER;
        }
    }

    /** The broker a client's connection now reaches ({@code host:port}, as the client dialled it). */
    @JsonPropertyOrder({"t", "ev", "client", "address"})
    record Connected(long t, String client, String address) implements ClientEvent {
        @Override
        public String ev() {
            return CONNECTED;
        }
    }

    /** A fault the lab injected (kill, stop, start) on a node, in a drill round if a drill did it. */
    @JsonPropertyOrder({"t", "ev", "kind", "node", "round"})
    record Fault(long t, String kind, String node, Integer round) implements LedgerEvent {
        @Override
        public String ev() {
            return FAULT;
        }
    }

    /** A node's new state, as the lab saw it. */
    @JsonPropertyOrder({"t", "ev", "kind", "node"})
    record State(long t, String kind, String node) implements LedgerEvent {
        @Override
        public String ev() {
            return STATE;
        }
    }

    /** A client ended: done, drained or interrupted. */
    @JsonPropertyOrder({"t", "ev", "client", "kind"})
    record End(long t, String client, String kind) implements ClientEvent {
        @Override
        public String ev() {
            return END;
        }
    }

    static Start start(long t, String role, String client, String delivery, String url) {
        return new Start(t, role, client, delivery, url);
    }

    static Send send(long t, String client, long seq, int attempt, String outcome, String error) {
        return new Send(t, client, seq, attempt, outcome, error);
    }

    static Recv recv(long t, String client, String sender, long seq, boolean redelivered) {
        return new Recv(t, client, sender, seq, redelivered);
    }

    static Dedup dedup(long t, String client, String sender, long seq, boolean redelivered) {
        return new Dedup(t, client, sender, seq, redelivered);
    }

    static Commit commit(long t, String client, String outcome, String error) {
        return new Commit(t, client, outcome, error);
    }

    static Failover failover(long t, String client, String kind) {
        return new Failover(t, client, kind);
    }

    static Connected connected(long t, String client, String address) {
        return new Connected(t, client, address);
    }

    static Fault fault(long t, String kind, String node) {
        return new Fault(t, kind, node, null);
    }

    /** A fault the lab injected in drill round {@code round} (null: not in a drill). */
    static Fault fault(long t, String kind, String node, Integer round) {
        return new Fault(t, kind, node, round);
    }

    static State state(long t, String node, String state) {
        return new State(t, state, node);
    }

    static End end(long t, String client, String why) {
        return new End(t, client, why);
    }
}
