package io.careboard.ingest;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** {@link IngestSecurityTest} against the packaged app (target/quarkus-app, or the native binary with -Dnative). */
@QuarkusIntegrationTest
class IngestSecurityIT extends IngestSecurityTest {
}
