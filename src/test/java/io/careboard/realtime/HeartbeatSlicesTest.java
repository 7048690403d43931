package io.careboard.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The heartbeat's slices: about one tick a second, and connections spread evenly over them. */
class HeartbeatSlicesTest {

    @Test
    void oneSliceASecondWithinBounds() {
        assertThat(Heartbeat.slices(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(Heartbeat.slices(Duration.ofMillis(500))).isEqualTo(1);
        assertThat(Heartbeat.slices(Duration.ofSeconds(1))).isEqualTo(1);
        assertThat(Heartbeat.slices(Duration.ofMinutes(10))).isEqualTo(60);
    }

    @Test
    void tenThousandConnectionsSpreadEvenlyOverTheSlices() {
        int slices = Heartbeat.slices(Duration.ofSeconds(30));
        int[] perSlice = new int[slices];
        Random random = new Random(42); // connection ids are random UUIDs; these are fixed ones
        for (int i = 0; i < 10_000; i++) {
            perSlice[Heartbeat.sliceOf(new UUID(random.nextLong(), random.nextLong()).toString(), slices)]++;
        }
        // 333 on average; a burst of a third of them at once is what the slices exist to avoid.
        for (int count : perSlice) {
            assertThat(count).isBetween(250, 420);
        }
    }

    @Test
    void aConnectionKeepsItsSlice() {
        String id = UUID.randomUUID().toString();
        assertThat(Heartbeat.sliceOf(id, 30)).isEqualTo(Heartbeat.sliceOf(new String(id), 30)).isBetween(0, 29);
    }
}
