package io.careboard.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.careboard.cache.Answer;
import io.careboard.metrics.ComputedMetric;
import io.careboard.metrics.period.ResolvedPeriod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Writes the metric envelope of contract §3 around an answer's already serialised {@code data}:
 * {@code metric}, {@code period} (name, from, to, timezone), {@code currency}, {@code data} and
 * {@code meta} (computed_at, cache, ttl_seconds, age_seconds, version). The WebSocket sends the
 * same {@code data} and {@code meta}.
 */
public final class Envelope {

    private static final JsonFactory JSON = new JsonFactory();

    private Envelope() {
    }

    public static byte[] write(Answer answer, String currency, Instant now) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(answer.dataJson().length() + 400);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("metric", answer.query().family().wire());
            writePeriod(json, answer);
            json.writeStringField("currency", currency);
            json.writeFieldName("data");
            json.writeRawValue(answer.dataJson());
            writeMeta(json, answer, now);
            json.writeEndObject();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    static void writePeriod(JsonGenerator json, Answer answer) throws IOException {
        ResolvedPeriod period = answer.query().period();
        ZoneId zone = period.zone();
        ComputedMetric<?> computed = answer.computed();
        json.writeObjectFieldStart("period");
        json.writeStringField("name", period.name());
        json.writeStringField("from", local(computed.from(), zone));
        json.writeStringField("to", local(computed.to(), zone));
        json.writeStringField("timezone", zone.getId());
        json.writeEndObject();
    }

    /** {@code meta}: how old the answer is and where it came from. */
    public static void writeMeta(JsonGenerator json, Answer answer, Instant now) throws IOException {
        ComputedMetric<?> computed = answer.computed();
        json.writeObjectFieldStart("meta");
        json.writeStringField("computed_at", computed.computedAt().toString());
        json.writeStringField("cache", answer.outcome().wire());
        json.writeNumberField("ttl_seconds", Duration.between(computed.computedAt(), computed.validUntil()).toSeconds());
        json.writeNumberField("age_seconds", Math.max(0, Duration.between(computed.computedAt(), now).toSeconds()));
        json.writeNumberField("version", computed.version());
        json.writeEndObject();
    }

    private static String local(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone));
    }
}
