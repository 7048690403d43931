package io.careboard.metrics;

/**
 * The payment events of a window as a SQL subquery, the one definition of revenue that every
 * family counting money shares (contract §3, "Revenue"): a payment brings its gross when it is
 * paid and, separately, its refund when it is refunded, so the two can fall into different
 * windows or buckets.
 */
public final class PaymentEvents {

    /**
     * One row per event, columns {@code consultation_id}, {@code doctor_id}, {@code method},
     * {@code is_gross}, {@code gross}, {@code refund} and {@code at} (the instant that places the
     * event in a window or bucket); {@code %1$s} is the window's name, bound by
     * {@link MetricSql#window} as {@code :<name>_from} / {@code :<name>_to}.
     */
    private static final String EVENTS = """
            -- Gross, when paid, of a paid or refunded payment. A later refund does not remove it, it is an
            -- event of its own (below). Failed payments never count.
            select p.consultation_id, p.doctor_id, p.method, true as is_gross,
                   p.amount as gross, cast(0 as numeric) as refund, p.paid_at as at
            from payments p
            where p.status in ('paid', 'refunded') and p.paid_at >= :%1$s_from and p.paid_at < :%1$s_to
            union all
            -- Refund, when refunded, of any payment that is not failed (a partly refunded one may still be
            -- paid), the refunded amount or the whole amount when none is given.
            select p.consultation_id, p.doctor_id, p.method, false,
                   cast(0 as numeric), coalesce(p.refunded_amount, p.amount), p.refunded_at
            from payments p
            where p.status in ('paid', 'refunded') and p.refunded_at >= :%1$s_from and p.refunded_at < :%1$s_to
            """;

    private PaymentEvents() {
    }

    /** The events of the window bound as {@code :<window>_from} / {@code :<window>_to}, to use as {@code (...) e}. */
    public static String in(String window) {
        return EVENTS.formatted(window);
    }
}
