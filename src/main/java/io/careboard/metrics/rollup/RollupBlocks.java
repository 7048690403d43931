package io.careboard.metrics.rollup;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Aligned blocks of days for the rollups that have many rows a day (one per doctor, one per type,
 * specialty and method): a block of n days (n = 2, 4, ... {@link #MAX_DAYS}) starts on a day whose
 * distance from {@link #EPOCH} is a multiple of n, and its rows in {@code <rollup>_blocks} sum the
 * rollup's day rows of those days per key. Any run of clean days is the disjoint union of at most
 * two blocks of each length, so a year reads about a dozen blocks' rows instead of 365 days'.
 * {@link RollupBuilder} keeps the blocks of the days it builds current; {@link #plan} and
 * {@link #rows} read them.
 */
public final class RollupBlocks {

    /** The day blocks are aligned on. */
    static final LocalDate EPOCH = LocalDate.of(1900, 1, 1);

    /** The longest block: a year is covered by blocks of up to 256 days. */
    static final int MAX_DAYS = 256;

    /** Block lengths from 1 (a day row of the rollup itself) to {@link #MAX_DAYS}. */
    static final List<Integer> LENGTHS = IntStream.iterate(1, n -> n <= MAX_DAYS, n -> n * 2).boxed().toList();

    private RollupBlocks() {
    }

    /** The first day of the block of {@code days} days that holds {@code day}. */
    static LocalDate start(LocalDate day, int days) {
        return EPOCH.plusDays(Math.floorDiv(ChronoUnit.DAYS.between(EPOCH, day), days) * days);
    }

    /**
     * The CTEs (to follow a comma, after {@link RollupSql#plan}) that cover window {@code w}'s clean
     * days with the fewest blocks: {@code w_blocks(day, days)}, each block wholly clean and not
     * inside a wholly clean block twice as long; {@code days = 1} is a lone day.
     */
    public static String plan(String w) {
        String lengths = LENGTHS.stream().map(n -> "(" + n + ")").collect(Collectors.joining(", "));
        return """
                %1$s_levels as (
                    -- Clean days per block of each length, and per block twice as long (its two halves).
                    select x.days, x.block, x.clean,
                           sum(x.clean) over (partition by x.days, x.block / 2) as parent_clean
                    from (select k.days, (c.day - date '%2$s') / k.days as block, count(*) as clean
                          from %1$s_clean c cross join (values %3$s) as k(days)
                          group by k.days, (c.day - date '%2$s') / k.days) x),
                %1$s_blocks as (
                    select date '%2$s' + l.block * l.days as day, l.days
                    from %1$s_levels l
                    where l.clean = l.days and (l.parent_clean < 2 * l.days or l.days = %4$s))"""
                .formatted(w, EPOCH, lengths, MAX_DAYS);
    }

    /**
     * The rows of {@code rollup} (a table with blocks) over window {@code w}'s clean days, through
     * the blocks of {@link #plan}: {@code columns} and {@code condition} name the rows as {@code r}.
     */
    public static String rows(String w, String rollup, String columns, String condition) {
        return """
                select %3$s from %2$s r join %1$s_blocks b on b.days = 1 and r.day = b.day
                where r.zone = :rollup_zone and %4$s
                union all
                select %3$s from %2$s_blocks r join %1$s_blocks b on b.days > 1 and r.days = b.days and r.day = b.day
                where r.zone = :rollup_zone and %4$s""".formatted(w, rollup, columns, condition);
    }
}
