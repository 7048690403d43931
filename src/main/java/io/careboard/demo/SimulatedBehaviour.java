package io.careboard.demo;

import io.careboard.domain.ConsultationType;
import io.careboard.domain.PaymentMethod;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * How the simulated platform treats one consultation, payment or patient: every choice is drawn
 * from a random sequence seeded by the seed, the entity's id and the question, so a consultation
 * keeps its fate, wait and length from tick to tick and across restarts. The shares follow the
 * generator's (docs/demo-data.md); delays are shorter, so that a watched dashboard moves.
 */
final class SimulatedBehaviour {

    /** What becomes of a booked consultation (completed 78 : cancelled 10 : no-show 5, as generated). */
    enum Fate {
        COMPLETE, CANCEL, NO_SHOW
    }

    /** The longest time from a consultation's end to its rating. */
    static final Duration LONGEST_RATING_DELAY = Duration.ofMinutes(60);
    /** The longest time from a payment to its refund. */
    static final Duration LONGEST_REFUND_DELAY = Duration.ofMinutes(60);

    private final long seed;

    SimulatedBehaviour(long seed) {
        this.seed = seed;
    }

    private SplittableRandom random(String id, String question) {
        return new SplittableRandom(seed * 1_000_003L + id.hashCode() * 31L + question.hashCode());
    }

    private double chance(String id, String question) {
        return random(id, question).nextDouble();
    }

    Fate fate(String consultationId) {
        double point = chance(consultationId, "fate") * 93;
        return point < 78 ? Fate.COMPLETE : point < 88 ? Fate.CANCEL : Fate.NO_SHOW;
    }

    /** From the booked time to the start: mostly a few minutes late, 7 % early by 1-5 minutes. */
    Duration wait(String consultationId) {
        SplittableRandom random = random(consultationId, "wait");
        if (random.nextDouble() < 0.07) {
            return Duration.ofSeconds(-60 - random.nextLong(240));
        }
        return Duration.ofSeconds((long) Math.min(2700, -300 * Math.log(1 - random.nextDouble())));
    }

    /** Log-normal around 17 (video), 11 (audio) and 26 (chat) minutes, between 2 and 120. */
    Duration length(String consultationId, ConsultationType type) {
        double median = switch (type) {
            case VIDEO -> 17;
            case AUDIO -> 11;
            case CHAT -> 26;
        };
        double spread = type == ConsultationType.CHAT ? 0.5 : 0.4;
        double minutes = median * Math.exp(spread * random(consultationId, "length").nextGaussian());
        return Duration.ofSeconds((long) (60 * Math.max(2, Math.min(120, minutes))));
    }

    /** How long before its time a consultation that will be cancelled is cancelled. */
    Duration cancelledBefore(String consultationId) {
        return Duration.ofMinutes(5 + random(consultationId, "cancel").nextLong(25));
    }

    /** How long after its time a patient who does not come is recorded as a no-show. */
    Duration noShowAfter(String consultationId) {
        return Duration.ofMinutes(15 + random(consultationId, "no-show").nextLong(15));
    }

    ConsultationType type(String consultationId) {
        double point = chance(consultationId, "type");
        return point < 0.58 ? ConsultationType.VIDEO : point < 0.73 ? ConsultationType.AUDIO : ConsultationType.CHAT;
    }

    /** How far ahead a booking is: mostly within the hour, some later today, a few days ahead. */
    Duration bookedAhead(String consultationId) {
        SplittableRandom random = random(consultationId, "ahead");
        double point = random.nextDouble();
        long minutes = point < 0.7 ? 5 + random.nextLong(56) : point < 0.9 ? 60 + random.nextLong(420)
                : 1440 + random.nextLong(4 * 1440);
        return Duration.ofMinutes(minutes - minutes % 5);
    }

    boolean diagnosed(String consultationId) {
        return chance(consultationId, "diagnosed") < 0.92;
    }

    boolean pays(String consultationId) {
        return chance(consultationId, "pays") < 0.95;
    }

    PaymentMethod method(String consultationId) {
        double point = chance(consultationId, "method");
        return point < 0.55 ? PaymentMethod.CARD : point < 0.85 ? PaymentMethod.INSURANCE : PaymentMethod.WALLET;
    }

    boolean paymentFails(String consultationId) {
        return chance(consultationId, "payment-fails") < 0.03;
    }

    /** Whether a payment is refunded, and when: {@code null} when it is not. */
    Duration refundedAfter(String paymentId) {
        SplittableRandom random = random(paymentId, "refund");
        return random.nextDouble() < 0.05
                ? Duration.ofMinutes(10 + random.nextLong(LONGEST_REFUND_DELAY.toMinutes() - 9)) : null;
    }

    /** The refunded part of {@code amount}: all of it (60 %), half or 30 %. */
    BigDecimal refundOf(String paymentId, BigDecimal amount) {
        double point = chance(paymentId, "refund-share");
        BigDecimal share = point < 0.6 ? BigDecimal.ONE : point < 0.8 ? new BigDecimal("0.5") : new BigDecimal("0.3");
        return amount.multiply(share).setScale(2, RoundingMode.HALF_UP);
    }

    /** Whether the patient rates the consultation, and when after its end: {@code null} when not. */
    Duration ratedAfter(String consultationId) {
        SplittableRandom random = random(consultationId, "rated");
        return random.nextDouble() < 0.42
                ? Duration.ofMinutes(1 + random.nextLong(LONGEST_RATING_DELAY.toMinutes())) : null;
    }

    /** Mostly 4 and 5; 5 % disappointed 1s and 2s. */
    int score(String consultationId) {
        SplittableRandom random = random(consultationId, "score");
        if (random.nextDouble() < 0.05) {
            return random.nextDouble() < 0.6 ? 1 : 2;
        }
        return (int) Math.max(1, Math.min(5, Math.round(4.4 + 0.75 * random.nextGaussian())));
    }

    /** Whether vital signs are taken during the consultation (35 %). */
    boolean measured(String consultationId) {
        return chance(consultationId, "vitals") < 0.35;
    }

    /** Whether the reading {@code code} is taken when vitals are: as the generator's shares. */
    boolean reads(String consultationId, String code) {
        double share = switch (code) {
            case "8480-6", "8462-4" -> 0.95;
            case "8867-4" -> 0.80;
            case "2339-0" -> 0.20;
            default -> 0.30;
        };
        // Both blood pressure values come together.
        String question = code.equals("8462-4") ? "reads-8480-6" : "reads-" + code;
        return chance(consultationId, question) < share;
    }

    /** A reading near {@code previous}: within ±4 %, at the same scale. */
    BigDecimal near(String observationId, BigDecimal previous) {
        double factor = 1 + 0.04 * (2 * chance(observationId, "value") - 1);
        return previous.multiply(BigDecimal.valueOf(factor)).setScale(previous.scale(), RoundingMode.HALF_UP);
    }

    /** A uniform pick in [0, size), varying with {@code salt} (the tick) and the question. */
    int pick(String question, long salt, int size) {
        return random(question, Long.toString(salt)).nextInt(size);
    }

    /** How many consultations are booked in {@code elapsed} at {@code perMinute}: Poisson, normal when large. */
    int bookings(long salt, double perMinute, Duration elapsed) {
        double mean = perMinute * elapsed.toMillis() / 60_000.0;
        SplittableRandom random = random("bookings", Long.toString(salt));
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        int count = 0;
        double threshold = Math.exp(-mean);
        for (double product = random.nextDouble(); product > threshold; product *= random.nextDouble()) {
            count++;
        }
        return count;
    }
}
