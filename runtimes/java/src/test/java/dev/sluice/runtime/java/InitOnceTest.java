package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InitOnceTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final InitOnce init = new InitOnce();
    private final AtomicInteger runs = new AtomicInteger();
    /** Released by each test (or at the end) so that no blocked initializer outlives its test. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void releaseBlockedInitializers() {
        release.countDown();
    }

    @Test
    void theInitializerRunsOnceHoweverOftenItIsCalled() throws Exception {
        init.run(counting());
        init.run(counting());
        init.run(counting());

        assertThat(runs).hasValue(1);
        assertThat(init.hasSucceeded()).isTrue();
    }

    @Test
    void concurrentCallersWaitForTheOneRunAndShareItsSuccess() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Caller first = Caller.start(init, blocking(started, null));
        await(started);
        Caller second = Caller.start(init, counting());
        Caller third = Caller.start(init, counting());
        second.awaitWaiting();
        third.awaitWaiting();

        assertThat(first.isDone()).as("the first run is still blocked").isFalse();
        release.countDown();

        assertThat(first.outcome()).isNull();
        assertThat(second.outcome()).isNull();
        assertThat(third.outcome()).isNull();
        assertThat(runs).as("only the first caller's initializer ran").hasValue(1);
        assertThat(init.hasSucceeded()).isTrue();
    }

    @Test
    void concurrentCallersWaitForTheOneRunAndShareItsFailure() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("database unreachable");
        Caller first = Caller.start(init, blocking(started, failure));
        await(started);
        Caller second = Caller.start(init, counting());
        second.awaitWaiting();

        release.countDown();

        assertThat(first.outcome()).isSameAs(failure);
        assertThat(second.outcome()).as("the waiter gets the very same failure").isSameAs(failure);
        assertThat(runs).as("the waiter never started a run of its own").hasValue(1);
    }

    @Test
    void aFailedInitializerIsNeverRunAgain() {
        IllegalStateException failure = new IllegalStateException("database unreachable");
        Throwable thrown = catchThrowable(() -> init.run(() -> {
            runs.incrementAndGet();
            throw failure;
        }));

        assertThat(thrown).isSameAs(failure);
        assertThatThrownBy(() -> init.run(counting())).isSameAs(failure);
        assertThatThrownBy(() -> init.run(counting())).isSameAs(failure);
        assertThat(runs).as("only the failed run ran").hasValue(1);
        assertThat(init.hasSucceeded()).isFalse();
    }

    @Test
    void anErrorFromTheInitializerEndsTheRunAndIsRethrownToEveryLaterCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ExceptionInInitializerError error = new ExceptionInInitializerError("static block failed");
        Caller first = Caller.start(init, blocking(started, null, error));
        await(started);
        Caller second = Caller.start(init, counting());
        second.awaitWaiting();

        release.countDown();

        assertThat(first.outcome()).isSameAs(error);
        assertThat(second.outcome())
                .as("the waiter does not hang on a run that ended in an Error")
                .isSameAs(error);
        assertThatThrownBy(() -> init.run(counting())).isSameAs(error);
        assertThatThrownBy(() -> init.requireSucceeded("example.App::initialize"))
                .isInstanceOf(InitializationException.class)
                .hasMessageContaining("static block failed")
                .hasCause(error);
        assertThat(runs).hasValue(1);
    }

    @Test
    void requireSucceededRefusesBeforeTheInitializerHasRun() {
        assertThatThrownBy(() -> init.requireSucceeded("example.App::initialize"))
                .isInstanceOf(InitializationException.class)
                .hasMessage("initializer example.App::initialize has not run yet;"
                        + " the handler runs only after POST /initialize succeeded")
                .hasNoCause();
    }

    @Test
    void requireSucceededRefusesAtOnceWhileTheInitializerIsRunning() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Caller first = Caller.start(init, blocking(started, null));
        await(started);

        assertThatThrownBy(() -> init.requireSucceeded("example.App::initialize"))
                .isInstanceOf(InitializationException.class)
                .hasMessage("initializer example.App::initialize is still running;"
                        + " the handler runs only after POST /initialize succeeded");

        release.countDown();
        assertThat(first.outcome()).isNull();
        assertThatCode(() -> init.requireSucceeded("example.App::initialize")).doesNotThrowAnyException();
    }

    @Test
    void requireSucceededRefusesAfterAFailureNamingWhatTheInitializerThrew() {
        // What the runtime stores: the initializer's exception as reflection wrapped it.
        IllegalStateException cause = new IllegalStateException("database unreachable");
        InvocationTargetException wrapped = new InvocationTargetException(cause);
        assertThatThrownBy(() -> init.run(() -> {
                    throw wrapped;
                }))
                .isSameAs(wrapped);

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> init.requireSucceeded("example.App::initialize"))
                    .isInstanceOf(InitializationException.class)
                    .hasMessage("initializer example.App::initialize failed, so this instance cannot run the handler:"
                            + " database unreachable")
                    .hasCauseReference(wrapped);
        }
    }

    @Test
    void requireSucceededPassesOnceTheInitializerSucceeded() throws Exception {
        init.run(counting());

        assertThatCode(() -> init.requireSucceeded("example.App::initialize")).doesNotThrowAnyException();
    }

    /** A task that only counts its runs. */
    private InitOnce.Task counting() {
        return runs::incrementAndGet;
    }

    /** A task that counts its run, says it started, then blocks until the test releases it and ends with {@code failure}. */
    private InitOnce.Task blocking(CountDownLatch started, Exception failure) {
        return blocking(started, failure, null);
    }

    private InitOnce.Task blocking(CountDownLatch started, Exception failure, Error error) {
        return () -> {
            runs.incrementAndGet();
            started.countDown();
            await(release);
            if (failure != null) {
                throw failure;
            }
            if (error != null) {
                throw error;
            }
        };
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS))
                .as("latch released within %s", PATIENCE)
                .isTrue();
    }

    /** One thread calling {@link InitOnce#run}; its outcome is null for success, else what the call threw. */
    private static final class Caller {
        private final Thread thread;
        private final FutureTask<Void> call;

        private Caller(InitOnce init, InitOnce.Task task) {
            this.call = new FutureTask<>(() -> {
                init.run(task);
                return null;
            });
            this.thread = new Thread(call, "init-caller");
            thread.setDaemon(true);
        }

        static Caller start(InitOnce init, InitOnce.Task task) {
            Caller caller = new Caller(init, task);
            caller.thread.start();
            return caller;
        }

        /** Returns once the caller is parked in {@code InitOnce}'s wait for the running initializer. */
        void awaitWaiting() {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (thread.getState() != Thread.State.WAITING) {
                assertThat(call.isDone())
                        .as("the caller returned instead of waiting")
                        .isFalse();
                assertThat(System.nanoTime() - deadline)
                        .as("the caller waits within %s", PATIENCE)
                        .isNegative();
                Thread.onSpinWait();
            }
        }

        boolean isDone() {
            return call.isDone();
        }

        Throwable outcome() throws Exception {
            try {
                call.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            }
        }
    }
}
