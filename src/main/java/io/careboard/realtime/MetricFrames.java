package io.careboard.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.careboard.analytics.Envelope;
import io.careboard.cache.Answer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * Writes the messages that carry a metric value, an update or {@code METRICS}:
 * {@code {"type", "topic", "period", "tz", "id"?, "data", "meta", "seq"}}, with {@code data} the
 * answer's already serialised JSON (byte for byte what REST answers) and {@code meta} as REST
 * writes it.
 *
 * <p>A frame is written in two steps: {@link #open} writes everything up to {@code "seq":}, and
 * {@link #close} appends the number. An update is opened once by the replica that computed it and
 * closed by every replica once its sequence number is known (Redis assigns it when publishing).
 */
public final class MetricFrames {

    /** Leaves the object open when the generator closes: {@link #close} ends it. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();
    private static final String SEQ_FIELD = ",\"seq\":";

    private MetricFrames() {
    }

    /** The frame without its sequence number; {@code id} (may be null) echoes a request's. */
    public static String open(MessageType type, SubscriptionKey key, Answer answer, Instant now, String id) {
        StringWriter out = new StringWriter(answer.dataJson().length() + 300);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("type", type.name());
            json.writeStringField("topic", key.topic().wire());
            json.writeStringField("period", key.period().wire());
            json.writeStringField("tz", key.zone().getId());
            if (id != null) {
                json.writeStringField("id", id);
            }
            json.writeFieldName("data");
            json.writeRawValue(answer.dataJson());
            Envelope.writeMeta(json, answer, now);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
        return out.toString() + SEQ_FIELD;
    }

    /** The complete frame. */
    public static String close(String opened, long seq) {
        return opened + seq + '}';
    }
}
