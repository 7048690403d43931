package io.careboard.metrics.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.metrics.calc.BayesianRating.Score;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BayesianRatingTest {

    /** A doctor's ratings in the window, as the leaderboard query returns them. */
    private record Doctor(String id, long scoreSum, long ratings) {
    }

    private static BayesianRating priorOver(int c, List<Doctor> doctors) {
        return BayesianRating.prior(c, doctors.stream().mapToLong(Doctor::scoreSum).sum(),
                doctors.stream().mapToLong(Doctor::ratings).sum());
    }

    private static List<String> sortByRating(BayesianRating prior, List<Doctor> doctors) {
        List<Doctor> sorted = new ArrayList<>(doctors);
        sorted.sort(BayesianRating.ordering(d -> prior.of(d.scoreSum(), d.ratings()), Doctor::id));
        return sorted.stream().map(Doctor::id).toList();
    }

    @Test
    void oneFiveStarReviewDoesNotBeatFortyReviewsAveraging4Point8() {
        Doctor single = new Doctor("doc-single", 5, 1);
        Doctor steady = new Doctor("doc-steady", 192, 40);
        Doctor rest = new Doctor("doc-rest", 820, 200); // the rest of the platform, averaging 4.1
        BayesianRating prior = priorOver(5, List.of(single, steady, rest));

        Score singleScore = prior.of(single.scoreSum(), single.ratings());
        Score steadyScore = prior.of(steady.scoreSum(), steady.ratings());
        assertEquals(new BigDecimal("4.35"), singleScore.rounded(), "(5 × 1017/241 + 5) / 6");
        assertEquals(new BigDecimal("4.74"), steadyScore.rounded(), "(5 × 1017/241 + 192) / 45");
        assertTrue(steadyScore.compareTo(singleScore) > 0);
        assertEquals(List.of("doc-steady", "doc-single", "doc-rest"),
                sortByRating(prior, List.of(single, steady, rest)));
    }

    @Test
    void thePriorOnlyPullsTowardsThePlatformMean() {
        // with C = 5 a single 5 outranks forty 4.8s exactly when m > 927/195 ≈ 4.754; here m = 197/41 ≈ 4.805
        BayesianRating prior = BayesianRating.prior(5, 197, 41);
        assertTrue(prior.of(5, 1).compareTo(prior.of(192, 40)) > 0);
    }

    @Test
    void aDoctorWithoutRatingsGetsThePlatformMean() {
        BayesianRating prior = BayesianRating.prior(5, 1017, 241);

        Score unrated = prior.of(0, 0);
        assertEquals(0, unrated.compareTo(new Score(BigDecimal.valueOf(1017), BigDecimal.valueOf(241))));
        assertEquals(new BigDecimal("4.22"), unrated.rounded());
        assertEquals(new BigDecimal("4.22"), BayesianRating.prior(0, 1017, 241).of(0, 0).rounded(), "also when C = 0");
    }

    @Test
    void nullOnlyWhenTheWindowHasNoRatingAtAll() {
        BayesianRating none = BayesianRating.prior(5, 0, 0);
        assertNull(none.of(0, 0));
    }

    @Test
    void weightZeroIsThePlainAverageAndAFractionalWeightIsExact() {
        assertEquals(new BigDecimal("4.67"), BayesianRating.prior(0, 100, 25).of(14, 3).rounded());
        // m = 4.5; (2.5 × 4.5 + 4) / 3.5 = 4.357…
        assertEquals(new BigDecimal("4.36"), new BayesianRating(new BigDecimal("2.5"), 9, 2).of(4, 1).rounded());
    }

    @Test
    void roundingHappensOnceOnTheExactFraction() {
        // m = 4.5; (5 × 4.5 + 4) / 6 = 4.41666…
        Score score = BayesianRating.prior(5, 9, 2).of(4, 1);
        assertEquals(new BigDecimal("4.42"), score.rounded());
        assertEquals(new BigDecimal("53"), score.numerator());
        assertEquals(new BigDecimal("12"), score.denominator());
    }

    @Test
    void sortingUsesTheUnroundedValueThenDoctorIdNullsLast() {
        // both round to 4.42, but 4.41666… > 4.415
        Score higher = new Score(new BigDecimal("53"), new BigDecimal("12"));
        Score lower = new Score(new BigDecimal("4.415"), BigDecimal.ONE);
        assertEquals(higher.rounded(), lower.rounded());

        record Row(String id, Score rating) {
        }
        List<Row> rows = new ArrayList<>(List.of(
                new Row("doc-9", null),
                new Row("a-low", lower),
                new Row("doc-10", new Score(new BigDecimal("8"), new BigDecimal("2"))),
                new Row("B-high", higher),
                new Row("doc-2", new Score(new BigDecimal("4"), BigDecimal.ONE)),
                new Row("a-first", null)));
        rows.sort(BayesianRating.ordering(Row::rating, Row::id));

        assertEquals(List.of("B-high", "a-low", "doc-10", "doc-2", "a-first", "doc-9"),
                rows.stream().map(Row::id).toList(),
                "4/1 and 8/2 tie and fall back to the id, compared by code point (doc-10 < doc-2)");
    }

    @Test
    void scoresCompareByValue() {
        Comparator<Score> natural = Comparator.naturalOrder();
        assertEquals(0, natural.compare(new Score(BigDecimal.valueOf(4), BigDecimal.valueOf(2)),
                new Score(BigDecimal.valueOf(2), BigDecimal.ONE)));
        assertThrows(IllegalArgumentException.class, () -> new Score(BigDecimal.ONE, BigDecimal.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new BayesianRating(new BigDecimal("-1"), 5, 1));
    }
}
