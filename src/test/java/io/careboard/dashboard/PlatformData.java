package io.careboard.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;

/**
 * A small telemedicine platform for the browser tests, as the ingestion API's bulk body
 * ({@code POST /api/v1/ingest}): a dozen doctors, 150 patients, 400 consultations over the last
 * week with ratings, payments (refunds and failures among them) and vital signs. Seeded, so the
 * same rows every run; every instant lies before {@code now}. Small groups (a few patients of sex
 * "other", rare diagnoses) make the health trends suppress some cells.
 */
final class PlatformData {

    static final List<String> SPECIALTIES = List.of("Cardiology", "Dermatology", "General practice", "Pediatrics");
    private static final List<String> DIAGNOSES = List.of("J06.9", "J06.9", "J06.9", "I10", "I10", "E11.9", "F32.9",
            "M54.5", "R51", "N39.0", "Z00.00", "L20.9", "A09");
    private static final String[] NAMES = { "Ada Moreau", "Ben Okafor", "Chloé Dubois", "Dev Patel", "Elif Yılmaz",
        "Femi Adeyemi", "Greta Lind", "Hiro Tanaka", "Ines Costa", "Jonas Berg", "Kofi Mensah", "Lena Novak" };
    private static final String[][] VITALS = { { "8480-6", "mm[Hg]", "118", "14" }, { "8462-4", "mm[Hg]", "76", "9" },
        { "8867-4", "/min", "72", "10" }, { "2339-0", "mg/dL", "98", "15" }, { "39156-5", "kg/m2", "26", "4" } };

    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random(20261126);
    private final Instant now;
    private final ArrayNode items = json.createArrayNode();

    private PlatformData(Instant now) {
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The bulk body of the whole platform, as of {@code now}. */
    static ArrayNode generate(Instant now) {
        PlatformData data = new PlatformData(now);
        data.doctors();
        data.patients();
        data.consultations();
        data.observations();
        return data.items;
    }

    static String doctorId(int i) {
        return String.format("d-%02d", i);
    }

    static String patientId(int i) {
        return String.format("p-%03d", i);
    }

    private ObjectNode item(String kind, String id) {
        ObjectNode item = items.addObject();
        item.put("kind", kind);
        item.put("id", id);
        return item;
    }

    private void doctors() {
        for (int i = 1; i <= NAMES.length; i++) {
            item("doctor", doctorId(i)).put("full_name", NAMES[i - 1]).put("specialty", SPECIALTIES.get(i % SPECIALTIES.size()))
                    .put("active", true).put("updated_at", now.minus(Duration.ofDays(30)).toString());
        }
    }

    private void patients() {
        for (int i = 1; i <= 150; i++) {
            String sex = i <= 3 ? "other" : i <= 7 ? "unknown" : i % 2 == 0 ? "female" : "male";
            ObjectNode patient = item("patient", patientId(i)).put("sex", sex)
                    .put("updated_at", now.minus(Duration.ofDays(30)).toString());
            if (i % 25 == 0) {
                patient.putNull("birth_date");
            } else {
                patient.put("birth_date", LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(3 + random.nextInt(82))
                        .minusDays(random.nextInt(365)).toString());
            }
        }
    }

    private void consultations() {
        long window = Duration.ofDays(7).minusMinutes(10).toSeconds();
        for (int i = 1; i <= 400; i++) {
            String id = String.format("c-%04d", i);
            Instant scheduled = now.minusSeconds(300 + (long) (random.nextDouble() * window));
            boolean past = scheduled.isBefore(now.minus(Duration.ofHours(2)));
            double roll = random.nextDouble();
            String status = !past ? (roll < 0.7 ? "scheduled" : "in_progress")
                    : roll < 0.8 ? "completed" : roll < 0.92 ? "cancelled" : "no_show";
            ObjectNode consultation = item("consultation", id)
                    .put("doctor_id", doctorId(1 + random.nextInt(NAMES.length)))
                    .put("patient_id", patientId(1 + random.nextInt(150)))
                    .put("type", List.of("video", "video", "audio", "chat").get(random.nextInt(4)))
                    .put("status", status)
                    .put("scheduled_at", scheduled.toString())
                    .put("fee", new BigDecimal("50.00"))
                    .put("updated_at", now.minusSeconds(60).toString());
            if (status.equals("completed") || status.equals("in_progress")) {
                Instant started = min(scheduled.plusSeconds(60L * (random.nextInt(12) - 2)), now.minusSeconds(60));
                consultation.put("started_at", started.toString());
                if (status.equals("completed")) {
                    Instant ended = started.plusSeconds(60L * (8 + random.nextInt(35)));
                    consultation.put("ended_at", ended.toString());
                    consultation.put("diagnosis_code", DIAGNOSES.get(random.nextInt(DIAGNOSES.size())));
                    rateAndPay(id, i, ended);
                }
            }
            if (status.equals("cancelled") || status.equals("no_show")) {
                consultation.put("cancelled_at", scheduled.toString());
            }
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private void rateAndPay(String consultation, int i, Instant ended) {
        if (random.nextDouble() < 0.45) {
            item("rating", "r-" + i).put("consultation_id", consultation).put("score", 2 + random.nextInt(4))
                    .put("created_at", ended.plusSeconds(120).toString());
        }
        if (random.nextDouble() < 0.85) {
            Instant paid = ended.plusSeconds(60);
            double roll = random.nextDouble();
            String status = roll < 0.88 ? "paid" : roll < 0.95 ? "refunded" : "failed";
            BigDecimal amount = BigDecimal.valueOf(40 + random.nextInt(50)).setScale(2);
            ObjectNode payment = item("payment", "pay-" + i).put("consultation_id", consultation).put("amount", amount)
                    .put("method", List.of("card", "card", "insurance", "wallet").get(random.nextInt(4)))
                    .put("status", status).put("updated_at", paid.toString());
            if (!status.equals("failed")) {
                payment.put("paid_at", paid.toString());
            }
            if (status.equals("refunded")) {
                Instant refunded = paid.plusSeconds(600);
                payment.put("refunded_at", min(refunded, now).toString());
            }
        }
    }

    private void observations() {
        long window = Duration.ofDays(7).minusMinutes(10).toSeconds();
        for (int i = 1; i <= 600; i++) {
            String[] vital = VITALS[i % VITALS.length];
            double value = Double.parseDouble(vital[2]) + random.nextGaussian() * Double.parseDouble(vital[3]);
            item("health_observation", "o-" + i).put("patient_id", patientId(1 + random.nextInt(150)))
                    .put("code", vital[0]).put("value", BigDecimal.valueOf(value).setScale(1, java.math.RoundingMode.HALF_UP))
                    .put("unit", vital[1]).put("observed_at", now.minusSeconds(60 + (long) (random.nextDouble() * window)).toString());
        }
    }
}
