package io.careboard.metrics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a SQL text over raw rows reads, so one text serves a whole window, the raw part of a window
 * that is otherwise read from the rollups, and the local days a rollup is built from. A text puts
 * {@link #carried} first in each select list, {@link #from} before its table and
 * {@link #contains} in its condition.
 *
 * @param from    a FROM item followed by a comma, or nothing
 * @param lower   the inclusive lower bound of a row's instant
 * @param upper   the exclusive upper bound
 * @param alias   the FROM item's alias
 * @param columns the FROM item's columns every row carries (a day's date, say)
 */
public record Span(String from, String lower, String upper, String alias, List<String> columns) {

    public Span {
        columns = List.copyOf(columns);
    }

    /** The window bound as {@code :<name>_from} / {@code :<name>_to} ({@link MetricSql#window}). */
    public static Span window(String name) {
        return new Span("", ":" + name + "_from", ":" + name + "_to", "", List.of());
    }

    /**
     * The instant ranges of relation {@code ranges}, which has columns {@code (f, t)} (such as
     * {@code cur_raw} of {@link io.careboard.metrics.rollup.RollupSql}). The ranges must not overlap,
     * or a row would count twice.
     */
    public static Span ranges(String ranges) {
        return new Span(ranges + " w, ", "w.f", "w.t", "w", List.of());
    }

    /** {@code instant} lies in the span, half-open. */
    public String contains(String instant) {
        return instant + " >= " + lower + " and " + instant + " < " + upper;
    }

    /** The carried columns of the FROM item, each followed by a comma. */
    public String carried() {
        return carriedFrom(alias);
    }

    /** The carried columns as a subquery built from this span names them, under its alias {@code subquery}. */
    public String carriedFrom(String subquery) {
        return columns.stream().map(column -> subquery + "." + column + ", ").collect(Collectors.joining());
    }
}
