package dev.sluice.scheduler.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.api.PlatformEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Instance changes, scale decisions and cold starts reach the platform's listeners as they happen. */
class PlatformEventsTest extends PoolFixture {
    @Test
    void aBurstPublishesTheDecisionWithItsInputsThenEachInstanceOnItsWayToReady() {
        List<PlatformEvent> seen = new CopyOnWriteArrayList<>();
        launcher.platformEvents().subscribe(seen::add);
        InstancePool pool = pool(b -> b.instanceConcurrency(10).maxInstances(100));

        burst(pool, 11);
        executor.runAll();

        // One decision per request that needed more slots: the first asked for 1 instance, the eleventh for 2.
        List<PlatformEvent.ScaleDecided> decisions = seen.stream()
                .filter(PlatformEvent.ScaleDecided.class::isInstance)
                .map(PlatformEvent.ScaleDecided.class::cast)
                .toList();
        assertThat(decisions.get(0).decision().formula()).isEqualTo("ceil((0 + 1) / 10) = 1");
        PlatformEvent.ScaleDecided decided = decisions.get(decisions.size() - 1);
        assertThat(decided.direction()).isEqualTo("out");
        assertThat(decided.decision().formula()).isEqualTo("ceil((0 + 11) / 10) = 2");
        assertThat(decided.decision().desired()).isEqualTo(2);
        assertThat(seen.stream()
                        .filter(e -> e instanceof PlatformEvent.InstanceChanged c
                                && c.instance().endsWith("-1"))
                        .map(e -> ((PlatformEvent.InstanceChanged) e).state()))
                .containsExactly("CREATING", "STARTING", "READY"); // no initializer: no INITIALIZING
        assertThat(seen)
                .filteredOn(e -> e instanceof PlatformEvent.ColdStarted)
                .hasSize(2)
                .allMatch(e -> e.function().equals(pool.spec().name()));
    }
}
