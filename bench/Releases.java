import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * What naming a version costs a call: hello called as LATEST, as version 1 ({@code ?qualifier=1}) and by an alias
 * that sends a tenth of its calls to version 2 ({@code ?qualifier=prod}), on one gateway, interleaved call by call.
 * The three run the same code on instances of their own, so the differences are the gateway's.
 *
 * <p>{@code java Releases.java BASE TOKEN HELLO_JAR [WARM_REQUESTS]}
 */
public final class Releases {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String[] NAMES = {"LATEST", "version 1", "alias prod 90/10"};
    private static final String[] QUERIES = {"", "?qualifier=1", "?qualifier=prod"};

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String jar = Path.of(args[2]).toAbsolutePath().toString();
        int warm = args.length > 3 ? Integer.parseInt(args[3]) : 3000;

        send(base, token, "PUT", "/system/functions", yaml(jar, "one"), 200);
        send(base, token, "POST", "/system/functions/hello/versions", "{}", 201);
        send(base, token, "PUT", "/system/functions", yaml(jar, "two"), 200);
        send(base, token, "POST", "/system/functions/hello/versions", "{}", 201);
        send(base, token, "PUT", "/system/functions/hello/aliases/prod",
                "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": 0.1}}", 200);
        for (int i = 0; i < 500; i++) {
            for (String query : QUERIES) {
                call(base, query);
            }
        }
        long[][] nanos = new long[QUERIES.length][warm];
        for (int i = 0; i < warm; i++) {
            // Each in turn goes first, so none always meets the others' leftovers.
            for (int k = 0; k < QUERIES.length; k++) {
                int which = (i + k) % QUERIES.length;
                long t0 = System.nanoTime();
                call(base, QUERIES[which]);
                nanos[which][i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "warm latency of hello by qualifier, %d sequential requests each (us)%n", warm);
        System.out.printf(Locale.ROOT, "  %-18s %8s %8s %8s %8s %10s%n", "", "p50", "p90", "p99", "mean", "/ LATEST");
        for (int k = 0; k < QUERIES.length; k++) {
            System.out.printf(Locale.ROOT, "  %-18s %8d %8d %8d %8.0f %9.3fx%n", NAMES[k],
                    percentile(nanos[k], 50) / 1000, percentile(nanos[k], 90) / 1000,
                    percentile(nanos[k], 99) / 1000, mean(nanos[k]) / 1000,
                    (double) percentile(nanos[k], 50) / percentile(nanos[0], 50));
        }
    }

    private static String yaml(String jar, String round) {
        return "functions:\n  hello:\n    runtime: java17\n    code: " + jar + "\n"
                + "    handler: example.hello.HelloHandler::handleRequest\n"
                + "    initializer: example.hello.HelloHandler::initialize\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n"
                + "    env: { GREETING: Hello, BENCH_ROUND: " + round + " }\n";
    }

    private static void call(URI base, String query) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/invoke/hello" + query))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("bench"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().startsWith("Hello, bench!")) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private static void send(URI base, String token, String method, String path, String body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.ceil(p / 100.0 * sorted.length) - 1];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
