package io.careboard.metrics;

/**
 * The payment events of a span as a SQL subquery, the one definition of revenue that every family
 * counting money and the daily rollups share (contract §3, "Revenue"): a payment brings its gross
 * when it is paid and, separately, its refund when it is refunded, so the two can fall into
 * different windows, days or buckets.
 */
public final class PaymentEvents {

    private PaymentEvents() {
    }

    /**
     * One row per event in the span, columns: the span's carried ones, {@code consultation_id},
     * {@code doctor_id}, {@code method}, {@code is_gross}, {@code gross}, {@code refund} and
     * {@code at} (the instant that places the event in a window, day or bucket); to use as
     * {@code (...) e}.
     */
    public static String of(Span span) {
        return """
                -- Gross, when paid, of a paid or refunded payment. A later refund does not remove it, it is an
                -- event of its own (below). Failed payments never count.
                select %1$sp.consultation_id, p.doctor_id, p.method, true as is_gross,
                       p.amount as gross, cast(0 as numeric) as refund, p.paid_at as at
                from %2$spayments p
                where p.status in ('paid', 'refunded') and %3$s
                union all
                -- Refund, when refunded, of any payment that is not failed (a partly refunded one may still be
                -- paid), the refunded amount or the whole amount when none is given.
                select %1$sp.consultation_id, p.doctor_id, p.method, false,
                       cast(0 as numeric), coalesce(p.refunded_amount, p.amount), p.refunded_at
                from %2$spayments p
                where p.status in ('paid', 'refunded') and %4$s
                """.formatted(span.carried(), span.from(), span.contains("p.paid_at"),
                span.contains("p.refunded_at"));
    }

    /** The events of the window bound as {@code :<window>_from} / {@code :<window>_to}. */
    public static String in(String window) {
        return of(Span.window(window));
    }
}
