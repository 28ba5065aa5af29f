package dev.sluice.scheduler.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.ScaleReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScaleDeciderTest {
    private static final long NOW = 1_000_000_000_000L;
    private static final long NEVER = Long.MIN_VALUE;

    private static ScalePolicy policy(int concurrency, int min, int max) {
        return new ScalePolicy(concurrency, min, max, 100, Duration.ofSeconds(10));
    }

    @Test
    void elevenConcurrentRequestsAtConcurrencyTenNeedTwoInstances() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(1, 10, 1, false, NEVER), policy(10, 0, 100), NOW);

        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.toStart()).isEqualTo(1);
        assertThat(decision.reason()).isEqualTo(ScaleReason.CONCURRENCY);
        assertThat(decision.formula()).isEqualTo("ceil((10 + 1) / 10) = 2");
    }

    @Test
    void aHundredConcurrentRequestsAtConcurrencyTenNeedTen() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(0, 0, 100, false, NEVER), policy(10, 0, 100), NOW);

        assertThat(decision.desired()).isEqualTo(10);
        assertThat(decision.toStart()).isEqualTo(10);
    }

    @Test
    void maxInstancesCapsTheDesiredCount() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(2, 20, 80, false, NEVER), policy(10, 0, 5), NOW);

        assertThat(decision.byConcurrency()).isEqualTo(10);
        assertThat(decision.desired()).isEqualTo(5);
        assertThat(decision.toStart()).isEqualTo(3);
    }

    @Test
    void minInstancesAreWantedWithNoLoadAtAll() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(0, 0, 0, false, NEVER), policy(10, 2, 5), NOW);

        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo(ScaleReason.RESERVED);
    }

    @Test
    void neverAsksToStopBusyInstances() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(4, 1, 0, false, NEVER), policy(10, 0, 5), NOW);

        assertThat(decision.desired()).isEqualTo(1);
        assertThat(decision.toStart()).isZero();
    }

    @Test
    void aHotInstanceAddsOneInstanceEvenWithFreeSlots() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(1, 2, 0, true, NEVER), policy(10, 0, 5), NOW);

        assertThat(decision.desired()).isEqualTo(2);
        assertThat(decision.reason()).isEqualTo(ScaleReason.WATERMARK);
    }

    @Test
    void watermarkScaleOutWaitsForTheCooldown() {
        long lastScale = NOW - Duration.ofSeconds(9).toNanos();
        ScaleDecision during = ScaleDecider.decide(new PoolLoad(2, 2, 0, true, lastScale), policy(10, 0, 5), NOW);
        ScaleDecision after = ScaleDecider.decide(
                new PoolLoad(2, 2, 0, true, lastScale),
                policy(10, 0, 5),
                NOW + Duration.ofSeconds(1).toNanos());

        assertThat(during.toStart()).isZero();
        assertThat(after.toStart()).isEqualTo(1);
    }

    @Test
    void watermarkScaleOutStopsAtMaxInstances() {
        ScaleDecision decision = ScaleDecider.decide(new PoolLoad(5, 2, 0, true, NEVER), policy(10, 0, 5), NOW);

        assertThat(decision.toStart()).isZero();
    }
}
