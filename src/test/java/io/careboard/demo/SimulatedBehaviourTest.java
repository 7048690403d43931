package io.careboard.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.careboard.demo.SimulatedBehaviour.Fate;
import io.careboard.domain.ConsultationType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SimulatedBehaviourTest {

    private final SimulatedBehaviour behaviour = new SimulatedBehaviour(42);

    @Test
    void aConsultationKeepsItsFateWaitAndLength() {
        for (String id : new String[] {"c-00000001", "c-sim-abc-3"}) {
            assertEquals(behaviour.fate(id), behaviour.fate(id));
            assertEquals(behaviour.wait(id), behaviour.wait(id));
            assertEquals(behaviour.length(id, ConsultationType.CHAT), behaviour.length(id, ConsultationType.CHAT));
        }
    }

    @Test
    void fatesFollowTheGeneratorsShares() {
        Map<Fate, Integer> fates = new EnumMap<>(Fate.class);
        IntStream.range(0, 20_000).forEach(i -> fates.merge(behaviour.fate("c-" + i), 1, Integer::sum));

        assertBetween(0.82, 0.86, fates.get(Fate.COMPLETE) / 20_000.0);
        assertBetween(0.09, 0.13, fates.get(Fate.CANCEL) / 20_000.0);
        assertBetween(0.04, 0.07, fates.get(Fate.NO_SHOW) / 20_000.0);
    }

    @Test
    void lengthsAndWaitsStayRealistic() {
        double chatMinutes = 0;
        double audioMinutes = 0;
        int early = 0;
        for (int i = 0; i < 5_000; i++) {
            Duration chat = behaviour.length("c-" + i, ConsultationType.CHAT);
            Duration audio = behaviour.length("c-" + i, ConsultationType.AUDIO);
            assertTrue(chat.toMinutes() >= 2 && chat.toMinutes() <= 120);
            chatMinutes += chat.toSeconds() / 60.0;
            audioMinutes += audio.toSeconds() / 60.0;
            Duration wait = behaviour.wait("c-" + i);
            assertTrue(wait.toMinutes() >= -5 && wait.toMinutes() <= 45, wait.toString());
            early += wait.isNegative() ? 1 : 0;
        }
        assertTrue(chatMinutes > audioMinutes * 2, "chat is longer than audio");
        assertBetween(0.05, 0.09, early / 5_000.0);
    }

    @Test
    void bookingsArriveAtTheConfiguredRate() {
        double total = IntStream.range(0, 2_000).map(tick -> behaviour.bookings(tick, 6, Duration.ofSeconds(5))).sum();

        assertBetween(0.45, 0.55, total / 2_000);
        assertEquals(0, behaviour.bookings(1, 6, Duration.ZERO));
        assertBetween(5_500, 6_500, behaviour.bookings(1, 6, Duration.ofMinutes(1_000)));
    }

    @Test
    void refundsNeverExceedTheAmount() {
        BigDecimal amount = new BigDecimal("45.00");
        for (int i = 0; i < 1_000; i++) {
            BigDecimal refund = behaviour.refundOf("p-" + i, amount);
            assertTrue(refund.signum() > 0 && refund.compareTo(amount) <= 0, refund.toString());
        }
    }

    @Test
    void derivedIdsFollowTheConsultation() {
        assertEquals("p-00000042", LiveSimulator.derivedId("p-", "c-00000042"));
        assertEquals("r-sim-k3-1", LiveSimulator.derivedId("r-", "c-sim-k3-1"));
        assertEquals("o-x", LiveSimulator.derivedId("o-", "x"));
    }

    private static void assertBetween(double low, double high, double actual) {
        assertTrue(actual >= low && actual <= high, actual + " not in " + low + " .. " + high);
    }
}
