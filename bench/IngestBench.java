import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Bulk-ingestion load client for bench/ingest-bench.sh: posts batches of new entities (every kind,
 * referring to earlier ones), then the same entities again with newer states (updates and their
 * transitions), one batch at a time, and prints the median throughput of each phase.
 *
 * <pre>java bench/IngestBench.java URL TOKEN [BATCHES] [BATCH_SIZE]</pre>
 *
 * Runs with a plain JDK (no dependencies), so the JSON is written by hand.
 */
public class IngestBench {

    private static final int DOCTORS = 200;

    public static void main(String[] args) throws Exception {
        String url = args[0].replaceAll("/$", "") + "/api/v1/ingest";
        String token = args[1];
        int batches = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 10_000;
        int warmup = 2;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        post(client, url, token, doctors(), "setup");
        List<Double> created = new ArrayList<>();
        List<Double> updated = new ArrayList<>();
        for (int b = 0; b < warmup + batches; b++) {
            String fresh = batch(b, size, 0);
            double rate = size / post(client, url, token, fresh, "created batch " + b);
            if (b >= warmup) {
                created.add(rate);
            }
        }
        for (int b = 0; b < warmup + batches; b++) {
            String newer = batch(b, size, 1);
            double rate = size / post(client, url, token, newer, "updated batch " + b);
            if (b >= warmup) {
                updated.add(rate);
            }
        }
        System.out.printf(Locale.ROOT, "bulk-created entities/s median %.0f (min %.0f, max %.0f, %d batches of %d)%n",
                median(created), Collections.min(created), Collections.max(created), batches, size);
        System.out.printf(Locale.ROOT, "bulk-updated entities/s median %.0f (min %.0f, max %.0f, %d batches of %d)%n",
                median(updated), Collections.min(updated), Collections.max(updated), batches, size);
    }

    /** Posts one batch; returns its wall-clock seconds. Fails on anything but 200 with no item errors. */
    private static double post(HttpClient client, String url, String token, String body, String what)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (response.statusCode() != 200 || !response.body().contains("\"errors\":0")) {
            throw new IllegalStateException(what + ": " + response.statusCode() + " "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
        System.err.printf(Locale.ROOT, "%s: %.3f s%n", what, seconds);
        return seconds;
    }

    private static String doctors() {
        StringBuilder json = new StringBuilder("[");
        for (int d = 0; d < DOCTORS; d++) {
            item(json, d == 0, "doctor", "bd" + d, "\"full_name\":\"Dr. Bench " + d + "\",\"specialty\":\"spec"
                    + (d % 12) + "\",\"active\":true,\"updated_at\":\"2026-01-01T00:00:00Z\"");
        }
        return json.append(']').toString();
    }

    /**
     * One batch of {@code size} items: per group of 10, 2 patients, 3 consultations, 1 rating, 2
     * payments and 2 observations. Version 0 creates them; version 1 re-sends them newer and changed.
     * Like live traffic, everything happens today (UTC), spread over the hours since midnight.
     */
    private static String batch(int b, int size, int version) {
        StringBuilder json = new StringBuilder(size * 260).append('[');
        Instant midnight = Instant.now().truncatedTo(ChronoUnit.DAYS);
        long span = Math.max(1, Duration.between(midnight, Instant.now()).toSeconds() - 120);
        String status = version == 0 ? "scheduled" : "completed";
        String payment = version == 0 ? "failed" : "paid";
        for (int i = 0; i < size; i++) {
            int group = i / 10;
            String g = b + "-" + group;
            Instant scheduled = midnight.plusSeconds((long) group * 7919 % span);
            String at = scheduled.plusSeconds(60 + version).toString();
            switch (i % 10) {
                case 0, 1 -> item(json, i == 0, "patient", "bp" + g + "-" + (i % 10),
                        "\"birth_date\":\"19" + (50 + group % 50) + "-03-0" + (1 + i % 9) + "\",\"sex\":\""
                                + (i % 2 == 0 ? "female" : "male") + "\",\"updated_at\":\"" + at + "\"");
                case 2, 3, 4 -> item(json, false, "consultation", "bc" + g + "-" + (i % 10),
                        "\"doctor_id\":\"bd" + ((group + i) % DOCTORS) + "\",\"patient_id\":\"bp" + g + "-" + (i % 2)
                                + "\",\"type\":\"video\",\"status\":\"" + status + "\",\"scheduled_at\":\"" + scheduled
                                + "\",\"started_at\":\"" + scheduled.plusSeconds(30) + "\","
                                + (version == 0 ? ""
                                        : "\"ended_at\":\"" + scheduled.plusSeconds(59) + "\",\"diagnosis_code\":\"J45\",")
                                + "\"fee\":45.50,\"updated_at\":\"" + at + "\"");
                case 5 -> item(json, false, "rating", "br" + g,
                        "\"consultation_id\":\"bc" + g + "-2\",\"score\":" + (4 + version)
                                + ",\"comment\":\"bench\",\"created_at\":\"" + at + "\"");
                case 6, 7 -> item(json, false, "payment", "bpay" + g + "-" + (i % 10),
                        "\"consultation_id\":\"bc" + g + "-" + (i % 10 - 3) + "\",\"amount\":45.50,\"method\":\"card\","
                                + "\"status\":\"" + payment + "\"," + (version == 0 ? "" : "\"paid_at\":\"" + at + "\",")
                                + "\"updated_at\":\"" + at + "\"");
                default -> item(json, false, "health_observation", "bo" + g + "-" + (i % 10),
                        "\"patient_id\":\"bp" + g + "-" + (i % 2) + "\",\"code\":\"8867-4\",\"value\":" + (70 + version)
                                + ".5,\"unit\":\"/min\",\"observed_at\":\"" + at + "\"");
            }
        }
        return json.append(']').toString();
    }

    private static void item(StringBuilder json, boolean first, String kind, String id, String fields) {
        json.append(first ? "" : ",").append("{\"kind\":\"").append(kind).append("\",\"id\":\"").append(id)
                .append("\",").append(fields).append('}');
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
