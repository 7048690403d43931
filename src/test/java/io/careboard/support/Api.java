package io.careboard.support;

import static io.restassured.RestAssured.given;

import io.careboard.TestTokens;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;

/** RestAssured set up for the analytics API: a token, and decimals read exactly (scale included). */
public final class Api {

    private static final RestAssuredConfig EXACT_DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private Api() {
    }

    public static RequestSpecification asViewer() {
        return as(TestTokens.VIEWER);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.ADMIN);
    }

    public static RequestSpecification as(String role) {
        return given().config(EXACT_DECIMALS).header("Authorization", TestTokens.bearer(role));
    }

    /** A decimal as the API must spell it: {@code dec("0.7143")} matches 0.7143 but not 0.714. */
    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
