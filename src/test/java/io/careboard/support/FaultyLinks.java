package io.careboard.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

/**
 * Puts a {@link TcpProxy} between the application and each of PostgreSQL and Redis, so a test
 * can take either away and bring it back. The test gets them in fields annotated
 * {@link Postgres} and {@link Redis} (Quarkus may load this class twice, so no statics).
 */
public class FaultyLinks implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Postgres {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Redis {
    }

    private TcpProxy postgres;
    private TcpProxy redis;

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(postgres, new TestInjector.AnnotatedAndMatchesType(Postgres.class, TcpProxy.class));
        injector.injectIntoFields(redis, new TestInjector.AnnotatedAndMatchesType(Redis.class, TcpProxy.class));
    }

    @Override
    public Map<String, String> start() {
        try {
            postgres = new TcpProxy(Integer.parseInt(env("CAREBOARD_PG_PORT", "55432")));
            redis = new TcpProxy(Integer.parseInt(env("CAREBOARD_REDIS_PORT", "56379")));
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/"
                        + env("CAREBOARD_TEST_DB", "careboard_test"),
                "quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port() + "/" + env("CAREBOARD_TEST_REDIS_DB", "1"));
    }

    @Override
    public void stop() {
        try {
            postgres.close();
            redis.close();
        } catch (IOException ignored) {
            // the proxies die with the test JVM anyway
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
