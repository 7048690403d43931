package io.careboard.cache;

import static io.careboard.metrics.MetricFamily.CONSULTATIONS;
import static io.careboard.metrics.MetricFamily.DOCTORS;
import static io.careboard.metrics.MetricFamily.HEALTH_TRENDS;
import static io.careboard.metrics.MetricFamily.OVERVIEW;
import static io.careboard.metrics.MetricFamily.RANGE;
import static io.careboard.metrics.MetricFamily.REVENUE;
import static io.careboard.support.Api.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.careboard.domain.ConsultationStatus;
import io.careboard.domain.PaymentStatus;
import io.careboard.domain.event.ConsultationCancelled;
import io.careboard.domain.event.ConsultationChanged;
import io.careboard.domain.event.ConsultationCompleted;
import io.careboard.domain.event.ConsultationCreated;
import io.careboard.domain.event.DoctorChanged;
import io.careboard.domain.event.DomainEvent;
import io.careboard.domain.event.HealthDataUpdated;
import io.careboard.domain.event.PaymentChanged;
import io.careboard.domain.event.PaymentRecorded;
import io.careboard.domain.event.RatingChanged;
import io.careboard.domain.event.RatingCreated;
import io.careboard.metrics.MetricFamily;
import io.careboard.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A committed change drops exactly the caches it touches, read back from Redis; a rolled-back
 * change drops nothing. The table is the contract's (§4) plus health trends for consultation
 * changes and rows for the changes the contract does not list (see docs/caching.md).
 */
@QuarkusTest
class CacheInvalidationTest {

    static final Instant AT = Instant.parse("2026-11-20T10:00:00Z");

    static final Map<Class<? extends DomainEvent>, Set<MetricFamily>> EXPECTED = Map.of(
            ConsultationCreated.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, HEALTH_TRENDS, RANGE),
            ConsultationCompleted.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            ConsultationCancelled.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            ConsultationChanged.class, EnumSet.of(CONSULTATIONS, OVERVIEW, REVENUE, DOCTORS, HEALTH_TRENDS, RANGE),
            RatingCreated.class, EnumSet.of(DOCTORS, OVERVIEW, RANGE),
            RatingChanged.class, EnumSet.of(DOCTORS, OVERVIEW, RANGE),
            PaymentRecorded.class, EnumSet.of(REVENUE, OVERVIEW, DOCTORS, RANGE),
            PaymentChanged.class, EnumSet.of(REVENUE, OVERVIEW, DOCTORS, RANGE),
            HealthDataUpdated.class, EnumSet.of(HEALTH_TRENDS, OVERVIEW, RANGE),
            DoctorChanged.class, EnumSet.of(CONSULTATIONS, DOCTORS, REVENUE));

    @Inject
    Fixtures fixtures;

    @Inject
    RedisDataSource redis;

    @Inject
    Event<DomainEvent> events;

    static Stream<DomainEvent> oneOfEachKind() {
        return Stream.of(
                new ConsultationCreated("c1", "d1", "p1", AT),
                new ConsultationCompleted("c1", "d1", AT),
                new ConsultationCancelled("c1", "d1", ConsultationStatus.NO_SHOW, AT),
                new ConsultationChanged("c1", "d1", ConsultationStatus.IN_PROGRESS, AT),
                new RatingCreated("r1", "c1", "d1", 4, AT),
                new RatingChanged("r1", "c1", "d1", 5, AT),
                new PaymentRecorded("pay1", "c1", "d1", PaymentStatus.PAID, AT),
                new PaymentChanged("pay1", "c1", "d1", PaymentStatus.FAILED, AT),
                new HealthDataUpdated("p1", "o1", AT),
                new DoctorChanged("d1"));
    }

    @BeforeEach
    void empty() {
        fixtures.reset();
    }

    @Test
    void everyKindOfChangeHasARow() {
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(Arrays.stream(
                DomainEvent.class.getPermittedSubclasses()).map(type -> type.asSubclass(DomainEvent.class)).toList());
        assertThat(oneOfEachKind().map(Object::getClass)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest
    @MethodSource("oneOfEachKind")
    void aCommittedChangeDropsExactlyTheCachesItTouches(DomainEvent event) {
        cacheEveryFamily();
        Set<MetricFamily> touched = EXPECTED.get(event.getClass());

        QuarkusTransaction.requiringNew().run(() -> events.fire(event));

        await().atMost(Duration.ofSeconds(10)).until(() -> touched.stream().noneMatch(this::cached));
        for (MetricFamily family : EnumSet.complementOf(EnumSet.copyOf(touched))) {
            assertThat(cached(family)).as("%s after %s", family, event.getClass().getSimpleName()).isTrue();
        }
    }

    @Test
    void aRolledBackChangeDropsNothing() {
        cacheEveryFamily();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            events.fire(new ConsultationCreated("c1", "d1", "p1", AT));
            QuarkusTransaction.setRollbackOnly();
        })).hasMessageContaining("RollbackException");
        // A later committed rating drops doctors, overview and range; once that is done, the
        // rolled-back consultation would have been handled too, had it been committed.
        QuarkusTransaction.requiringNew().run(() -> events.fire(new RatingCreated("r1", "c1", "d1", 4, AT)));
        await().atMost(Duration.ofSeconds(10)).until(() -> !cached(DOCTORS) && !cached(OVERVIEW) && !cached(RANGE));
        assertThat(cached(CONSULTATIONS)).isTrue();
        assertThat(cached(REVENUE)).isTrue();
        assertThat(cached(HEALTH_TRENDS)).isTrue();
    }

    private void cacheEveryFamily() {
        for (MetricFamily family : MetricFamily.values()) {
            asViewer().get(CachingTest.path(family)).then().statusCode(200);
            assertThat(cached(family)).isTrue();
        }
    }

    private boolean cached(MetricFamily family) {
        return redis.key(String.class).exists(CachingTest.expectedKey(family));
    }
}
