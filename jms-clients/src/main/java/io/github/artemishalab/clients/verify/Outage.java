package io.github.artemishalab.clients.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How long the message stream stalled after one injected fault.
 *
 * @param fault        the fault kind (kill, stop, start)
 * @param at           when the fault was injected (epoch ms)
 * @param sendGapMs    ms from the fault to the next confirmed send; null if none followed
 * @param receiveGapMs ms from the fault to the next receipt; null if none followed
 * @param node         the node the fault hit, if the lab recorded it
 * @param stuck        whether a client took longer than the stuck threshold to resume
 * @param round        the drill round that injected the fault, if it was a drill's
 */
@JsonPropertyOrder({"fault", "at", "sendGapMs", "receiveGapMs", "node", "stuck", "round"})
public record Outage(String fault, long at, Long sendGapMs, Long receiveGapMs,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String node, boolean stuck,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Integer round) {

    /** An outage of a fault that no drill round tagged. */
    public Outage(String fault, long at, Long sendGapMs, Long receiveGapMs, String node, boolean stuck) {
        this(fault, at, sendGapMs, receiveGapMs, node, stuck, null);
    }
}
