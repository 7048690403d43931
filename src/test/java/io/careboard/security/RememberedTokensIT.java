package io.careboard.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link RememberedTokensTest} against the packaged app (target/quarkus-app, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class RememberedTokensIT extends RememberedTokensTest {
}
