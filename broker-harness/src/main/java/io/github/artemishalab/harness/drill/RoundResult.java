package io.github.artemishalab.harness.drill;

/**
 * What one drill round measured.
 *
 * @param round              1, 2, ...
 * @param fault              the fault injected
 * @param node               the node it hit ({@code primary} or {@code backup})
 * @param at                 when it was injected (epoch ms)
 * @param takeoverMs         fault to the other node active (null when the fault hit the backup, or no takeover)
 * @param sendGapMs          fault to the first confirmed send after it (from the ledgers; null if none)
 * @param receiveGapMs       fault to the first receipt after it (null if none)
 * @param restartAt          when the faulted node was started again (epoch ms)
 * @param failbackMs         restart to the pair ready again (primary active and backup ready when failback is on;
 *                           the restarted node a ready backup when it is off)
 * @param failbackSendGapMs  the longest gap between confirmed sends in the failback window (the client-visible gap)
 * @param failbackReceiveGapMs the same for receipts
 * @param worstClientGapMs   the longest any one client (sender or receiver) waited, from the fault to its own first
 *                           confirmed send or receipt after it: with several clients, the one whose broker died
 *                           (null if no client was busy at the fault)
 * @param memberCut          what a cut of a cluster's member did (null for every other round)
 */
public record RoundResult(int round, FaultKind fault, String node, long at, Long takeoverMs, Long sendGapMs,
                          Long receiveGapMs, long restartAt, Long failbackMs, Long failbackSendGapMs,
                          Long failbackReceiveGapMs, Long worstClientGapMs, MemberCut memberCut) {

    /** A round that cut no member of a cluster. */
    public RoundResult(int round, FaultKind fault, String node, long at, Long takeoverMs, Long sendGapMs,
                       Long receiveGapMs, long restartAt, Long failbackMs, Long failbackSendGapMs,
                       Long failbackReceiveGapMs, Long worstClientGapMs) {
        this(round, fault, node, at, takeoverMs, sendGapMs, receiveGapMs, restartAt, failbackMs, failbackSendGapMs,
                failbackReceiveGapMs, worstClientGapMs, null);
    }

    /** The same round with {@code cut} as its member cut. */
    RoundResult withMemberCut(MemberCut cut) {
        return new RoundResult(round, fault, node, at, takeoverMs, sendGapMs, receiveGapMs, restartAt, failbackMs,
                failbackSendGapMs, failbackReceiveGapMs, worstClientGapMs, cut);
    }

    /** A round not measured per client yet. */
    public RoundResult(int round, FaultKind fault, String node, long at, Long takeoverMs, Long sendGapMs,
                       Long receiveGapMs, long restartAt, Long failbackMs, Long failbackSendGapMs,
                       Long failbackReceiveGapMs) {
        this(round, fault, node, at, takeoverMs, sendGapMs, receiveGapMs, restartAt, failbackMs, failbackSendGapMs,
                failbackReceiveGapMs, null);
    }
}
