package io.careboard.metrics.calc;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;

/**
 * A doctor's rating pulled towards the platform's mean, so that a handful of reviews cannot top
 * the table: {@code (C·m + Σscores) / (C + n)}, with {@code m} the mean of every rating in the
 * window and {@code C} the weight of that prior, counted in reviews.
 *
 * <p>The value is kept as an exact fraction: {@code m = T/N} makes it
 * {@code (C·T + S·N) / (N·(C + n))}, so sorting compares exact values (two doctors tie only when
 * they really tie) and the one rounding happens when the answer is written.
 *
 * @param weight     C, at least 0 (0 gives the plain average)
 * @param scoreSum   T, the sum of every score in the window
 * @param count      N, the number of ratings in the window
 */
@RegisterForReflection
public record BayesianRating(BigDecimal weight, long scoreSum, long count) {

    public BayesianRating {
        if (weight.signum() < 0 || scoreSum < 0 || count < 0) {
            throw new IllegalArgumentException("negative prior: C=" + weight + ", T=" + scoreSum + ", N=" + count);
        }
    }

    /** The prior with weight {@code c} over the window's ratings. */
    public static BayesianRating prior(int c, long scoreSum, long count) {
        return new BayesianRating(BigDecimal.valueOf(c), scoreSum, count);
    }

    /**
     * The rating of a doctor with {@code n} ratings adding up to {@code doctorScoreSum}; a doctor
     * without ratings gets m. Null only when the window has no rating at all (m undefined).
     */
    public Score of(long doctorScoreSum, long n) {
        if (count == 0) {
            return null;
        }
        if (n == 0) {
            return new Score(BigDecimal.valueOf(scoreSum), BigDecimal.valueOf(count));
        }
        BigDecimal bigCount = BigDecimal.valueOf(count);
        return new Score(
                weight.multiply(BigDecimal.valueOf(scoreSum))
                        .add(BigDecimal.valueOf(doctorScoreSum).multiply(bigCount)),
                bigCount.multiply(weight.add(BigDecimal.valueOf(n))));
    }

    /**
     * The order of {@code sort=rating}: the exact rating descending, doctors without a value last,
     * ties by doctor id ascending. Ids compare by code point, as SQL's {@code COLLATE "C"} does;
     * the id alphabet is ASCII, so no locale can reorder them.
     */
    public static <T> Comparator<T> ordering(Function<? super T, Score> rating, Function<? super T, String> doctorId) {
        return Comparator.<T, Score>comparing(rating, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(doctorId);
    }

    /**
     * An exact rating {@code numerator / denominator}, denominator positive. Its order compares
     * values, so unlike {@code equals} it holds 4/2 and 2/1 equal.
     */
    @RegisterForReflection
    public record Score(BigDecimal numerator, BigDecimal denominator) implements Comparable<Score> {

        public Score {
            Objects.requireNonNull(numerator, "numerator");
            if (denominator.signum() <= 0) {
                throw new IllegalArgumentException("denominator must be positive: " + denominator);
            }
        }

        /** The value as the API shows it: 2 digits, HALF_UP. */
        public BigDecimal rounded() {
            return numerator.divide(denominator, Decimals.RATING_DIGITS, RoundingMode.HALF_UP);
        }

        /** Compares the exact fractions by cross-multiplying, never through a rounded value. */
        @Override
        public int compareTo(Score other) {
            return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
        }
    }
}
