package io.careboard.realtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.careboard.domain.WireEnum;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.Zones;
import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads and validates a client message. Every problem is a {@link ProtocolError} naming its field
 * ({@code topics[1]}, {@code period}, {@code tz}) with the same wording as the REST parameters'
 * problem details; the message is never echoed back.
 */
@Singleton
public class RequestParser {

    static final int MAX_ID_LENGTH = 64;
    private static final String TOPIC_NAMES = MetricFamily.topics().stream().map(MetricFamily::wire)
            .collect(Collectors.joining(", "));

    private final ObjectMapper mapper;
    private final ZoneId defaultZone;

    RequestParser(ObjectMapper mapper, MetricsConfig metrics) {
        this.mapper = mapper;
        this.defaultZone = metrics.defaultTimezone();
    }

    public Request parse(String text) {
        ClientMessage message = read(text);
        String id = message.id();
        if (id != null && id.length() > MAX_ID_LENGTH) {
            throw invalid(null, List.of(new FieldError("id", "must be at most " + MAX_ID_LENGTH + " characters")));
        }
        if (message.action() == null) {
            throw new ProtocolError(ProtocolError.UNKNOWN_ACTION,
                    "action is required: subscribe, unsubscribe, request_metrics or ping", id, List.of());
        }
        return switch (message.action()) {
            case "subscribe" -> subscribe(message);
            case "unsubscribe" -> unsubscribe(message);
            case "request_metrics" -> requestMetrics(message);
            case "ping" -> new Request.Ping(id);
            default -> throw new ProtocolError(ProtocolError.UNKNOWN_ACTION,
                    "unknown action; one of subscribe, unsubscribe, request_metrics, ping", id, List.of());
        };
    }

    private ClientMessage read(String text) {
        try {
            ClientMessage message = mapper.readValue(text, ClientMessage.class);
            if (message == null) {
                throw malformed();
            }
            return message;
        } catch (MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                throw malformed();
            }
            throw invalid(null, List.of(new FieldError(path(mismatch), "must be " + expected(mismatch))));
        } catch (JsonProcessingException notJson) {
            throw malformed();
        }
    }

    private Request subscribe(ClientMessage message) {
        Errors errors = new Errors();
        Set<MetricFamily> topics = errors.check(() -> topics("topics", message.topics()));
        PeriodName period = errors.check(() -> PeriodName.parse(message.period()));
        ZoneId zone = errors.check(() -> Zones.parse(message.tz(), defaultZone));
        errors.throwIfAny(message.id());
        return new Request.Subscribe(message.id(), topics, period, zone);
    }

    private Request unsubscribe(ClientMessage message) {
        Errors errors = new Errors();
        Set<MetricFamily> topics = message.topics() == null ? EnumSet.copyOf(MetricFamily.topics())
                : errors.check(() -> topics("topics", message.topics()));
        Optional<PeriodName> period = errors.check(() -> Optional.ofNullable(message.period()).map(PeriodName::parse));
        Optional<ZoneId> zone = errors.check(
                () -> Optional.ofNullable(message.tz()).map(tz -> Zones.parse(tz, defaultZone)));
        errors.throwIfAny(message.id());
        return new Request.Unsubscribe(message.id(), topics, period, zone);
    }

    private Request requestMetrics(ClientMessage message) {
        Errors errors = new Errors();
        Set<MetricFamily> metrics = errors.check(() -> topics("metrics", message.metrics()));
        PeriodName period = errors.check(() -> PeriodName.parse(message.period()));
        ZoneId zone = errors.check(() -> Zones.parse(message.tz(), defaultZone));
        errors.throwIfAny(message.id());
        return new Request.RequestMetrics(message.id(), metrics, period, zone);
    }

    private static Set<MetricFamily> topics(String field, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ProblemException.InvalidInput(field, "must name at least one of " + TOPIC_NAMES);
        }
        List<FieldError> errors = new ArrayList<>();
        Set<MetricFamily> topics = EnumSet.noneOf(MetricFamily.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            Optional<MetricFamily> topic = name == null ? Optional.empty()
                    : WireEnum.parse(MetricFamily.class, name).filter(MetricFamily::isTopic);
            if (topic.isPresent()) {
                topics.add(topic.get());
            } else {
                String hint = "range".equals(name) ? " (range is not pushed; use GET /api/v1/analytics/range)" : "";
                errors.add(new FieldError(field + "[" + i + "]", "must be one of " + TOPIC_NAMES + hint));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException.InvalidInput(errors);
        }
        return topics;
    }

    private static ProtocolError malformed() {
        return new ProtocolError(ProtocolError.MALFORMED, "a message must be a JSON object", null, List.of());
    }

    private static ProtocolError invalid(String id, List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " invalid fields";
        return new ProtocolError(ProtocolError.INVALID, message, id, errors);
    }

    private static String path(JsonMappingException failure) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : failure.getPath()) {
            if (ref.getFieldName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static String expected(MismatchedInputException mismatch) {
        Class<?> type = mismatch.getTargetType();
        return type != null && Collection.class.isAssignableFrom(type) ? "an array of strings" : "a string";
    }

    /** Collects the errors of several fields, so one ERROR names them all. */
    private static final class Errors {
        private final List<FieldError> errors = new ArrayList<>();

        <T> T check(Supplier<T> parse) {
            try {
                return parse.get();
            } catch (ProblemException.InvalidInput bad) {
                errors.addAll(bad.errors());
                return null;
            }
        }

        void throwIfAny(String id) {
            if (!errors.isEmpty()) {
                throw invalid(id, errors);
            }
        }
    }
}
