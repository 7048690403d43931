package io.careboard.realtime;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * A client message as sent (contract §5), before validation: {@code action} is {@code subscribe},
 * {@code unsubscribe}, {@code request_metrics} or {@code ping}; {@code id} is optional and echoed
 * in the answer ({@code METRICS}, {@code PONG}, {@code ERROR}). Unknown fields are ignored.
 */
@RegisterForReflection
public record ClientMessage(String action, List<String> topics, String period, String tz, List<String> metrics,
        String id) {
}
