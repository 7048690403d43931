package io.careboard.realtime;

import io.careboard.metrics.MetricFamily;

/** The {@code type} of a server message (contract §5). */
public enum MessageType {
    WELCOME,
    CONSULTATION_UPDATE,
    DOCTOR_PERFORMANCE_UPDATE,
    REVENUE_UPDATE,
    HEALTH_TRENDS_UPDATE,
    OVERVIEW_UPDATE,
    METRICS,
    PONG,
    ERROR,
    GOING_AWAY;

    /** The type of an update of {@code topic}. */
    public static MessageType updateOf(MetricFamily topic) {
        return switch (topic) {
            case CONSULTATIONS -> CONSULTATION_UPDATE;
            case DOCTORS -> DOCTOR_PERFORMANCE_UPDATE;
            case REVENUE -> REVENUE_UPDATE;
            case HEALTH_TRENDS -> HEALTH_TRENDS_UPDATE;
            case OVERVIEW -> OVERVIEW_UPDATE;
            case RANGE -> throw new IllegalArgumentException("range is not a topic");
        };
    }
}
