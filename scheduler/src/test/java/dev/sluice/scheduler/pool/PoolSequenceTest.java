package dev.sluice.scheduler.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of everything that can happen to a pool (requests arriving, ending and timing out, launches
 * finishing or failing in any order, crashes, time passing timer by timer), on the fakes and a manual clock, with
 * the pool's rules checked after every single step. A failure names its seed and the steps that led to it.
 */
class PoolSequenceTest {
    /** 300 in the build; {@code -Dsluice.sequences=N} for a longer hunt. */
    private static final int SEQUENCES = Integer.getInteger("sluice.sequences", 300);

    private static final int STEPS = 300;
    private static final Pattern BACKOFF =
            Pattern.compile("reserved instance failed to start \\((\\d+) in a row\\); next try in (\\d+) s");

    @Test
    void thePoolsRulesHoldAfterEveryStepOfRandomSequences() {
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            new Sequence(seed).play();
        }
    }

    @Test
    void theBackoffDoublesFromOneSecondUpToAMinute() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 8, 20))
                .extracting(dev.sluice.scheduler.autoscale.Backoff::seconds)
                .containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    /** One random sequence and what the test knows independently of the pool. */
    private static final class Sequence {
        private final long seed;
        private final Random random;
        private final PoolFixture fixture = new PoolFixture();
        private final int concurrency;
        private final int min;
        private final int max;
        private final Duration idleTimeout;
        private final InstancePool pool;
        private final ArrayDeque<String> trail = new ArrayDeque<>();

        private final List<Request> waiting = new ArrayList<>();
        private final List<Lease> held = new ArrayList<>();
        private final Set<String> seen = new HashSet<>();
        /** When each idle READY on-demand instance became idle, as this test saw it. */
        private final Map<String, Long> idleSince = new HashMap<>();

        private Map<String, InstanceView> before = Map.of();
        private int failuresInARow;
        /** When live may again be below minInstances no longer: the reserved restart's due time. */
        private long restartDueNanos = Long.MIN_VALUE;

        private int eventsSeen;
        private boolean closed;
        /** Whether the step under check moved the clock. */
        private boolean timePassed;

        Sequence(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.concurrency = 1 + random.nextInt(4);
            this.min = random.nextInt(3);
            this.max = Math.max(1, min + random.nextInt(5));
            this.idleTimeout = Duration.ofSeconds(5 + random.nextInt(56));
            this.pool = fixture.pool(b -> b.instanceConcurrency(concurrency)
                    .minInstances(min)
                    .maxInstances(max)
                    .idleTimeout(idleTimeout)
                    .initializer("example.Hello::init"));
        }

        void play() {
            try {
                step("start", pool::start);
                for (int n = 0; n < STEPS; n++) {
                    randomStep();
                }
                drainAll();
            } catch (AssertionError e) {
                throw new AssertionError(
                        "seed " + seed + " (concurrency " + concurrency + ", min " + min + ", max " + max
                                + ", idleTimeout " + idleTimeout.toSeconds() + " s), after:\n  "
                                + String.join("\n  ", trail) + "\ninstances: " + pool.instances()
                                + "\nqueued: " + pool.queued() + "\nlast lines:\n  "
                                + String.join("\n  ", lastLines()),
                        e);
            }
        }

        private void randomStep() {
            int dice = random.nextInt(100);
            if (dice < 30) {
                long deadline = fixture.clock.nanoTime()
                        + Duration.ofSeconds(1 + random.nextInt(60)).toNanos();
                step("arrive", () -> waiting.add(new Request(pool.acquire(deadline), deadline)));
            } else if (dice < 50 && !held.isEmpty()) {
                Lease lease = held.remove(random.nextInt(held.size()));
                step("release " + lease.instanceId(), lease::release);
            } else if (dice < 55 && !held.isEmpty()) {
                Lease lease = held.remove(random.nextInt(held.size()));
                step("retire " + lease.instanceId(), () -> lease.retire("FunctionTimeout"));
            } else if (dice < 75) {
                boolean fails = random.nextInt(5) == 0;
                step("run a task" + (fails ? " (initializers fail)" : ""), () -> {
                    fixture.client.initFailure = fails ? "database unreachable" : null;
                    fixture.executor.runAny(random);
                    fixture.client.initFailure = null;
                });
            } else if (dice < 80) {
                crashOne();
            } else {
                Duration limit = Duration.ofMillis(100 + random.nextInt(30_000));
                step("advance up to " + limit.toMillis() + " ms", () -> {
                    timePassed = true;
                    fixture.clock.advanceToNext(limit);
                });
            }
        }

        private void crashOne() {
            List<InstanceView> serving = pool.instances().stream()
                    .filter(i -> i.containerId() != null && !i.state().isStarting())
                    .toList();
            if (!serving.isEmpty()) {
                InstanceView victim = serving.get(random.nextInt(serving.size()));
                step("crash " + victim.id(), () -> pool.crashed(String.valueOf(victim.containerId()), "exit 137"));
            }
        }

        private void step(String what, Runnable action) {
            trail.addLast(what + " @" + (fixture.clock.nanoTime() / 1_000_000) + " ms");
            if (trail.size() > 25) {
                trail.removeFirst();
            }
            action.run();
            harvest();
            check();
            timePassed = false;
        }

        private List<String> lastLines() {
            List<String> events = fixture.events;
            return events.subList(Math.max(0, events.size() - 12), events.size());
        }

        /** Moves answered requests to the leases held (or drops the refused ones). */
        private void harvest() {
            waiting.removeIf(request -> {
                if (!request.future().isDone()) {
                    return false;
                }
                if (!request.future().isCompletedExceptionally()) {
                    held.add(request.future().join());
                }
                return true;
            });
        }

        private void check() {
            long now = fixture.clock.nanoTime();
            List<InstanceView> views = pool.instances();
            Map<String, InstanceView> byId = new HashMap<>();
            views.forEach(v -> byId.put(v.id(), v));
            int live = 0;
            int inFlight = 0;
            boolean created = false;
            boolean freeSlot = false;
            for (InstanceView v : views) {
                assertThat(v.slotsInUse()).as(v.id() + " slots").isBetween(0, v.slots());
                if (v.state() == InstanceState.DRAINING) {
                    // A launch the pool closed under goes when the launch notices; any other goes with its last lease.
                    boolean launching = v.coldStart() == null;
                    assertThat(launching || v.slotsInUse() > 0)
                            .as(v.id() + " drained with no lease is removed")
                            .isTrue();
                    continue;
                }
                live++;
                inFlight += v.slotsInUse();
                created |= seen.add(v.id());
                freeSlot |= v.state() == InstanceState.READY && v.slotsInUse() < v.slots();
            }
            int queued = pool.queued();
            assertThat(live).as("live instances").isLessThanOrEqualTo(max);
            assertThat(queued > 0 && freeSlot)
                    .as("a request waits while a slot is free")
                    .isFalse();
            if (created) {
                int needed = (inFlight + queued + concurrency - 1) / concurrency;
                assertThat(live)
                        .as("started beyond ceil((%d + %d) / %d), min %d", inFlight, queued, concurrency, min)
                        .isLessThanOrEqualTo(Math.min(max, Math.max(min, needed)));
            }
            // Timers due at the same instant run one per step: one still due now may not have run yet.
            long dueNow = fixture.clock.hasDueTasks() ? 1 : 0;
            for (Request request : waiting) {
                assertThat(request.deadlineNanos() + dueNow)
                        .as("a request still waits past its deadline")
                        .isGreaterThan(now);
            }
            assertThat(queued)
                    .as("requests the pool holds vs. those still waiting")
                    .isEqualTo(waiting.size());
            checkIdle(views, now, dueNow);
            checkReserved(byId, live, now);
            before = byId;
        }

        /** Every on-demand instance with no lease goes within idleTimeout of its last lease or of becoming READY. */
        private void checkIdle(List<InstanceView> views, long now, long dueNow) {
            if (timePassed) {
                // Only idle reclaim takes an instance away as time passes: never before its idle timeout.
                Set<String> present = new HashSet<>();
                views.forEach(v -> present.add(v.id()));
                idleSince.forEach(
                        (id, since) -> assertThat(present.contains(id) || now - since >= idleTimeout.toNanos())
                                .as(id + " reclaimed after " + (now - since) / 1_000_000 + " ms idle")
                                .isTrue());
            }
            Set<String> idleNow = new HashSet<>();
            for (InstanceView v : views) {
                if (v.state() == InstanceState.READY && !v.reserved() && v.slotsInUse() == 0) {
                    idleNow.add(v.id());
                    long since = idleSince.computeIfAbsent(v.id(), id -> now);
                    assertThat(now - since - dueNow)
                            .as(v.id() + " idle for too long")
                            .isLessThan(idleTimeout.toNanos());
                }
            }
            idleSince.keySet().retainAll(idleNow);
        }

        /** Reserved instances: failures counted in a row, the documented pause, and minInstances kept after it. */
        private void checkReserved(Map<String, InstanceView> byId, int live, long now) {
            boolean becameReady = false;
            for (InstanceView was : before.values()) {
                InstanceView is = byId.get(was.id());
                if (was.state().isStarting() && is == null && was.reserved()) {
                    failuresInARow++;
                }
                becameReady |= was.state().isStarting() && is != null && is.state() == InstanceState.READY;
            }
            if (becameReady) {
                failuresInARow = 0;
            }
            List<String> events = fixture.events;
            for (; eventsSeen < events.size(); eventsSeen++) {
                Matcher backoff = BACKOFF.matcher(events.get(eventsSeen));
                if (backoff.find()) {
                    int inARow = Integer.parseInt(backoff.group(1));
                    long seconds = Long.parseLong(backoff.group(2));
                    assertThat(inARow).as("failures in a row").isEqualTo(failuresInARow);
                    assertThat(seconds).as("pause").isEqualTo(Math.min(60, 1L << Math.min(inARow - 1, 6)));
                    restartDueNanos = now + Duration.ofSeconds(seconds).toNanos();
                }
            }
            if (now >= restartDueNanos && !closed && !fixture.clock.hasDueTasks()) {
                assertThat(live)
                        .as("live instances, with no reserved restart pending")
                        .isGreaterThanOrEqualTo(min);
            }
        }

        /** Ends every request and closes the pool: every container goes and every request has its answer. */
        private void drainAll() {
            closed = true;
            step("close", () -> pool.close(null));
            for (Lease lease : held) {
                lease.release();
            }
            held.clear();
            fixture.executor.runAll();
            fixture.clock.advance(Duration.ofMinutes(2));
            fixture.executor.runAll();
            assertThat(waiting).as("requests left unanswered").allMatch(r -> r.future()
                    .isDone());
            assertThat(pool.isDrained()).as("drained").isTrue();
            assertThat(fixture.containers.live()).as("containers left").isEmpty();
        }
    }

    private record Request(CompletableFuture<Lease> future, long deadlineNanos) {}
}
