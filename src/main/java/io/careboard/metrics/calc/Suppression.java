package io.careboard.metrics.calc;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Small-cell suppression: a count of patients, diagnoses or vitals readings between 1 and k−1 could
 * point at a person, so the answer shows {@code null} instead (and nothing computed from it), and
 * lists where. Zero is never hidden: "nobody" identifies no one.
 *
 * @param k the smallest count shown; 1 shows everything
 */
@RegisterForReflection
public record Suppression(int k) {

    public Suppression {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1: " + k);
        }
    }

    /** Whether a count of {@code n} must be hidden. */
    public boolean hides(long n) {
        return n >= 1 && n < k;
    }

    /** A fresh collector for one answer. */
    public Cells cells() {
        return new Cells(this);
    }

    /** A count and the average over its cell, either both shown or both null. */
    @RegisterForReflection
    public record Averaged(Long count, BigDecimal average) {
    }

    /**
     * Passes each count of one answer through the rule while it is built and remembers the paths
     * it hid, relative to {@code data} ({@code by_sex.female}, {@code top_diagnoses[1].count},
     * {@code vitals[4].series[3].readings}; indexes from 0, the order of the answer's lists).
     * Paths are listed once each, in the order the counts were passed. Not thread-safe: one
     * collector per answer.
     */
    public static final class Cells {

        private final Suppression rule;
        private final Set<String> suppressed = new LinkedHashSet<>();

        private Cells(Suppression rule) {
            this.rule = rule;
        }

        /** {@code count}, or null when it is hidden (its path then joins {@link #suppressed()}). */
        public Long count(String path, long count) {
            return hide(path, rule.hides(count)) ? null : count;
        }

        /**
         * {@code count}, or null when it or the number of distinct {@code patients} behind it is
         * hidden: six diagnoses of two patients still describe two patients.
         */
        public Long count(String path, long count, long patients) {
            return hide(path, rule.hides(count) || rule.hides(patients)) ? null : count;
        }

        /**
         * A count and its average ({@code sum / count}, {@code digits} digits), both null when the
         * count or the number of distinct {@code patients} behind it is hidden: ten readings of one
         * patient still describe one patient. The path named is the count's. An empty cell shows 0
         * and a null average.
         */
        public Averaged averaged(String countPath, long count, long patients, BigDecimal sum, int digits) {
            Long shown = count(countPath, count, patients);
            return shown == null ? new Averaged(null, null) : new Averaged(shown, Decimals.average(sum, count, digits));
        }

        /** The percent change between two counts as shown; null when either is hidden, or it would tell. */
        public BigDecimal changePercent(Long shownCurrent, Long shownPrevious) {
            return shownCurrent == null || shownPrevious == null
                    ? null
                    : Decimals.changePercent(shownCurrent, shownPrevious);
        }

        /** The hidden paths so far, for the answer's {@code suppressed} list. */
        public List<String> suppressed() {
            return List.copyOf(suppressed);
        }

        private boolean hide(String path, boolean hidden) {
            if (hidden) {
                suppressed.add(path);
            }
            return hidden;
        }
    }
}
