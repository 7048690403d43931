package io.careboard.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.careboard.domain.WireEnum;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become HTTP answers: every exception the API lets out is looked
 * up in {@link #TABLE} and answered as {@code application/problem+json}. Server errors are
 * logged with their stack trace and answered without it.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** A kind of failure: its status, a stable type URI and a title. First match wins. */
    record Kind(Class<? extends Throwable> exception, int status, String slug, String title) {
    }

    static final List<Kind> TABLE = List.of(
            new Kind(ProblemException.InvalidInput.class, 400, "invalid-input", "Invalid input"),
            new Kind(ConstraintViolationException.class, 400, "invalid-input", "Invalid input"),
            new Kind(JsonProcessingException.class, 400, "invalid-input", "Invalid input"),
            new Kind(AuthenticationFailedException.class, 401, "unauthenticated", "Authentication required"),
            new Kind(UnauthorizedException.class, 401, "unauthenticated", "Authentication required"),
            new Kind(ForbiddenException.class, 403, "forbidden", "Not allowed for this role"),
            new Kind(ProblemException.Conflict.class, 409, "conflict", "Conflicting concurrent change"),
            new Kind(ProblemException.UnknownReference.class, 422, "unknown-reference", "Unknown reference"),
            new Kind(ProblemException.RateLimited.class, 429, "rate-limited", "Too many requests"),
            new Kind(ProblemException.Unavailable.class, 503, "unavailable", "Service unavailable"),
            new Kind(Throwable.class, 500, "internal", "Internal error"));

    static final String TYPE_PREFIX = "urn:careboard:problem:";

    @ServerExceptionMapper({ Throwable.class, WebApplicationException.class, AuthenticationFailedException.class,
            UnauthorizedException.class, ForbiddenException.class, ConstraintViolationException.class,
            JsonProcessingException.class, MismatchedInputException.class })
    public Response map(Throwable failure) {
        // Quarkus REST wraps a body that is not JSON at all in a 400 WebApplicationException.
        if (failure instanceof WebApplicationException web && web.getCause() instanceof JsonProcessingException json) {
            return map(json);
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return framework(web);
        }
        Kind kind = TABLE.stream().filter(k -> k.exception().isInstance(failure)).findFirst().orElseThrow();
        String detail = failure.getMessage();
        List<FieldError> errors = null;
        if (failure instanceof ProblemException problem) {
            errors = problem.errors().isEmpty() ? null : problem.errors();
        } else if (failure instanceof ConstraintViolationException violations) {
            errors = fieldErrors(violations);
            detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " invalid fields";
        } else if (failure instanceof JsonProcessingException json) {
            FieldError error = fieldError(json);
            errors = List.of(error);
            detail = error.field() + ": " + error.message();
        } else if (kind.status() == 401 || kind.status() == 403) {
            detail = kind.status() == 401 ? "a valid bearer token is required" : "the token lacks the required role";
        } else if (kind.status() >= 500) {
            LOG.error("unhandled failure", failure);
            detail = "the request could not be completed; the failure is logged";
        }
        Response.ResponseBuilder answer = Response.status(kind.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + kind.slug(), kind.title(), kind.status(), detail, errors));
        if (failure instanceof ProblemException.RetryLater later) {
            answer.header(HttpHeaders.RETRY_AFTER, Math.max(1, later.retryAfter().toSeconds()));
        }
        if (kind.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return answer.build();
    }

    /** The framework's own 4xx answers (404, 405, 406, 415), re-dressed as problem details. */
    private static Response framework(WebApplicationException failure) {
        Response original = failure.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder answer = Response.fromResponse(original)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem(TYPE_PREFIX + "http-" + status.getStatusCode(), status.getReasonPhrase(),
                        status.getStatusCode(), failure.getMessage(), null));
        return answer.build();
    }

    private static List<FieldError> fieldErrors(ConstraintViolationException failure) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : failure.getConstraintViolations()) {
            errors.add(new FieldError(jsonPath(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field));
        return errors;
    }

    /**
     * A violation's path in the API's terms: without the method node, without the parameter node
     * unless the parameter itself is invalid (a query parameter), in snake_case.
     */
    private static String jsonPath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node node = nodes.get(i);
            boolean last = i == nodes.size() - 1;
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER && !last) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                out.append(out.isEmpty() ? "" : ".").append(snakeCase(node.getName()));
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /** The field a JSON failure is about (its JSON path, or {@code body}) and a message that echoes no input excerpt. */
    public static FieldError fieldError(JsonProcessingException failure) {
        StringBuilder field = new StringBuilder();
        if (failure instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!field.isEmpty()) {
                        field.append('.');
                    }
                    field.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return new FieldError(field.isEmpty() ? "body" : field.toString(), jsonMessage(failure));
    }

    /**
     * Jackson's message without its source excerpt and location, which may echo the input; for a
     * value of the wrong type, what was expected in the API's words rather than Java class names.
     */
    private static String jsonMessage(JsonProcessingException failure) {
        Throwable cause = failure.getCause();
        if (cause instanceof IllegalArgumentException argument && argument.getMessage() != null) {
            return argument.getMessage();
        }
        if (failure instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && !mismatch.getOriginalMessage().startsWith("must ")) {
            return "must be " + expected(mismatch.getTargetType());
        }
        String message = failure.getOriginalMessage();
        int details = message.indexOf('\n');
        return details < 0 ? message : message.substring(0, details);
    }

    /** What a JSON value of {@code type} looks like, for "must be …" messages. */
    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = WireEnum.class.isAssignableFrom(type)
                    ? WireEnum.names(type.asSubclass(WireEnum.class))
                    : Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
            return "one of " + String.join(", ", names);
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == BigDecimal.class || type == Double.class || type == double.class || type == Float.class
                || type == float.class) {
            return "a number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a whole number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "a JSON object";
    }

    static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
