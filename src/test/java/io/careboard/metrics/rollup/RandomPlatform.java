package io.careboard.metrics.rollup;

import io.careboard.support.Fixtures;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * A seeded random platform for comparing two ways of computing the same figures: every status,
 * type, method and vital code, durations to the microsecond, refunds in later days, ratings,
 * patients of every age group (some born on 29 February, some unknown), and times that land on
 * DST-change days of the test zones.
 */
final class RandomPlatform {

    private static final List<String> SPECIALTIES = List.of("cardiology", "dermatology", "pediatrics", "psychiatry");
    private static final List<String> TYPES = List.of("video", "audio", "chat");
    private static final List<String> STATUSES = List.of("scheduled", "in_progress", "completed", "completed",
            "completed", "cancelled", "no_show");
    private static final List<String> SEXES = List.of("female", "male", "other", "unknown");
    private static final List<String> METHODS = List.of("card", "insurance", "wallet");
    private static final List<String> CODES = List.of("J06.9", "I10", "E11.9", "F41.1", "M54.5");
    private static final List<String> VITALS = List.of("8480-6", "8462-4", "8867-4", "2339-0", "39156-5");

    private final Random random;
    private final Fixtures fixtures;
    private int crowd;

    RandomPlatform(Random random, Fixtures fixtures) {
        this.random = random;
        this.fixtures = fixtures;
    }

    void generate(Instant from, Instant to, int consultations) {
        int doctors = 12;
        int patients = consultations / 4;
        for (int d = 0; d < doctors; d++) {
            fixtures.doctor("d" + d, "Doctor " + d, pick(SPECIALTIES));
        }
        for (int p = 0; p < patients; p++) {
            LocalDate birth = switch (random.nextInt(12)) {
                case 0 -> null;
                case 1 -> LocalDate.of(1960 + random.nextInt(15) * 4, 2, 29);
                default -> LocalDate.of(1935 + random.nextInt(90), 1 + random.nextInt(12), 1 + random.nextInt(28));
            };
            fixtures.patient("p" + p, birth, pick(SEXES));
        }
        long span = Duration.between(from, to).toSeconds();
        for (int c = 0; c < consultations; c++) {
            Instant scheduled = from.plusSeconds((long) (random.nextDouble() * span)).plusNanos(random.nextInt(1_000_000) * 1000L);
            String status = pick(STATUSES);
            Instant started = status.equals("completed") || status.equals("in_progress") || random.nextInt(10) == 0
                    ? scheduled.plusSeconds(random.nextInt(1200) - 300).plusNanos(random.nextInt(1_000_000) * 1000L)
                    : null;
            Instant ended = status.equals("completed") && started != null && random.nextInt(8) != 0
                    ? started.plusSeconds(120 + random.nextInt(3600)).plusNanos(random.nextInt(1_000_000) * 1000L)
                    : null;
            String id = "c" + c;
            fixtures.consultation(id, "d" + random.nextInt(doctors), "p" + random.nextInt(patients), pick(TYPES),
                    status, scheduled, started, ended, status.equals("completed") && random.nextInt(4) != 0
                            ? pick(CODES) : null, new BigDecimal("40.00"));
            if (status.equals("completed") && random.nextInt(3) == 0) {
                fixtures.rating("r" + c, id, 1 + random.nextInt(5), (ended == null ? scheduled : ended).plusSeconds(
                        random.nextInt(86_400)));
            }
            if (!status.equals("scheduled") && random.nextInt(4) != 0) {
                Instant paid = scheduled.plusSeconds(random.nextInt(7200));
                String amount = money(20 + random.nextInt(180));
                String payment = switch (random.nextInt(10)) {
                    case 0 -> "failed";
                    case 1, 2 -> "refunded";
                    default -> "paid";
                };
                Instant refunded = payment.equals("refunded") ? paid.plusSeconds(random.nextInt(40) * 86_400L + 60) : null;
                String refundedAmount = refunded != null && random.nextBoolean() ? money(5 + random.nextInt(15)) : null;
                fixtures.payment("pay" + c, id, amount, pick(METHODS), payment, payment.equals("failed") ? null : paid,
                        refunded, refundedAmount);
                if (random.nextInt(20) == 0) {
                    fixtures.payment("pay" + c + "b", id, money(10), pick(METHODS), "paid", paid.plusSeconds(86_400),
                            null, null);
                }
            }
        }
        for (int o = 0; o < consultations; o++) {
            fixtures.observation("o" + o, "p" + random.nextInt(patients), pick(VITALS),
                    new BigDecimal(60 + random.nextInt(12000)).movePointLeft(2).toPlainString(), "unit",
                    from.plusSeconds((long) (random.nextDouble() * span)));
        }
    }

    /**
     * Doctors whose only events in recent windows are not consultations of theirs: ratings only,
     * refunds only, one payment of 0.00 only, each on a built day and today; and a consultation
     * paid three times, ten days ago, on a built day and today.
     */
    void doctorsWithoutConsultations(Instant now) {
        Instant old = now.minus(Duration.ofDays(200));
        String patient = "p0";
        fixtures.doctor("d-rated", "Rated Only", "neurology")
                .doctor("d-refunded", "Refunded Only", "neurology")
                .doctor("d-zero", "Paid Nothing", "dermatology");
        for (String doctor : List.of("d-rated", "d-refunded", "d-zero")) {
            for (int i = 0; i < 2; i++) {
                fixtures.consultation(doctor + "-c" + i, doctor, patient, "chat", "completed", old, old,
                        old.plusSeconds(900), null, new BigDecimal("40.00"));
            }
        }
        Instant builtDay = now.minus(Duration.ofDays(3));
        Instant today = now.minus(Duration.ofHours(2));
        fixtures.rating("d-rated-r0", "d-rated-c0", 5, builtDay)
                .rating("d-rated-r1", "d-rated-c1", 2, today)
                .payment("d-refunded-p0", "d-refunded-c0", "80.00", "card", "refunded", old, builtDay, "30.00")
                .payment("d-refunded-p1", "d-refunded-c1", "60.00", "wallet", "refunded", old, today, null)
                .payment("d-zero-p0", "d-zero-c0", "0.00", "insurance", "paid", builtDay, null, null)
                .consultation("c-twice", "d0", patient, "video", "completed", builtDay, builtDay,
                        builtDay.plusSeconds(1200), null, new BigDecimal("40.00"))
                .payment("c-twice-p0", "c-twice", "25.00", "card", "paid", builtDay, null, null)
                .payment("c-twice-p1", "c-twice", "15.00", "card", "paid", today, null, null)
                .payment("c-twice-p2", "c-twice", "5.00", "wallet", "paid", now.minus(Duration.ofDays(10)), null, null);
    }

    /**
     * Cells near k and ages that change inside the windows ending {@code now}: a day on which many
     * patients share a diagnosis or a vital (the daily rollups alone decide them), one patient's
     * many diagnoses and readings (k counted, one patient), exactly k patients on k days of a
     * window (only raw rows decide it), and patients turning 18 or 65, or born, inside the windows,
     * with a consultation just after midnight UTC on a birthday (another date in New York).
     */
    void crowdsAndBirthdays(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant noon = today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(12));
        for (int i = 0; i < 7; i++) {
            diagnosed(crowdPatient(), "K21.9", noon.minus(Duration.ofDays(9)).plusSeconds(i * 60L));
            fixtures.observation("crowd-o" + i, "p" + i, "2339-0", "101.5", "mg/dL",
                    noon.minus(Duration.ofDays(3)).plusSeconds(i * 60L));
        }
        String solo = crowdPatient();
        for (int i = 0; i < 6; i++) {
            diagnosed(solo, "L20.9", noon.minus(Duration.ofDays(2 + 3 * i)));
            fixtures.observation("solo-o" + i, solo, "39156-5", "24.5", "kg/m2", noon.minus(Duration.ofDays(5))
                    .plusSeconds(i * 60L));
        }
        for (int i = 0; i < 5; i++) {
            diagnosed(crowdPatient(), "N39.0", noon.minus(Duration.ofDays(1 + 5 * i)));
            fixtures.observation("k-o" + i, "p" + (10 + i), "8867-4", "70", "/min",
                    noon.minus(Duration.ofDays(40 + i)));
        }
        LocalDate eighteenth = today.minusDays(20);
        fixtures.patient("turns18", eighteenth.minusYears(18), "female");
        diagnosed("turns18", "J06.9", noon.minus(Duration.ofDays(25)));
        diagnosed("turns18", "J06.9", eighteenth.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(1800));
        diagnosed("turns18", "J06.9", noon.minus(Duration.ofDays(2)));
        fixtures.patient("turns65", today.minusDays(120).minusYears(65), "male");
        diagnosed("turns65", "I10", noon.minus(Duration.ofDays(200)));
        diagnosed("turns65", "I10", noon.minus(Duration.ofDays(10)));
        fixtures.patient("newborn", today.minusDays(30), "unknown");
        diagnosed("newborn", "J06.9", noon.minus(Duration.ofDays(60)));
        diagnosed("newborn", "J06.9", noon.minus(Duration.ofDays(10)));
    }

    /** A new adult patient. */
    private String crowdPatient() {
        String id = "crowd" + crowd++;
        fixtures.patient(id, LocalDate.of(1980, 5, 5), pick(SEXES));
        return id;
    }

    /** A completed consultation of 20 minutes with a diagnosis. */
    private void diagnosed(String patient, String code, Instant scheduled) {
        String id = "dx-" + patient + "-" + scheduled.getEpochSecond();
        fixtures.consultation(id, "d" + random.nextInt(12), patient, pick(TYPES), "completed", scheduled,
                scheduled.plusSeconds(60), scheduled.plusSeconds(1260), code, new BigDecimal("40.00"));
    }

    private String money(int whole) {
        return new BigDecimal(whole).add(new BigDecimal(random.nextInt(100)).movePointLeft(2))
                .setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
