package io.careboard.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.careboard.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The 401/403 matrix over every operation the service publishes in its OpenAPI document, so a
 * new endpoint is covered the moment it exists: no token, an expired token and a token signed by
 * another key are 401; a token without the operation's roles is 403; one with them gets past
 * security. Problem details every time.
 */
@QuarkusTest
class SecurityMatrixTest {

    private static final List<String> ROLES = List.of(Roles.VIEWER, Roles.ADMIN, Roles.INGEST);

    record Operation(String method, String path, List<String> roles) {
        String concretePath() {
            return path.replaceAll("\\{[^}]+}", "sample-id");
        }

        RequestSpecification request(RequestSpecification spec) {
            return method.equals("get") ? spec : spec.contentType("application/json").body("{}");
        }

        io.restassured.response.Response send(RequestSpecification spec) {
            return request(spec).request(method.toUpperCase(), concretePath());
        }

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationNeedsAValidTokenWithItsRole() {
        List<Operation> operations = operations();
        assertThat(operations).extracting(Operation::path)
                .contains("/api/v1/analytics/overview", "/api/v1/analytics/cache/warm");
        return operations.stream().map(operation -> DynamicTest.dynamicTest(operation.toString(), () -> check(operation)));
    }

    private static void check(Operation operation) {
        assertThat(operation.roles()).as("%s declares the roles it needs", operation).isNotEmpty();
        unauthenticated(operation.send(given()));
        unauthenticated(operation.send(given().header("Authorization",
                "Bearer " + TestTokens.expiringIn(Duration.ofMinutes(-5), operation.roles().get(0)))));
        unauthenticated(operation.send(given().header("Authorization", "Bearer " + TestTokens.foreignSigned(operation.roles().toArray(String[]::new)))));
        unauthenticated(operation.send(given().header("Authorization", "Bearer not-a-jwt")));
        for (String role : ROLES) {
            int status = operation.send(given().header("Authorization", TestTokens.bearer(role))).statusCode();
            if (operation.roles().contains(role)) {
                assertThat(status).as("%s as %s", operation, role).isNotIn(401, 403);
            } else {
                assertThat(status).as("%s as %s", operation, role).isEqualTo(403);
            }
        }
    }

    private static void unauthenticated(io.restassured.response.Response response) {
        response.then().statusCode(401).contentType(startsWith("application/problem+json")).body("status", is(401))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    /** Every operation under /api of the OpenAPI document, with the roles its security requirement names. */
    @SuppressWarnings("unchecked")
    static List<Operation> operations() {
        JsonPath openApi = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath();
        Map<String, Map<String, Object>> paths = openApi.getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            methods.forEach((method, definition) -> {
                if (!Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    return;
                }
                List<Map<String, Collection<String>>> security = (List<Map<String, Collection<String>>>)
                        ((Map<String, Object>) definition).getOrDefault("security", List.of());
                List<String> roles = security.stream().flatMap(requirement -> requirement.values().stream())
                        .flatMap(Collection::stream).distinct().toList();
                operations.add(new Operation(method, path, roles));
            });
        });
        return operations;
    }
}
