package io.careboard.bench;

import io.careboard.metrics.MetricsConfig;
import io.careboard.metrics.period.Granularity;
import io.careboard.metrics.period.PeriodName;
import io.careboard.metrics.period.ResolvedPeriod;
import io.careboard.metrics.rollup.RollupConfig;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the SQL statements that the doctors, revenue, range, health-trend and overview families
 * run for one cold computation, with their parameters as literals, one file per statement, so psql
 * can time them on a large database ({@code scripts/bench-metric-sql.sh}). The repositories run
 * against an EntityManager that only records: each statement is captured when it would execute.
 *
 * <pre>java -cp ... io.careboard.bench.MetricStatements OUT_DIR NOW ZONE ROLLUP_ZONES</pre>
 */
public final class MetricStatements {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    private MetricStatements() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Instant now = Instant.parse(args[1]);
        ZoneId zone = ZoneId.of(args[2]);
        List<ZoneId> rollupZones = args.length > 3 ? Arrays.stream(args[3].split(",")).filter(id -> !id.isBlank())
                .map(ZoneId::of).toList() : List.of();
        Files.createDirectories(out);
        Map<String, ResolvedPeriod> periods = new LinkedHashMap<>();
        for (PeriodName name : PeriodName.values()) {
            periods.put(name.name().toLowerCase(), ResolvedPeriod.named(name, zone, now));
        }
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<String, ResolvedPeriod> ranges = new LinkedHashMap<>();
        ranges.put("range-7d-day", ResolvedPeriod.range(today.minusDays(6), today, Granularity.DAY, zone));
        ranges.put("range-31d-hour", ResolvedPeriod.range(today.minusDays(30), today, Granularity.HOUR, zone));
        ranges.put("range-30d-day", ResolvedPeriod.range(today.minusDays(29), today, Granularity.DAY, zone));
        ranges.put("range-365d-day", ResolvedPeriod.range(today.minusDays(364), today, Granularity.DAY, zone));
        ranges.put("range-365d-week", ResolvedPeriod.range(today.minusDays(364), today, Granularity.WEEK, zone));
        ranges.put("range-365d-month", ResolvedPeriod.range(today.minusDays(364), today, Granularity.MONTH, zone));

        Object rollups = construct("rollup.Rollups", List.of(
                rollupConfig(rollupZones), metricsConfig(zone)));
        Recorder recorder = new Recorder();
        List<Object> dependencies = List.of(recorder.entityManager(), rollups, metricsConfig(zone));
        Object doctors = construct("doctors.DoctorMetricsRepository", dependencies);
        Object revenue = construct("revenue.RevenueMetricsRepository", dependencies);
        Object range = construct("range.RangeRepository", dependencies);
        Object health = construct("health.HealthTrendsRepository", dependencies);
        Object overview = construct("overview.OverviewRepository", dependencies);
        Object topDiagnoses = constant("health.HealthTrendsService", "TOP_DIAGNOSES");
        Object vitalCodes = constant("health.HealthTrendsService", "VITAL_CODES");
        for (Map.Entry<String, ResolvedPeriod> period : periods.entrySet()) {
            write(out, "doctors-" + period.getKey() + "-1", recorder.capture(doctors, "figures", period.getValue()));
            write(out, "revenue-" + period.getKey() + "-1", recorder.capture(revenue, "current", period.getValue()));
            write(out, "revenue-" + period.getKey() + "-2", recorder.capture(revenue, "previous", period.getValue()));
            write(out, "health-" + period.getKey() + "-1",
                    recorder.capture(health, "patients", period.getValue(), topDiagnoses));
            write(out, "health-" + period.getKey() + "-2",
                    recorder.capture(health, "vitals", period.getValue(), vitalCodes));
            write(out, "overview-" + period.getKey() + "-1",
                    recorder.capture(overview, "consultations", period.getValue()));
            write(out, "overview-" + period.getKey() + "-2",
                    recorder.capture(overview, "moneyAndRatings", period.getValue()));
        }
        for (Map.Entry<String, ResolvedPeriod> period : ranges.entrySet()) {
            write(out, period.getKey() + "-1", recorder.capture(range, "series", period.getValue()));
        }
    }

    private static void write(Path out, String name, String sql) throws Exception {
        Files.writeString(out.resolve(name + ".sql"), sql.strip() + ";\n");
    }

    /** Calls the only constructor of {@code io.careboard.metrics.<name>} with the dependencies it names, by type. */
    private static Object construct(String name, List<Object> dependencies) throws Exception {
        Class<?> type = Class.forName("io.careboard.metrics." + name);
        Constructor<?> constructor = type.getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        List<Object> arguments = new ArrayList<>();
        for (Class<?> parameter : constructor.getParameterTypes()) {
            arguments.add(dependencies.stream().filter(parameter::isInstance).findFirst().orElseThrow(
                    () -> new IllegalArgumentException(type + " needs a " + parameter)));
        }
        return constructor.newInstance(arguments.toArray());
    }

    /** A static field of {@code io.careboard.metrics.<type>}, such as a service's fixed list. */
    private static Object constant(String type, String name) throws Exception {
        java.lang.reflect.Field field = Class.forName("io.careboard.metrics." + type).getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static RollupConfig rollupConfig(List<ZoneId> zones) {
        return proxy(RollupConfig.class, (method, args) -> switch (method.getName()) {
            case "enabled" -> !zones.isEmpty();
            case "zones" -> zones;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static MetricsConfig metricsConfig(ZoneId zone) {
        return proxy(MetricsConfig.class, (method, args) -> switch (method.getName()) {
            case "defaultTimezone" -> zone;
            case "suppressionK" -> 5;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private interface Handler {
        Object handle(Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> method.getDeclaringClass() == Object.class ? method.invoke(handler, args)
                        : handler.handle(method, args));
    }

    /** An EntityManager whose native queries record their parameters and stop when they would execute. */
    private static final class Recorder {

        private String sql;
        private final Map<String, Object> parameters = new LinkedHashMap<>();

        EntityManager entityManager() {
            return proxy(EntityManager.class, (method, args) -> {
                if (!method.getName().equals("createNativeQuery")) {
                    throw new UnsupportedOperationException(method.getName());
                }
                sql = (String) args[0];
                parameters.clear();
                return query();
            });
        }

        private Query query() {
            Query[] self = new Query[1];
            self[0] = proxy(Query.class, (method, args) -> switch (method.getName()) {
                case "setParameter" -> {
                    parameters.put((String) args[0], args[1]);
                    yield self[0];
                }
                case "getParameters" -> Set.of();
                case "getResultList", "getSingleResult", "getResultStream" -> throw new Captured();
                default -> throw new UnsupportedOperationException(method.getName());
            });
            return self[0];
        }

        /**
         * The statement {@code method} of {@code repository} runs for a period (and the method's
         * further arguments), its parameters as literals.
         */
        String capture(Object repository, String method, ResolvedPeriod period, Object... more) throws Exception {
            Object[] arguments = new Object[more.length + 1];
            arguments[0] = period;
            System.arraycopy(more, 0, arguments, 1, more.length);
            Method call = Arrays.stream(repository.getClass().getDeclaredMethods())
                    .filter(candidate -> candidate.getName().equals(method)
                            && candidate.getParameterCount() == arguments.length)
                    .findFirst().orElseThrow(() -> new NoSuchMethodException(method));
            call.setAccessible(true);
            try {
                call.invoke(repository, arguments);
            } catch (InvocationTargetException stopped) {
                if (!(stopped.getCause() instanceof Captured)) {
                    throw stopped;
                }
            }
            Matcher matcher = PARAMETER.matcher(sql);
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                String name = matcher.group(1);
                if (!parameters.containsKey(name)) {
                    throw new IllegalStateException("unbound parameter :" + name);
                }
                matcher.appendReplacement(text, Matcher.quoteReplacement(literal(parameters.get(name))));
            }
            matcher.appendTail(text);
            return text.toString();
        }

        private static String literal(Object value) {
            if (value instanceof Number number) {
                return number.toString();
            }
            if (value instanceof Instant instant) {
                return "timestamptz '" + instant + "'";
            }
            if (value instanceof LocalDate date) {
                return "date '" + date + "'";
            }
            if (value instanceof java.util.Collection<?> values) {
                return values.stream().map(Recorder::literal).collect(java.util.stream.Collectors.joining(", "));
            }
            return "'" + value.toString().replace("'", "''") + "'";
        }
    }

    private static final class Captured extends RuntimeException {
        Captured() {
            super(null, null, false, false);
        }
    }
}
