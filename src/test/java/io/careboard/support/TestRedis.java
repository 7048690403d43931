package io.careboard.support;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.TimeUnit;

/** A plain Redis client on the test database, for tests that run outside the application. */
public final class TestRedis implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    public TestRedis() {
        String port = System.getenv().getOrDefault("CAREBOARD_REDIS_PORT", "56379");
        String database = System.getenv().getOrDefault("CAREBOARD_TEST_REDIS_DB", "1");
        redis = Redis.createClient(vertx, "redis://127.0.0.1:" + port + "/" + database);
    }

    public Response send(Command command, Object... arguments) {
        Request request = Request.cmd(command);
        for (Object argument : arguments) {
            request.arg(argument.toString());
        }
        try {
            return redis.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception failure) {
            throw new IllegalStateException("Redis " + command + " failed", failure);
        }
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
