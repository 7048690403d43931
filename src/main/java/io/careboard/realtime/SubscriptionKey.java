package io.careboard.realtime;

import io.careboard.domain.WireEnum;
import io.careboard.metrics.MetricFamily;
import io.careboard.metrics.MetricQuery;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What a client subscribes to and what an update is for: a topic, a named period and a time zone.
 * Its {@link #wire()} form ({@code consultations|today|Europe/Berlin}) names it in Redis.
 */
public record SubscriptionKey(MetricFamily topic, PeriodName period, ZoneId zone) {

    public SubscriptionKey {
        if (!topic.isTopic()) {
            throw new IllegalArgumentException(topic + " is not a topic");
        }
    }

    /** The metric query whose {@code data} an update of this key carries, for a period ending {@code now}. */
    public MetricQuery query(Instant now) {
        return MetricQuery.of(topic, ResolvedPeriod.named(period, zone, now));
    }

    public String wire() {
        return topic.wire() + '|' + period.wire() + '|' + zone.getId();
    }

    /** The key written by {@link #wire()}, or empty for anything else. */
    public static Optional<SubscriptionKey> parse(String wire) {
        String[] parts = wire.split("\\|", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        Optional<MetricFamily> topic = WireEnum.parse(MetricFamily.class, parts[0]).filter(MetricFamily::isTopic);
        Optional<PeriodName> period = WireEnum.parse(PeriodName.class, parts[1]);
        if (topic.isEmpty() || period.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SubscriptionKey(topic.get(), period.get(), ZoneId.of(parts[2])));
        } catch (DateTimeException unknownZone) {
            return Optional.empty();
        }
    }
}
