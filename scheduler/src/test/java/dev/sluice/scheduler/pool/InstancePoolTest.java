package dev.sluice.scheduler.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.ContainerInitException;
import dev.sluice.scheduler.api.ContainerStartException;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.NoCapacityException;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class InstancePoolTest extends PoolFixture {

    @Test
    void firstRequestWaitsForTheInitializerThenGetsTheSlot() {
        InstancePool pool = pool(b -> b.initializer("example.Hello::init"));

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));

        assertThat(lease).isNotDone();
        assertThat(pool.instances())
                .singleElement()
                .extracting(InstanceView::state)
                .isEqualTo(InstanceState.CREATING);
        executor.runAll();
        assertThat(client.initialized).containsExactly("hello-1");
        assertThat(lease).isCompleted();
        assertThat(lease.join().instanceId()).isEqualTo("hello-1");
        assertThat(pool.instances()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(InstanceState.READY);
            assertThat(i.slotsInUse()).isEqualTo(1);
            assertThat(i.coldStart()).isNotNull();
        });
    }

    @Test
    void secondRequestIsServedByTheWarmInstanceWithoutAnotherColdStart() {
        InstancePool pool = pool(b -> b.initializer("example.Hello::init"));
        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        first.join().release();

        CompletableFuture<Lease> second = pool.acquire(in(Duration.ofSeconds(60)));

        assertThat(second).isCompleted();
        assertThat(second.join().instanceId()).isEqualTo("hello-1");
        assertThat(containers.created).singleElement().satisfies(spec -> assertThat(spec.network())
                .as("on its function's own network")
                .isEqualTo("sluice-s1-fn-hello"));
        assertThat(client.initialized).containsExactly("hello-1");
        assertThat(executor.pending()).isZero();
    }

    @Test
    void failingInitializerFailsTheRequestRemovesTheContainerAndTheNextRequestStartsAFreshInstance() {
        InstancePool pool = pool(b -> b.initializer("example.Hello::init"));
        client.initFailure = "initializer example.Hello::init failed: IllegalStateException: no database";

        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();

        assertThat(first).isCompletedExceptionally();
        assertThat(failureOf(first)).isInstanceOf(ContainerInitException.class).hasMessageContaining("no database");
        assertThat(containers.removed).containsExactly("c1");
        assertThat(pool.instances()).isEmpty();

        client.initFailure = null;
        CompletableFuture<Lease> second = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        assertThat(second.join().instanceId()).isEqualTo("hello-2");
        assertThat(containers.created).hasSize(2);
    }

    @Test
    void portThatNeverOpensFailsTheStartWithTheContainersOutput() {
        InstancePool pool = pool(b -> b);
        client.portOpens = false;

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();

        assertThat(failureOf(lease))
                .isInstanceOf(ContainerStartException.class)
                .hasMessageContaining("did not listen on port 9000")
                .hasMessageContaining("log of c1");
        assertThat(containers.live()).isEmpty();
    }

    @Test
    void elevenConcurrentRequestsAtConcurrencyTenStartTwoInstances() {
        InstancePool pool = pool(b -> b.instanceConcurrency(10).maxInstances(10));
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            leases.add(pool.acquire(in(Duration.ofSeconds(60))));
        }
        executor.runAll();

        assertThat(containers.created).hasSize(2);
        assertThat(leases).allSatisfy(l -> assertThat(l).isCompleted());
        assertThat(leases.stream().map(l -> l.join().instanceId()).distinct()).hasSize(2);
    }

    @Test
    void requestsBeyondMaxInstancesWaitAndFailWhenTheirDeadlinePasses() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(1));
        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        CompletableFuture<Lease> second = pool.acquire(in(Duration.ofSeconds(5)));

        assertThat(containers.created).hasSize(1);
        clock.advance(Duration.ofSeconds(4));
        assertThat(second).isNotDone();
        clock.advance(Duration.ofSeconds(1));

        assertThat(failureOf(second)).isInstanceOf(NoCapacityException.class).hasMessageContaining("1 instances");
        assertThat(first.join().instanceId()).isEqualTo("hello-1");
    }

    @Test
    void aReleasedSlotGoesToTheOldestWaiter() {
        InstancePool pool = pool(b -> b.maxInstances(1));
        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        CompletableFuture<Lease> second = pool.acquire(in(Duration.ofSeconds(60)));
        CompletableFuture<Lease> third = pool.acquire(in(Duration.ofSeconds(60)));

        first.join().release();

        assertThat(second).isCompleted();
        assertThat(third).isNotDone();
        assertThat(clock.pendingTasks()).isEqualTo(1);
    }

    @Test
    void reservedInstancesStartAtDeployAndTakeRequestsFirst() {
        InstancePool pool = pool(b -> b.minInstances(2).instanceConcurrency(2));
        pool.start();
        executor.runAll();

        assertThat(pool.instances()).hasSize(2).allSatisfy(i -> {
            assertThat(i.reserved()).isTrue();
            assertThat(i.state()).isEqualTo(InstanceState.READY);
        });
        CompletableFuture<Lease> a = pool.acquire(in(Duration.ofSeconds(1)));
        CompletableFuture<Lease> b = pool.acquire(in(Duration.ofSeconds(1)));
        assertThat(a.join().instanceId()).isEqualTo(b.join().instanceId());
        assertThat(containers.created).hasSize(2);
    }

    @Test
    void retiredInstanceIsRemovedOnceIdleAndReplacedOnDemand() {
        InstancePool pool = pool(b -> b);
        CompletableFuture<Lease> first = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();

        first.join().retire("FunctionTimeout");
        executor.runAll();

        assertThat(containers.removed).containsExactly("c1");
        CompletableFuture<Lease> next = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        assertThat(next.join().instanceId()).isEqualTo("hello-2");
    }

    @Test
    void closeRemovesIdleContainersAtOnceAndBusyOnesWhenReleased() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(2));
        CompletableFuture<Lease> busy = pool.acquire(in(Duration.ofSeconds(60)));
        CompletableFuture<Lease> idle = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        idle.join().release();

        pool.close(null);
        executor.runAll();

        assertThat(containers.live()).hasSize(1);
        assertThat(pool.isDrained()).isFalse();
        busy.join().release();
        executor.runAll();
        assertThat(containers.live()).isEmpty();
        assertThat(pool.isDrained()).isTrue();
    }

    @Test
    void aHealthyInstanceRunsItsPreStopHandlerBeforeItsContainerIsRemoved() {
        InstancePool pool = pool(b -> b.preStop("example.Hello::preStop", Duration.ofSeconds(2)));
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        lease.join().release();

        pool.close(null);
        assertThat(client.preStopped).as("not before the executor runs it").isEmpty();
        executor.runAll();

        assertThat(client.preStopped).containsExactly("hello-1");
        assertThat(containers.removed).containsExactly("c1");
    }

    @Test
    void aFailingPreStopHandlerIsSaidAndTheInstanceIsRemovedAllTheSame() {
        InstancePool pool = pool(b -> b.preStop("example.Hello::preStop", Duration.ofSeconds(2)));
        client.preStopFailure = "did not finish within 2000 ms";
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        lease.join().release();

        pool.close(null);
        executor.runAll();

        assertThat(containers.removed).containsExactly("c1");
        assertThat(events)
                .anyMatch(e -> e.equals("hello-1: pre-stop handler example.Hello::preStop failed: did not"
                        + " finish within 2000 ms; removed all the same"));
    }

    @Test
    void aTimedOutInstanceIsRemovedWithoutItsPreStopHandler() {
        InstancePool pool = pool(b -> b.preStop("example.Hello::preStop", Duration.ofSeconds(2)));
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();

        lease.join().retire("FunctionTimeout");
        executor.runAll();

        assertThat(containers.removed).containsExactly("c1");
        assertThat(client.preStopped).isEmpty();
    }

    @Test
    void closeFailsTheRequestsWaitingForASlot() {
        InstancePool pool = pool(b -> b.instanceConcurrency(1).maxInstances(1));
        CompletableFuture<Lease> busy = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        CompletableFuture<Lease> waiting = pool.acquire(in(Duration.ofSeconds(60)));

        pool.close(null);

        assertThat(busy).isCompleted();
        assertThat(failureOf(waiting)).isInstanceOf(NoCapacityException.class).hasMessageContaining("removed");
    }

    @Test
    void closeDuringALaunchRemovesTheContainerTheLaunchCreated() {
        InstancePool pool = pool(b -> b);
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));

        pool.close(null);
        executor.runAll();

        assertThat(lease).isCompletedExceptionally();
        assertThat(containers.created).hasSize(1);
        assertThat(containers.live()).isEmpty();
        assertThat(pool.isDrained()).isTrue();
    }

    @Test
    void containersCarryTheHardeningLimitsAndSluiceLabels() {
        InstancePool pool = pool(b -> b.memoryMb(256).cpu(0.5).env("GREETING", "hi"));
        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();
        assertThat(lease).isCompleted();

        ContainerSpec spec = containers.created.get(0);
        assertThat(spec.user()).isEqualTo(ContainerSpec.UNPRIVILEGED_USER);
        assertThat(spec.memoryMb()).isEqualTo(256);
        assertThat(spec.cpus()).isEqualTo(0.5);
        assertThat(spec.labels())
                .containsEntry(Labels.MANAGED, "true")
                .containsEntry(Labels.FUNCTION, "hello")
                .containsEntry(Labels.SESSION, "s1")
                .containsEntry(Labels.HOME, "h1");
        assertThat(spec.env())
                .containsEntry("GREETING", "hi")
                .containsEntry("FC_FUNCTION_HANDLER", "example.Hello::handle");
        assertThat(spec.mounts()).singleElement().satisfies(m -> {
            assertThat(m.containerPath()).isEqualTo("/code/hello.jar");
            assertThat(m.readOnly()).isTrue();
        });
    }

    @Test
    void aPublishedVersionsInstancesAreNamedForItAndKnowTheirQualifier() {
        InstancePool pool = new InstancePool(
                FunctionSpec.builder("hello", Path.of("/code/hello.jar"), "example.Hello::handle")
                        .initializer("example.Hello::init")
                        .build(),
                "sluice/java17:abc",
                Path.of("/code/hello.jar"),
                "2",
                launcher,
                clock,
                SETTINGS);

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofSeconds(60)));
        executor.runAll();

        assertThat(lease.join().instanceId()).isEqualTo("hello-v2-1");
        assertThat(containers.created.get(0).env()).containsEntry("FC_QUALIFIER", "2");
        assertThat(client.initializedAs).containsExactly(java.util.Map.entry("hello-v2-1", "2"));
        assertThat(pool.version()).isEqualTo("2");
    }

    /** Returns what a completed future failed with (Java 17 lacks {@code CompletableFuture.exceptionNow}). */
    private static Throwable failureOf(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        Throwable thrown = catchThrowable(future::join);
        return thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
    }
}
