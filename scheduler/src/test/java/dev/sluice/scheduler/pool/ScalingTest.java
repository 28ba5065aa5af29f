package dev.sluice.scheduler.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.NoCapacityException;
import dev.sluice.scheduler.api.QueueFullException;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The scaling rules on a fake engine and a manual clock: exact counts, no sleeps. */
class ScalingTest extends PoolFixture {

    @Test
    void elevenConcurrentRequestsAtConcurrencyTenRunOnTwoInstances() {
        InstancePool pool = pool(b -> b.instanceConcurrency(10).maxInstances(100));

        List<CompletableFuture<Lease>> leases = burst(pool, 11);
        assertThat(pool.lastDecision()).isNotNull();
        assertThat(pool.lastDecision().formula()).isEqualTo("ceil((0 + 11) / 10) = 2");
        executor.runAll();

        assertThat(leases).allMatch(CompletableFuture::isDone).noneMatch(CompletableFuture::isCompletedExceptionally);
        assertThat(pool.instances()).extracting(InstanceView::slotsInUse).containsExactly(10, 1);
    }

    @Test
    void aHundredConcurrentRequestsAtConcurrencyTenStartTenInstancesInParallel() {
        InstancePool pool = pool(b -> b.instanceConcurrency(10).maxInstances(100));

        List<CompletableFuture<Lease>> leases = burst(pool, 100);

        assertThat(executor.pending()).as("launches queued before any ran").isEqualTo(10);
        executor.runAll();
        assertThat(leases).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
        assertThat(pool.instances()).hasSize(10).allMatch(i -> i.slotsInUse() == 10);
    }

    @Test
    void maxInstancesCapsTheInstancesAndTheRestWaitInTheQueue() {
        InstancePool pool = pool(b -> b.instanceConcurrency(10).maxInstances(2));

        List<CompletableFuture<Lease>> leases = burst(pool, 30);
        executor.runAll();

        assertThat(pool.instances()).hasSize(2);
        assertThat(leases.stream().filter(CompletableFuture::isDone)).hasSize(20);
        assertThat(pool.queued()).isEqualTo(10);
        leases.get(0).join().release();
        assertThat(leases.get(20)).isCompleted();
        assertThat(pool.queued()).isEqualTo(9);
    }

    @Test
    void aQueuedRequestFailsAtItsDeadlineRatherThanWaitForever() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(1));
        CompletableFuture<Lease> busy = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();
        CompletableFuture<Lease> waiting = pool.acquire(in(Duration.ofSeconds(5)));

        clock.advance(Duration.ofSeconds(5));

        assertThat(busy).isCompleted();
        assertThat(failureOf(waiting)).isInstanceOf(NoCapacityException.class).hasMessageContaining("deadline");
        assertThat(pool.queued()).isZero();
    }

    @Test
    void aFullQueueRefusesTheNextRequestAtOnceWith429() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(1));
        List<CompletableFuture<Lease>> accepted = burst(pool, 11);

        CompletableFuture<Lease> refused = pool.acquire(in(Duration.ofMinutes(1)));

        assertThat(accepted)
                .as("1 for the starting instance, 10 queued beyond it")
                .noneMatch(CompletableFuture::isDone);
        assertThat(failureOf(refused))
                .isInstanceOf(QueueFullException.class)
                .hasMessageContaining("10 requests queued beyond");
        assertThat(((QueueFullException) failureOf(refused)).errorType()).isEqualTo("ResourceExhausted");
        executor.runAll();
        assertThat(accepted.get(0)).isCompleted();
        assertThat(pool.queued()).isEqualTo(10);
    }

    @Test
    void idleInstancesAreReclaimedDownToTheReservedOnes() {
        InstancePool pool = pool(
                b -> b.instanceConcurrency(1).minInstances(1).maxInstances(3).idleTimeout(Duration.ofSeconds(60)));
        pool.start();
        executor.runAll();
        List<CompletableFuture<Lease>> leases = burst(pool, 3);
        executor.runAll();
        assertThat(pool.instances()).hasSize(3);
        leases.forEach(l -> l.join().release());

        clock.advance(Duration.ofSeconds(59));
        executor.runAll();
        assertThat(pool.instances()).hasSize(3);
        clock.advance(Duration.ofSeconds(1));
        executor.runAll();

        assertThat(pool.instances()).singleElement().satisfies(i -> assertThat(i.reserved())
                .isTrue());
        assertThat(containers.live()).hasSize(1);
        assertThat(events).anyMatch(e -> e.contains("scale in") && e.contains("IDLE"));
    }

    @Test
    void withNoReservedInstancesAnIdlePoolScalesToZero() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(2).idleTimeout(Duration.ofSeconds(30)));
        List<CompletableFuture<Lease>> leases = burst(pool, 2);
        executor.runAll();
        leases.forEach(l -> l.join().release());

        clock.advance(Duration.ofSeconds(30));
        executor.runAll();

        assertThat(pool.instances()).isEmpty();
        assertThat(containers.live()).isEmpty();
    }

    @Test
    void anInstanceThatBecomesReadyAfterTheBurstIsStillReclaimedAfterItsIdleTimeout() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(2).idleTimeout(Duration.ofSeconds(30)));
        List<CompletableFuture<Lease>> leases = burst(pool, 2);
        assertThat(executor.runNext()).as("the first instance's launch").isTrue();
        leases.get(0).join().release();
        leases.get(1).join().release(); // the first instance served both: the second never gets a call
        assertThat(pool.instances()).hasSize(2);

        clock.advance(Duration.ofSeconds(10)); // the second instance is still starting
        executor.runAll();
        clock.advance(Duration.ofSeconds(30));
        executor.runAll();

        assertThat(pool.instances())
                .as("both idle for 30 s since their last lease or since becoming ready")
                .isEmpty();
        assertThat(containers.live()).isEmpty();
    }

    @Test
    void anInstanceUsedDuringItsIdleTimeoutIsKept() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).idleTimeout(Duration.ofSeconds(30)));
        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();
        first.join().release();
        clock.advance(Duration.ofSeconds(20));
        pool.acquire(in(Duration.ofMinutes(1))).join().release();

        clock.advance(Duration.ofSeconds(20));
        assertThat(pool.instances()).hasSize(1);
        clock.advance(Duration.ofSeconds(10));

        assertThat(pool.instances()).isEmpty();
    }

    @Test
    void sustainedCpuAboveTheWatermarkAddsOneInstanceAfterTheWindowThenWaitsForTheCooldown() {
        InstancePool pool =
                pool(b -> b.instanceConcurrency(10).maxInstances(5).cpu(1.0).watermarks(new Watermarks(80, 0)));
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();
        String instance = lease.join().instanceId();
        String container = pool.instances().get(0).containerId();

        long cpu = 0;
        for (int second = 0; second <= 4; second++) {
            pool.recordUsage(instance, new ResourceUsage(cpu, 0));
            cpu += 900_000_000L; // 90% of one core
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(pool.instances()).as("4 s above the mark: not yet").hasSize(1);
        pool.recordUsage(instance, new ResourceUsage(cpu, 0));

        assertThat(pool.instances()).as("5 s, the whole window").hasSize(2);
        assertThat(pool.lastDecision().reason().name()).isEqualTo("WATERMARK");
        assertThat(container).isNotNull();
        for (int second = 0; second < 9; second++) {
            cpu += 900_000_000L;
            clock.advance(Duration.ofSeconds(1));
            pool.recordUsage(instance, new ResourceUsage(cpu, 0));
        }
        assertThat(pool.instances()).as("within the 10 s cooldown").hasSize(2);
        cpu += 900_000_000L;
        clock.advance(Duration.ofSeconds(1));
        pool.recordUsage(instance, new ResourceUsage(cpu, 0));
        assertThat(pool.instances()).as("after the cooldown").hasSize(3);
    }

    @Test
    void aCrashMidRequestNamesTheReasonAndTheReservedInstanceIsReplaced() {
        InstancePool pool = pool(b -> b.instanceConcurrency(2).minInstances(1));
        pool.start();
        executor.runAll();
        Lease lease = pool.acquire(in(Duration.ofMinutes(1))).join();
        String container = pool.instances().get(0).containerId();

        boolean ours = pool.crashed(String.valueOf(container), "OOMKilled");
        executor.runAll();

        assertThat(ours).isTrue();
        assertThat(lease.failure()).isEqualTo("OOMKilled");
        assertThat(containers.removed).contains(container);
        assertThat(pool.instances()).singleElement().satisfies(i -> {
            assertThat(i.id()).isEqualTo("hello-2");
            assertThat(i.reserved()).isTrue();
        });
        lease.release(); // the request's own failure path; must not disturb the replacement
        assertThat(pool.instances()).hasSize(1);
        assertThat(pool.crashed("someone-else", "exit 1")).isFalse();
    }

    @Test
    void whenAReservedInstanceCrashesALiveOnDemandOneTakesItsPlaceAndIsNeverReclaimed() {
        InstancePool pool = pool(
                b -> b.instanceConcurrency(1).minInstances(1).maxInstances(2).idleTimeout(Duration.ofSeconds(30)));
        pool.start();
        executor.runAll();
        List<CompletableFuture<Lease>> leases = burst(pool, 2);
        executor.runAll();
        String reservedContainer = String.valueOf(pool.instances().get(0).containerId());

        pool.crashed(reservedContainer, "exit 137");
        leases.forEach(l -> l.join().release());
        clock.advance(Duration.ofMinutes(5));
        executor.runAll();

        assertThat(pool.instances())
                .as("minInstances 1 kept by the warm on-demand instance, without a new container")
                .singleElement()
                .satisfies(i -> {
                    assertThat(i.id()).isEqualTo("hello-2");
                    assertThat(i.reserved()).isTrue();
                    assertThat(i.state()).isEqualTo(InstanceState.READY);
                });
        assertThat(containers.created).hasSize(2);
    }

    @Test
    void aReservedInstanceThatKeepsFailingIsRestartedWithADoublingPause() {
        client.initFailure = "database unreachable";
        InstancePool pool = pool(b -> b.initializer("example.Hello::init").minInstances(1));
        pool.start();
        executor.runAll();
        assertThat(containers.created).hasSize(1);
        assertThat(pool.instances()).isEmpty();

        clock.advance(Duration.ofMillis(999));
        executor.runAll();
        assertThat(containers.created).as("no retry within the first second").hasSize(1);
        clock.advance(Duration.ofMillis(1));
        executor.runAll();
        assertThat(containers.created).as("second try after 1 s").hasSize(2);
        clock.advance(Duration.ofMillis(1999));
        executor.runAll();
        assertThat(containers.created).as("the pause doubled").hasSize(2);
        client.initFailure = null;
        clock.advance(Duration.ofMillis(1));
        executor.runAll();

        assertThat(containers.created).hasSize(3);
        assertThat(pool.instances()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(InstanceState.READY);
            assertThat(i.reserved()).isTrue();
        });
        assertThat(events).anyMatch(e -> e.contains("2 in a row") && e.contains("next try in 2 s"));
    }

    @Test
    void aRedeployHandsWaitingRequestsToTheNewVersionAndDrainsTheOld() {
        InstancePool old = pool(b -> b.instanceConcurrency(1).maxInstances(1));
        CompletableFuture<Lease> inFlight = old.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();
        CompletableFuture<Lease> waiting = old.acquire(in(Duration.ofMinutes(1)));
        InstancePool next = pool(b -> b.instanceConcurrency(1).maxInstances(1).env("VERSION", "2"));

        old.close(next);
        executor.runAll();

        assertThat(waiting).isCompleted();
        assertThat(waiting.join().function().env()).containsEntry("VERSION", "2");
        assertThat(old.isDrained()).isFalse();
        inFlight.join().release();
        executor.runAll();
        assertThat(old.isDrained()).isTrue();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable thrown = catchThrowable(future::join);
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
