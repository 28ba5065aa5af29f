import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the hello function on a running gateway: its cold start by phase, and its warm latency through the
 * gateway against the same container called directly, interleaved request by request so both see the same machine.
 *
 * <p>Usage: {@code java bench/InvokeBench.java BASE_URL ADMIN_TOKEN HELLO_JAR [COLD_STARTS] [WARM_REQUESTS]}; run by
 * {@code bench/invoke-latency.sh}, which starts the gateway.
 */
public final class InvokeBench {
    private static final Pattern ENDPOINT = Pattern.compile("\"endpoint\":\"([^\"]+)\"");
    private static final Pattern PHASE = Pattern.compile("\"(create|start|portReady|initialize|total)\":(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String jar = Path.of(args[2]).toAbsolutePath().toString();
        int coldStarts = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warm = args.length > 4 ? Integer.parseInt(args[4]) : 3000;

        List<long[]> phases = new ArrayList<>();
        long[] firstRequest = new long[coldStarts];
        for (int round = 0; round < coldStarts; round++) {
            // A changed env is a new version: the next request gets a fresh instance, a cold start.
            deploy(base, token, jar, "cold-" + round);
            long t0 = System.nanoTime();
            expectOk(invokeViaGateway(base));
            firstRequest[round] = System.nanoTime() - t0;
            phases.add(phasesOf(get(base.resolve("/system/functions/hello"))));
        }
        printColdStarts(phases, firstRequest);

        String endpoint = match(ENDPOINT, get(base.resolve("/system/functions/hello")));
        URI direct = URI.create("http://" + endpoint + "/invoke");
        for (int i = 0; i < 500; i++) {
            expectOk(invokeViaGateway(base));
            expectOk(invokeDirect(direct));
        }
        long[] viaGateway = new long[warm];
        long[] straight = new long[warm];
        for (int i = 0; i < warm; i++) {
            long t0 = System.nanoTime();
            expectOk(invokeViaGateway(base));
            long t1 = System.nanoTime();
            expectOk(invokeDirect(direct));
            long t2 = System.nanoTime();
            viaGateway[i] = t1 - t0;
            straight[i] = t2 - t1;
        }
        printWarm(viaGateway, straight);
    }

    private static void deploy(URI base, String token, String jar, String round) throws Exception {
        String yaml = "functions:\n  hello:\n    runtime: java17\n    code: " + jar + "\n"
                + "    handler: example.hello.HelloHandler::handleRequest\n"
                + "    initializer: example.hello.HelloHandler::initialize\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n"
                + "    env: { GREETING: Hello, BENCH_ROUND: " + round + " }\n";
        HttpRequest put = HttpRequest.newBuilder(base.resolve("/system/functions"))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build();
        HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("deploy failed: " + response.statusCode() + " " + response.body());
        }
    }

    private static HttpResponse<String> invokeViaGateway(URI base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invoke/hello"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("bench"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The call the gateway makes, made by hand: FC's POST /invoke with the headers the runtime needs. */
    private static HttpResponse<String> invokeDirect(URI direct) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(direct)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream")
                .header("x-fc-request-id", UUID.randomUUID().toString())
                .header("x-fc-control-path", "/invoke")
                .header("x-fc-function-name", "hello")
                .header("x-fc-function-handler", "example.hello.HelloHandler::handleRequest")
                .POST(HttpRequest.BodyPublishers.ofString("bench"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void expectOk(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().startsWith("Hello, bench!")) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }

    private static long[] phasesOf(String json) {
        long[] phases = new long[5];
        Matcher m = PHASE.matcher(json);
        while (m.find()) {
            int index = List.of("create", "start", "portReady", "initialize", "total").indexOf(m.group(1));
            phases[index] = Long.parseLong(m.group(2));
        }
        return phases;
    }

    private static String match(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    private static void printColdStarts(List<long[]> phases, long[] firstRequest) {
        String[] names = {"create", "start", "port ready", "initializer", "total (gateway's view)"};
        System.out.printf(Locale.ROOT, "cold start of hello, median of %d (ms)%n", phases.size());
        for (int p = 0; p < names.length; p++) {
            long[] values = new long[phases.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = phases.get(i)[p];
            }
            System.out.printf(Locale.ROOT, "  %-24s %6d%n", names[p], median(values));
        }
        long[] millis = Arrays.stream(firstRequest).map(n -> n / 1_000_000).toArray();
        System.out.printf(Locale.ROOT, "  %-24s %6d%n", "first request (client)", median(millis));
    }

    private static void printWarm(long[] viaGateway, long[] straight) {
        System.out.printf(Locale.ROOT, "warm latency of hello, %d sequential requests each, interleaved (us)%n",
                viaGateway.length);
        System.out.printf(Locale.ROOT, "  %-18s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "mean");
        row("via gateway", viaGateway);
        row("direct", straight);
        System.out.printf(Locale.ROOT, "  gateway / direct: p50 x%.2f, mean x%.2f; added p50 %d us%n",
                (double) percentile(viaGateway, 50) / percentile(straight, 50),
                mean(viaGateway) / mean(straight),
                (percentile(viaGateway, 50) - percentile(straight, 50)) / 1000);
    }

    private static void row(String name, long[] nanos) {
        System.out.printf(Locale.ROOT, "  %-18s %8d %8d %8d %8.0f%n", name, percentile(nanos, 50) / 1000,
                percentile(nanos, 90) / 1000, percentile(nanos, 99) / 1000, mean(nanos) / 1000);
    }

    private static long median(long[] values) {
        return percentile(values, 50);
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
