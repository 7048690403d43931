package io.careboard.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.careboard.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint of the write API needs a valid token with the {@code ingest} role. The endpoint
 * list is read from the resource classes, so a new endpoint cannot be forgotten here.
 */
@QuarkusTest
class IngestSecurityTest {

    record Endpoint(String method, String path, String contentType) {
        @Override
        public String toString() {
            return method + " " + path + " (" + contentType + ")";
        }

        RequestSpecification request(RequestSpecification spec) {
            // An empty object: invalid for every endpoint, so a request that passes security is a 400.
            return spec.contentType(contentType).body("{}\n".getBytes(StandardCharsets.UTF_8));
        }

        int send(RequestSpecification spec) {
            return request(spec).when().request(method, path).then().extract().statusCode();
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(IngestResource.class, BulkIngestResource.class).flatMap(IngestSecurityTest::endpoints);
    }

    private static Stream<Endpoint> endpoints(Class<?> resource) {
        String base = resource.getAnnotation(Path.class).value();
        return Arrays.stream(resource.getMethods()).flatMap(method -> {
            String verb = httpMethod(method);
            if (verb == null) {
                return Stream.empty();
            }
            Path path = method.getAnnotation(Path.class);
            String full = (base + (path == null ? "" : path.value())).replace("{id}", "sec-1");
            Consumes consumes = method.getAnnotation(Consumes.class) != null ? method.getAnnotation(Consumes.class)
                    : resource.getAnnotation(Consumes.class);
            return Arrays.stream(consumes.value()).map(type -> new Endpoint(verb, full, type));
        });
    }

    private static String httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                .filter(Objects::nonNull).map(HttpMethod::value).findFirst().orElse(null);
    }

    @Test
    void theEndpointListIsComplete() {
        assertEquals(8, endpoints().count(), () -> endpoints().toList().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutAValidTokenIs401(Endpoint endpoint) throws NoSuchAlgorithmException {
        Instant now = Instant.now();
        String expired = Jwt.issuer("careboard-dev").upn("late").groups(Set.of(TestTokens.INGEST))
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)).sign();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.issuer("careboard-dev").upn("forger").groups(Set.of(TestTokens.INGEST))
                .sign(generator.generateKeyPair().getPrivate());
        String otherIssuer = Jwt.issuer("someone-else").upn("stranger").groups(Set.of(TestTokens.INGEST)).sign();
        for (String authorization : List.of("", "Bearer " + expired, "Bearer " + forged, "Bearer " + otherIssuer,
                "Bearer not-a-jwt", "Basic aW5nZXN0OmluZ2VzdA==")) {
            RequestSpecification spec = authorization.isEmpty() ? given() : given().header("Authorization", authorization);
            endpoint.request(spec).when().request(endpoint.method(), endpoint.path())
                    .then().statusCode(401).contentType("application/problem+json").body("status", is(401));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutTheIngestRoleIs403(Endpoint endpoint) {
        for (String role : List.of(TestTokens.VIEWER, TestTokens.ADMIN)) {
            endpoint.request(given().header("Authorization", TestTokens.bearer(role)))
                    .when().request(endpoint.method(), endpoint.path())
                    .then().statusCode(403).contentType("application/problem+json").body("status", is(403));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withTheIngestRoleTheRequestIsHandled(Endpoint endpoint) {
        int status = endpoint.send(given().header("Authorization", TestTokens.bearer(TestTokens.INGEST)));
        assertThat(status, not(oneOf(401, 403)));
        assertThat(status, is(400));
    }
}
