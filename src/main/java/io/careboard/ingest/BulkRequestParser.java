package io.careboard.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careboard.domain.WireEnum;
import io.careboard.problem.FieldError;
import io.careboard.problem.ProblemException;
import io.careboard.problem.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a bulk ingestion body — a JSON array, or NDJSON (one object per line) — into items, and
 * validates every item before any is stored: each is {@code {"kind": ..., "id": ..., ...fields}}
 * with the fields of the kind's PUT body. Any problem fails the whole body with 400, naming
 * {@code [index].field} (or {@code body}); the first {@value #MAX_ERRORS} problems are listed.
 */
@ApplicationScoped
public class BulkRequestParser {

    /** The contract's limit on the items of one bulk request. */
    public static final int MAX_ITEMS = 10_000;
    static final int MAX_ERRORS = 100;

    private static final Pattern ID = Pattern.compile(EntityId.REGEX);
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final Map<EntityKind, Class<? extends IngestBody<?>>> BODIES = new EnumMap<>(Map.of(
            EntityKind.DOCTOR, DoctorBody.class,
            EntityKind.PATIENT, PatientBody.class,
            EntityKind.CONSULTATION, ConsultationBody.class,
            EntityKind.RATING, RatingBody.class,
            EntityKind.PAYMENT, PaymentBody.class,
            EntityKind.HEALTH_OBSERVATION, HealthObservationBody.class));

    private final ObjectMapper mapper;
    private final Validator validator;
    private final Map<EntityKind, ObjectReader> readers = new EnumMap<>(EntityKind.class);

    BulkRequestParser(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
        BODIES.forEach((kind, type) -> readers.put(kind, mapper.readerFor(type)));
    }

    /** The items of a JSON array body. */
    public List<IngestItem> fromJsonArray(InputStream body) throws IOException {
        JsonNode root = mapper.readTree(body);
        if (root == null || !root.isArray()) {
            throw new ProblemException.InvalidInput("body", "must be a JSON array of items");
        }
        if (root.size() > MAX_ITEMS) {
            throw tooMany(root.size() + " items");
        }
        Items items = new Items();
        for (int i = 0; i < root.size() && items.open(); i++) {
            items.add(root.get(i));
        }
        return items.result();
    }

    /** The items of an NDJSON body: one JSON object per line, blank lines skipped. */
    public List<IngestItem> fromNdjson(InputStream body) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        Items items = new Items();
        int lineNumber = 0;
        for (String line = lines.readLine(); line != null && items.open(); line = lines.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (items.count() == MAX_ITEMS) {
                throw tooMany("more items");
            }
            try {
                items.add(mapper.readTree(line));
            } catch (JsonProcessingException e) {
                items.malformed("line " + lineNumber + " is not valid JSON: " + ProblemMapper.fieldError(e).message());
            }
        }
        return items.result();
    }

    private static ProblemException.InvalidInput tooMany(String got) {
        return new ProblemException.InvalidInput("body", "must hold at most " + MAX_ITEMS + " items, got " + got);
    }

    /** The items read so far and the problems found in them. */
    private final class Items {
        private final List<IngestItem> valid = new ArrayList<>();
        private final List<FieldError> errors = new ArrayList<>();
        private int count;

        int count() {
            return count;
        }

        /** Whether reading on can still add a problem to the list. */
        boolean open() {
            return errors.size() < MAX_ERRORS;
        }

        void malformed(String message) {
            errors.add(new FieldError("[" + count++ + "]", message));
        }

        void add(JsonNode node) {
            String at = "[" + count++ + "]";
            if (node == null || !node.isObject()) {
                errors.add(new FieldError(at, "must be a JSON object with kind, id and the fields of the kind"));
                return;
            }
            List<FieldError> problems = new ArrayList<>();
            Optional<EntityKind> kind = kind(node.get("kind"), at, problems);
            String id = id(node.get("id"), at, problems);
            ((ObjectNode) node).remove(List.of("kind", "id"));
            IngestBody<?> body = kind.map(k -> fields(k, node, at, problems)).orElse(null);
            if (problems.isEmpty() && body != null) {
                valid.add(new IngestItem(kind.get(), id, body.toState()));
            }
            problems.sort(Comparator.comparing(FieldError::field));
            errors.addAll(problems);
        }

        List<IngestItem> result() {
            if (!errors.isEmpty()) {
                throw new ProblemException.InvalidInput(errors.subList(0, Math.min(errors.size(), MAX_ERRORS)));
            }
            return valid;
        }
    }

    private static Optional<EntityKind> kind(JsonNode node, String at, List<FieldError> problems) {
        Optional<EntityKind> kind = node != null && node.isTextual()
                ? WireEnum.parse(EntityKind.class, node.textValue())
                : Optional.empty();
        if (kind.isEmpty()) {
            problems.add(new FieldError(at + ".kind", node == null || node.isNull() ? "is required"
                    : "must be one of " + String.join(", ", WireEnum.names(EntityKind.class))));
        }
        return kind;
    }

    private static String id(JsonNode node, String at, List<FieldError> problems) {
        if (node == null || node.isNull()) {
            problems.add(new FieldError(at + ".id", "is required"));
        } else if (!node.isTextual() || !ID.matcher(node.textValue()).matches()) {
            problems.add(new FieldError(at + ".id", EntityId.MESSAGE));
        } else {
            return node.textValue();
        }
        return null;
    }

    /** The kind's body read from the item's fields and validated like a PUT body, or null. */
    private IngestBody<?> fields(EntityKind kind, JsonNode node, String at, List<FieldError> problems) {
        IngestBody<?> body;
        try {
            body = readers.get(kind).readValue(node);
        } catch (IOException e) {
            FieldError error = e instanceof JsonProcessingException json ? ProblemMapper.fieldError(json)
                    : new FieldError("body", e.getMessage());
            problems.add(new FieldError(error.field().equals("body") ? at : at + "." + error.field(), error.message()));
            return null;
        }
        for (ConstraintViolation<?> violation : validator.validate(body)) {
            problems.add(new FieldError(at + "." + SNAKE_CASE.translate(violation.getPropertyPath().toString()),
                    violation.getMessage()));
        }
        return body;
    }
}
