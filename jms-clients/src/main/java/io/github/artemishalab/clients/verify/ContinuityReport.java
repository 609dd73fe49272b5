package io.github.artemishalab.clients.verify;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What the {@link ContinuityVerifier} found in a run's ledgers; serialises to JSON with the headline counts first.
 *
 * @param sent                 distinct (sender, seq) with at least one send attempt
 * @param confirmed            distinct (sender, seq) with at least one {@code ok} send outcome
 * @param received             distinct (sender, seq) handed to the application at least once ({@code recv})
 * @param lost                 confirmed but never received, once the receiver drained the queue
 * @param duplicated           application receipts beyond the first, summed over all messages
 * @param unknownOutcome       never confirmed, but at least one send outcome was {@code unknown}
 * @param outOfOrder           first-time receipts with a lower seq than one already received from that sender
 * @param outages              one entry per injected fault, in time order
 * @param verdict              ok, violated or unknown
 * @param delivery             the delivery guarantee judged against (null if neither options nor ledger said)
 * @param unconfirmed          sent but never confirmed (failed or unknown outcome)
 * @param recovered            unknown-outcome messages that were received anyway
 * @param redeliveriesAbsorbed redeliveries the idempotent receiver dropped ({@code dedup})
 * @param unexpected           distinct (sender, seq) received but never sent
 * @param pending              confirmed but not received while the receiver had not drained: maybe still queued
 * @param lostSeqs             the first 50 lost seqs, ordered by sender then seq
 * @param duplicatedSeqs       the first 50 seqs received more than once, ordered by sender then seq
 * @param stuckOutages         how many outages were flagged stuck
 * @param reason               one sentence explaining the verdict
 */
@JsonPropertyOrder({"sent", "confirmed", "received", "lost", "duplicated", "unknownOutcome", "outOfOrder", "outages",
        "verdict", "delivery", "unconfirmed", "recovered", "redeliveriesAbsorbed", "unexpected", "pending",
        "lostSeqs", "duplicatedSeqs", "stuckOutages", "exitCode", "reason"})
// exitCode is derived from the verdict, so reading a report back must not expect it as a constructor argument
@JsonIgnoreProperties(value = "exitCode", allowGetters = true)
public record ContinuityReport(int sent, int confirmed, int received, int lost, int duplicated, int unknownOutcome,
                               int outOfOrder, List<Outage> outages, Verdict verdict, String delivery,
                               int unconfirmed, int recovered, int redeliveriesAbsorbed, int unexpected, int pending,
                               List<Long> lostSeqs, List<Long> duplicatedSeqs, int stuckOutages, String reason) {

    /** How many seqs {@link #lostSeqs()} and {@link #duplicatedSeqs()} list at most. */
    public static final int MAX_LISTED_SEQS = 50;

    public ContinuityReport {
        outages = List.copyOf(outages);
        lostSeqs = List.copyOf(lostSeqs);
        duplicatedSeqs = List.copyOf(duplicatedSeqs);
    }

    /** 0 ok, 1 violated, 3 unknown. */
    @JsonProperty("exitCode")
    public int exitCode() {
        return verdict.exitCode();
    }
}
