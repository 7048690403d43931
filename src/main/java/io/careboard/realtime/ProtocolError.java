package io.careboard.realtime;

import io.careboard.problem.FieldError;
import java.util.List;

/** A client message that cannot be carried out; answered with an {@code ERROR} message. */
public final class ProtocolError extends RuntimeException {

    /** The JSON could not be read, or is not an object. */
    public static final String MALFORMED = "malformed_message";
    /** {@code action} is missing or names nothing the server knows. */
    public static final String UNKNOWN_ACTION = "unknown_action";
    /** A field is missing or has a bad value. */
    public static final String INVALID = "invalid_message";
    /** The subscription would pass the per-connection limit. */
    public static final String TOO_MANY_SUBSCRIPTIONS = "too_many_subscriptions";

    private final String code;
    private final String id;
    private final List<FieldError> errors;

    public ProtocolError(String code, String message, String id, List<FieldError> errors) {
        super(message, null, false, false);
        this.code = code;
        this.id = id;
        this.errors = List.copyOf(errors);
    }

    public String code() {
        return code;
    }

    /** The id of the message in error, when it could be read. */
    public String id() {
        return id;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public ServerMessage.Error toMessage() {
        return new ServerMessage.Error(MessageType.ERROR, id, code, getMessage(), errors.isEmpty() ? null : errors,
                null);
    }
}
