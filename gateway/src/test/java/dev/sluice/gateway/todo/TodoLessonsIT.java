package dev.sluice.gateway.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's two lessons on the sample app, on real Docker: the first request after a cold start of the variant
 * without an initializer sees an empty list while the real one never does, and the todo function scales out to
 * ceil(in-flight / instanceConcurrency) instances under 50 clients with every request answered.
 */
class TodoLessonsIT {
    @TempDir
    static Path state;

    private static LocalSluice sluice;
    private static TodoClient api;
    private static String document;

    @BeforeAll
    static void deploy() throws Exception {
        Path samples = TestFunctions.samples();
        document = TodoClient.sampleDocument(samples);
        sluice = LocalSluice.deploy(document, samples, Duration.ofSeconds(60), state.resolve("home"));
        api = new TodoClient(sluice);
        String token = api.login("teacher", "lesson-1");
        for (String name : List.of("prepare slides", "book the room", "print handouts")) {
            api.add(token, name);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void afterEveryColdStartTheVariantWithoutAnInitializerAnswersEmptyAndTheRealOneNever() throws Exception {
        for (int round = 1; round <= 3; round++) {
            // A new version of each function: its next request starts a new instance, a cold start.
            String version = document.replace(
                    "DB_URL: jdbc:h2:tcp://todo-db:9092/todo",
                    "DB_URL: jdbc:h2:tcp://todo-db:9092/todo\n      ROUND: \"" + round + "\"");
            sluice.redeploy(FunctionsDocument.parse(version, "functions.yml", TestFunctions.samples()));

            List<String> cold = api.names("/cold/api/rule");
            List<String> fixed = api.names("/api/rule");

            assertThat(cold)
                    .as("round %d: the first request after a cold start, no initializer", round)
                    .isEmpty();
            assertThat(fixed)
                    .as("round %d: the first request after a cold start, with the initializer", round)
                    .contains("prepare slides", "book the room", "print handouts");
        }
        // Once its background load is done, the variant lists them too: the data was there all along.
        List<String> later = List.of();
        for (int i = 0; i < 100 && later.isEmpty(); i++) {
            later = api.names("/cold/api/rule");
            Thread.sleep(100); // the variant's own background load, not the platform, decides when
        }
        assertThat(later).contains("prepare slides");
    }

    @Test
    void anInitializerThatCannotReachTheDatabaseFailsTheStartInsteadOfServingWrongAnswers() throws Exception {
        String broken = document
                + """
                  todo-broken:
                    runtime: java17
                    code: ./todo/target/todo.jar
                    handler: example.todo.TodoHandler::handleRequest
                    initializer: example.todo.TodoHandler::initialize
                    initializationTimeout: 10s
                    env:
                      DB_URL: jdbc:h2:tcp://no-such-db:9092/todo
                      JWT_SECRET: { secret: jwt }
                    triggers:
                      - http: { path: /broken/api/rule, methods: [GET] }
                """;
        sluice.redeploy(FunctionsDocument.parse(broken, "functions.yml", TestFunctions.samples()));

        HttpResponse<String> refused = api.send("GET", "/broken/api/rule", null, null);

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("X-Fc-Error-Type")).hasValue("InitializationError");
        assertThat(refused.body()).contains("no-such-db");
    }

    @Test
    void fiftyClientsScaleTheTodoFunctionOutByItsConcurrencyAndEveryRequestSucceeds() throws Exception {
        int clients = 50;
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        int mostInstances = 0;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> running = new ArrayList<>();
            long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        HttpResponse<String> response = api.send("GET", "/api/rule", null, null);
                        (response.statusCode() == 200 ? answered : failures).incrementAndGet();
                    }
                    return null;
                }));
            }
            while (running.stream().anyMatch(f -> !f.isDone())) {
                mostInstances = Math.max(mostInstances, sluice.instances("todo").size());
                Thread.sleep(200);
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures.get()).as("requests not answered 200").isZero();
        assertThat(answered.get()).isGreaterThan(clients);
        // 50 in flight at 10 per instance: ceil(50 / 10) = 5 at most, and more than the one that was warm.
        assertThat(mostInstances).isBetween(2, 5);
    }
}
