package io.github.artemishalab.harness.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One figure over another, run by run (each lab run beside the stock run interleaved with it): the median, min and
 * max of those ratios, so that a slow moment of the machine weighs on both sides of one ratio alike.
 */
public record Ratio(double median, double min, double max, int n) {

    /** The ratios {@code a[i] / b[i]} of the runs where both were measured. */
    public static Ratio of(List<Long> a, List<Long> b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (a.get(i) != null && b.get(i) != null && b.get(i) > 0) {
                r.add(a.get(i) / (double) b.get(i));
            }
        }
        if (r.isEmpty()) {
            return new Ratio(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        Collections.sort(r);
        int n = r.size();
        double median = n % 2 == 1 ? r.get(n / 2) : (r.get(n / 2 - 1) + r.get(n / 2)) / 2;
        return new Ratio(median, r.get(0), r.get(n - 1), n);
    }

    @Override
    public String toString() {
        return n == 0 ? "-" : String.format(Locale.ROOT, "%.2f (%.2f–%.2f, n=%d)", median, min, max, n);
    }
}
