package dev.sluice.gateway.todo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.ServiceView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Todos live in the database service's volume: they survive a restart of the gateway and of the database. */
class TodoPersistenceIT {
    @TempDir
    Path state;

    private LocalSluice start() throws Exception {
        Path samples = TestFunctions.samples();
        return LocalSluice.deploy(
                TodoClient.sampleDocument(samples), samples, Duration.ofSeconds(60), state.resolve("home"));
    }

    @Test
    void todosSurviveARestartOfTheGatewayAndOfTheDatabaseService() throws Exception {
        String token;
        LocalSluice first = start();
        try {
            TodoClient api = new TodoClient(first);
            token = api.login("keeper", "keeper-1");
            api.add(token, "survive a restart");
        } finally {
            assertThat(first.closeAndRemaining()).isEmpty();
        }

        LocalSluice second = start();
        try {
            TodoClient api = new TodoClient(second);
            assertThat(api.names("/api/rule")).contains("survive a restart");
            // The signing key was kept too: yesterday's login still writes.
            api.add(token, "after the gateway restart");

            ServiceView db = second.services().get(0);
            second.docker().remove(db.containerId(), Duration.ofSeconds(10)); // the database stops
            ServiceView restarted = awaitRestart(second, db);
            assertThat(restarted.restarts()).isEqualTo(1);

            assertThat(namesOnceAnswered(api)).contains("survive a restart", "after the gateway restart");
        } finally {
            assertThat(second.closeAndRemaining()).isEmpty();
        }
    }

    /** Waits for the platform to restart the service (1 s after its exit) and to see it listen again. */
    private static ServiceView awaitRestart(LocalSluice sluice, ServiceView before) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            ServiceView now = sluice.services().get(0);
            if ("RUNNING".equals(now.state())
                    && !String.valueOf(before.containerId()).equals(now.containerId())) {
                return now;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the database service was not restarted: " + sluice.services());
    }

    /** The function's pooled connections broke with the database; it reconnects on the next call. */
    private static List<String> namesOnceAnswered(TodoClient api) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return api.names("/api/rule");
            } catch (AssertionError e) {
                if (attempt == 2) {
                    throw e;
                }
            }
        }
    }
}
