package io.github.artemishalab.harness.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Median, min and max of a figure measured several times (ms, or msg/s for throughput).
 *
 * @param median the median (the mean of the middle two for an even count)
 * @param min    the smallest
 * @param max    the largest
 * @param n      how many samples
 */
public record Stats(long median, long min, long max, int n) {

    public static Stats of(List<Long> samples) {
        List<Long> s = new ArrayList<>(samples.stream().filter(java.util.Objects::nonNull).toList());
        if (s.isEmpty()) {
            return new Stats(-1, -1, -1, 0);
        }
        Collections.sort(s);
        int n = s.size();
        long median = n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
        return new Stats(median, s.get(0), s.get(n - 1), n);
    }

    @Override
    public String toString() {
        return n == 0 ? "-" : median + " (" + min + "–" + max + ", n=" + n + ")";
    }
}
