package io.careboard.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link SecurityMatrixTest} against the packaged app (target/quarkus-app, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class SecurityMatrixIT extends SecurityMatrixTest {
}
