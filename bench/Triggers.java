import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP-trigger path against the same container called directly, interleaved call by call: warm latency of a
 * small request, and the time to send a large body and get it back.
 *
 * <p>{@code java Triggers.java BASE TOKEN TEST_FUNCTIONS_JAR LABEL [WARM_REQUESTS] [MIB] [ROUNDS]}
 */
public final class Triggers {
    private static final Pattern ENDPOINT = Pattern.compile("\"endpoint\":\"([^\"]+)\"");
    private static final String HANDLER = "dev.sluice.testing.functions.HttpEcho::handleRequest";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String jar = Path.of(args[2]).toAbsolutePath().toString();
        String label = args[3];
        int warm = args.length > 4 ? Integer.parseInt(args[4]) : 3000;
        int mib = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 10;

        deploy(base, token, jar);
        call(base.resolve("/bench/warmup"), null, false); // starts the instance
        String endpoint = match(ENDPOINT, HTTP.send(
                        HttpRequest.newBuilder(base.resolve("/system/functions/echo")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        URI direct = URI.create("http://" + endpoint + "/bench/x");
        URI gateway = base.resolve("/bench/x");

        for (int i = 0; i < 500; i++) {
            call(gateway, null, false);
            call(direct, null, true);
        }
        long[] viaGateway = new long[warm];
        long[] straight = new long[warm];
        for (int i = 0; i < warm; i++) {
            viaGateway[i] = call(gateway, null, false);
            straight[i] = call(direct, null, true);
        }
        byte[] body = new byte[mib * 1024 * 1024];
        Arrays.fill(body, (byte) 'b');
        long[] bigGateway = new long[rounds];
        long[] bigDirect = new long[rounds];
        call(gateway, body, false);
        call(direct, body, true);
        for (int i = 0; i < rounds; i++) {
            bigGateway[i] = call(gateway, body, false);
            bigDirect[i] = call(direct, body, true);
        }

        System.out.printf(Locale.ROOT, "%s: HTTP trigger, warm, %d sequential GETs each, interleaved (us)%n", label, warm);
        System.out.printf(Locale.ROOT, "  %-18s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "mean");
        row("via gateway", viaGateway);
        row("direct", straight);
        System.out.printf(Locale.ROOT, "  gateway / direct: p50 x%.2f, mean x%.2f; added p50 %d us%n",
                ratio(viaGateway, straight), mean(viaGateway) / mean(straight),
                (percentile(viaGateway, 50) - percentile(straight, 50)) / 1000);
        System.out.printf(Locale.ROOT,
                "%s: HTTP trigger, POST %d MiB and its echo back, median of %d (ms)%n", label, mib, rounds);
        System.out.printf(Locale.ROOT, "  via gateway %8d%n  direct      %8d%n  gateway / direct: x%.2f%n",
                percentile(bigGateway, 50) / 1_000_000, percentile(bigDirect, 50) / 1_000_000,
                ratio(bigGateway, bigDirect));
    }

    private static void deploy(URI base, String token, String jar) throws Exception {
        String yaml = "functions:\n  echo:\n    runtime: java17\n    code: " + jar + "\n    handler: " + HANDLER
                + "\n    memory: 1Gi\n    instanceConcurrency: 4\n    maxInstances: 1\n    timeout: 60s\n"
                + "    triggers:\n      - http: { path: /bench, methods: [GET, POST] }\n";
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/system/functions"))
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("deploy failed: " + response.statusCode() + " " + response.body());
        }
    }

    /** Sends one call and returns its nanoseconds; direct calls carry the headers the gateway would add. */
    private static long call(URI uri, byte[] body, boolean direct) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60));
        if (direct) {
            request.header("x-fc-request-id", UUID.randomUUID().toString())
                    .header("x-fc-control-path", "/http-invoke")
                    .header("x-fc-function-name", "echo")
                    .header("x-fc-function-handler", HANDLER);
        }
        request.method(body == null ? "GET" : "POST",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        long t0 = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - t0;
        int expected = body == null ? 0 : body.length;
        if (response.statusCode() / 100 != 2 || response.body().length < expected) {
            throw new IllegalStateException("unexpected answer from " + uri + ": " + response.statusCode() + ", "
                    + response.body().length + " bytes");
        }
        return elapsed;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    private static void row(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "  %-18s %8d %8d %8d %8.0f%n", name, percentile(nanos, 50) / 1000,
                percentile(nanos, 90) / 1000, percentile(nanos, 99) / 1000, mean(nanos) / 1000);
    }

    private static double ratio(long[] a, long[] b) {
        return (double) percentile(a, 50) / percentile(b, 50);
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}
