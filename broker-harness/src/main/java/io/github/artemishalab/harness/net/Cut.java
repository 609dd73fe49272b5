package io.github.artemishalab.harness.net;

/** How a link is cut: not at all, silently (a pulled cable), or loudly (every connection reset). */
public enum Cut {
    /** Bytes flow. */
    NONE,
    /** A silent partition: connections stay open, nothing crosses, no FIN or RST reaches either peer. */
    DROP,
    /** Every connection is reset (RST on both sides), and so is every new one while the cut lasts. */
    RESET
}
