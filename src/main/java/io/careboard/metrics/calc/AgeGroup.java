package io.careboard.metrics.calc;

import java.time.LocalDate;
import java.time.Period;
import java.util.Arrays;
import java.util.List;

/**
 * The age groups of {@code by_age_group}, in the answer's order. Age is counted in whole years on
 * a local date, as {@link Period#between} and PostgreSQL's {@code age()} both count it: a birthday
 * on 29 February turns on 1 March in other years. A missing birth date, or one after the date, is
 * {@link #UNKNOWN}.
 */
public enum AgeGroup {
    AGE_0_17("0-17", 0),
    AGE_18_34("18-34", 18),
    AGE_35_49("35-49", 35),
    AGE_50_64("50-64", 50),
    AGE_65_PLUS("65+", 65),
    UNKNOWN("unknown", -1);

    /** The groups of known ages, youngest first; each one runs up to the next one's {@code minAge}. */
    private static final List<AgeGroup> BY_AGE = List.of(AGE_0_17, AGE_18_34, AGE_35_49, AGE_50_64, AGE_65_PLUS);

    private final String label;
    private final int minAge;

    AgeGroup(String label, int minAge) {
        this.label = label;
        this.minAge = minAge;
    }

    /** The key in {@code by_age_group}. */
    public String label() {
        return label;
    }

    /** Every label in the answer's order, so {@code by_age_group} can list each one, zeros included. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(AgeGroup::label).toList();
    }

    /** Whole years from {@code birthDate} to {@code on}; negative when born after {@code on}. */
    public static int age(LocalDate birthDate, LocalDate on) {
        return Period.between(birthDate, on).getYears();
    }

    /** The group, on the local date {@code on}, of someone born on {@code birthDate} (null when not known). */
    public static AgeGroup of(LocalDate birthDate, LocalDate on) {
        if (birthDate == null || birthDate.isAfter(on)) {
            return UNKNOWN;
        }
        int age = age(birthDate, on);
        for (int i = BY_AGE.size() - 1; i > 0; i--) {
            if (age >= BY_AGE.get(i).minAge) {
                return BY_AGE.get(i);
            }
        }
        return AGE_0_17;
    }

    /**
     * The same rule as a PostgreSQL expression giving the label, for queries that group in the
     * database: {@code onDate} and {@code birthDate} are SQL expressions of type {@code date},
     * for instance {@code (c.scheduled_at at time zone :tz)::date} and {@code p.birth_date}. A
     * {@code timestamptz} would make {@code age()} depend on the session's time zone. The
     * arguments are pasted in as written: pass trusted SQL fragments, never request input.
     */
    public static String sqlCase(String onDate, String birthDate) {
        String on = "(" + onDate + ")";
        String birth = "(" + birthDate + ")";
        StringBuilder sql = new StringBuilder("case when ").append(birth).append(" is null or ").append(birth)
                .append(" > ").append(on).append(" then '").append(UNKNOWN.label).append('\'');
        for (int i = 0; i + 1 < BY_AGE.size(); i++) {
            sql.append(" when extract(year from age(").append(on).append(", ").append(birth).append(")) < ")
                    .append(BY_AGE.get(i + 1).minAge).append(" then '").append(BY_AGE.get(i).label).append('\'');
        }
        return sql.append(" else '").append(BY_AGE.get(BY_AGE.size() - 1).label).append("' end").toString();
    }
}
