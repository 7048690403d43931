package io.careboard.realtime;

import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.period.PeriodName;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Carries out a client's messages (contract §5). Every message counts against the connection's
 * rate limit; a bad one is answered with {@code ERROR} and the connection stays open.
 *
 * <ul>
 * <li>{@code subscribe}: adds topic × period × zone subscriptions and answers the current value of
 * each as {@code METRICS} (with the current {@code seq}), so the client starts from a known state;</li>
 * <li>{@code unsubscribe}: removes them; no answer;</li>
 * <li>{@code request_metrics}: answers {@code METRICS} for each metric, subscribing to nothing;</li>
 * <li>{@code ping}: answers {@code PONG}.</li>
 * </ul>
 */
@Singleton
public class RequestHandler {

    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    private final RequestParser parser;
    private final LocalSubscriptions subscriptions;
    private final CurrentValues values;
    private final Replies replies;
    private final Clock clock;
    private final int maxSubscriptions;

    RequestHandler(RequestParser parser, LocalSubscriptions subscriptions, CurrentValues values, Replies replies,
            Clock clock, RealtimeConfig config) {
        this.parser = parser;
        this.subscriptions = subscriptions;
        this.values = values;
        this.replies = replies;
        this.clock = clock;
        this.maxSubscriptions = config.maxSubscriptions();
    }

    void handle(Client client, String text) {
        long now = System.nanoTime();
        client.heard(now);
        Client.Admission admission = client.admit(now);
        if (admission == Client.Admission.REFUSED_FIRST) {
            replies.send(client, new ServerMessage.Error(MessageType.ERROR, null, "rate_limited",
                    "too many messages; this one and further ones are dropped until the rate falls", null,
                    client.millisUntilAdmitted()));
        }
        if (admission != Client.Admission.ADMITTED) {
            return;
        }
        try {
            carryOut(client, parser.parse(text));
        } catch (ProtocolError error) {
            replies.send(client, error.toMessage());
        } catch (RuntimeException failure) {
            LOG.errorf(failure, "handling a message on connection %s failed", client.id());
            replies.send(client, new ServerMessage.Error(MessageType.ERROR, null, "internal_error",
                    "the message could not be handled; the failure is logged", null, null));
        }
    }

    private void carryOut(Client client, Request request) {
        if (request instanceof Request.Subscribe subscribe) {
            subscribe(client, subscribe);
        } else if (request instanceof Request.Unsubscribe unsubscribe) {
            subscriptions.remove(client, client.unsubscribe(key -> unsubscribe.topics().contains(key.topic())
                    && unsubscribe.period().map(period -> period == key.period()).orElse(true)
                    && unsubscribe.zone().map(zone -> zone.equals(key.zone())).orElse(true)));
        } else if (request instanceof Request.RequestMetrics metrics) {
            values.send(client, keys(metrics.metrics(), metrics.period(), metrics.zone()), metrics.id());
        } else {
            replies.send(client, new ServerMessage.Pong(MessageType.PONG, request.id(), clock.instant()));
        }
    }

    private void subscribe(Client client, Request.Subscribe subscribe) {
        List<SubscriptionKey> keys = keys(subscribe.topics(), subscribe.period(), subscribe.zone());
        List<SubscriptionKey> added = client.subscribe(keys, maxSubscriptions);
        if (added == null) {
            throw new ProtocolError(ProtocolError.TOO_MANY_SUBSCRIPTIONS, "a connection may hold at most "
                    + maxSubscriptions + " topic × period × tz subscriptions", subscribe.id(), List.of());
        }
        // Registered before the current values are read: no update can fall between the two.
        subscriptions.add(client, added);
        values.send(client, keys, subscribe.id());
    }

    private static List<SubscriptionKey> keys(Set<MetricFamily> topics, PeriodName period, ZoneId zone) {
        List<SubscriptionKey> keys = new ArrayList<>(topics.size());
        for (MetricFamily topic : topics) {
            keys.add(new SubscriptionKey(topic, period, zone));
        }
        return keys;
    }
}
