package io.github.artemishalab.harness.net;

/**
 * What the proxy does to one link: a cut and a one-way delay.
 *
 * @param cut         how the link is cut; {@code null} in JSON means {@link Cut#NONE}
 * @param delayMillis how long each chunk waits before it is forwarded, in each direction separately (a round trip
 *                    is delayed twice this); it matters only while bytes flow
 */
public record LinkRule(Cut cut, long delayMillis) {

    /** Bytes flow at once: the rule of every link no rule names. */
    public static final LinkRule OPEN = new LinkRule(Cut.NONE, 0);

    public LinkRule {
        cut = cut == null ? Cut.NONE : cut;
        if (delayMillis < 0) {
            throw new IllegalArgumentException("delayMillis must not be negative, was " + delayMillis);
        }
    }

    public static LinkRule of(Cut cut) {
        return new LinkRule(cut, 0);
    }

    public static LinkRule delayed(long delayMillis) {
        return new LinkRule(Cut.NONE, delayMillis);
    }
}
