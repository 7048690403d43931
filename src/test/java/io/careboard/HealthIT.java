package io.careboard;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link HealthTest} against the packaged app (target/quarkus-app, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class HealthIT extends HealthTest {
}
