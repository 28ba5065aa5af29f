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
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sluice's benchmarks, against a running gateway (the scripts in this directory start one). Every comparison is
 * measured side by side in one run.
 *
 * <ul>
 *   <li>{@code latency BASE TOKEN HELLO_JAR [COLD_STARTS] [WARM_REQUESTS]}: the hello function's cold start by phase,
 *       and its warm latency through the gateway against the same container called directly, interleaved request by
 *       request so that both see the same machine.
 *   <li>{@code scaling BASE TOKEN HELLO_JAR TEST_FUNCTIONS_JAR [ROUNDS] [SECONDS] [CLIENTS]}: first-invocation latency
 *       cold, from a stem cell and warm; time from 0 to 10 ready instances under a burst; warm throughput through the
 *       gateway against the same container.
 *   <li>{@code runtimes BASE TOKEN HELLO_JAR NODE_DIR PYTHON_DIR [COLD_STARTS] [WARM_REQUESTS]}: cold start and warm
 *       latency of the same greeting function in java17, nodejs20 and python3, round by round and request by request.
 *   <li>{@code versions BASE_A TOKEN_A BASE_B TOKEN_B HELLO_JAR [WARM_REQUESTS]}: warm latency of hello through two
 *       gateways running side by side (this version and a previous one), request by request.
 * </ul>
 */
public final class Bench {
    static final Pattern ENDPOINT = Pattern.compile("\"endpoint\":\"([^\"]+)\"");
    private static final Pattern PHASE = Pattern.compile("\"(create|start|portReady|initialize|total)\":(\\d+)");
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "latency" -> latency(rest);
            case "scaling" -> ScalingRun.run(rest);
            case "runtimes" -> RuntimesRun.run(rest);
            case "versions" -> versions(rest);
            default -> throw new IllegalArgumentException(
                    "unknown benchmark " + args[0] + " (expected: latency, scaling, runtimes, versions)");
        }
    }

    private static void latency(String[] args) throws Exception {
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

    private static void versions(String[] args) throws Exception {
        URI a = URI.create(args[0]);
        URI b = URI.create(args[2]);
        String jar = Path.of(args[4]).toAbsolutePath().toString();
        int warm = args.length > 5 ? Integer.parseInt(args[5]) : 3000;
        deploy(a, args[1], jar, "versions");
        deploy(b, args[3], jar, "versions");
        for (int i = 0; i < 500; i++) {
            expectOk(invokeViaGateway(a));
            expectOk(invokeViaGateway(b));
        }
        long[] viaA = new long[warm];
        long[] viaB = new long[warm];
        for (int i = 0; i < warm; i++) {
            // Alternating which goes first, so neither always meets the other's leftovers.
            boolean aFirst = i % 2 == 0;
            long t0 = System.nanoTime();
            expectOk(invokeViaGateway(aFirst ? a : b));
            long t1 = System.nanoTime();
            expectOk(invokeViaGateway(aFirst ? b : a));
            long t2 = System.nanoTime();
            viaA[i] = aFirst ? t1 - t0 : t2 - t1;
            viaB[i] = aFirst ? t2 - t1 : t1 - t0;
        }
        System.out.printf(Locale.ROOT, "warm latency of hello, %d sequential requests each, interleaved (us)%n", warm);
        System.out.printf(Locale.ROOT, "  %-18s %8s %8s %8s %8s%n", "", "p50", "p90", "p99", "mean");
        row("this version", viaA);
        row("previous version", viaB);
        System.out.printf(Locale.ROOT, "  this / previous: p50 x%.3f, mean x%.3f; p50 difference %d us%n",
                (double) percentile(viaA, 50) / percentile(viaB, 50),
                mean(viaA) / mean(viaB),
                (percentile(viaA, 50) - percentile(viaB, 50)) / 1000);
    }

    static String helloYaml(String jar, String round) {
        return "functions:\n  hello:\n    runtime: java17\n    code: " + jar + "\n"
                + "    handler: example.hello.HelloHandler::handleRequest\n"
                + "    initializer: example.hello.HelloHandler::initialize\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n"
                + "    env: { GREETING: Hello, BENCH_ROUND: " + round + " }\n";
    }

    private static void deploy(URI base, String token, String jar, String round) throws Exception {
        put(base, token, helloYaml(jar, round));
    }

    static void put(URI base, String token, String yaml) throws Exception {
        HttpRequest put = HttpRequest.newBuilder(base.resolve("/system/functions"))
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build();
        HttpResponse<String> response = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("deploy failed: " + response.statusCode() + " " + response.body());
        }
    }

    static HttpResponse<String> invokeViaGateway(URI base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invoke/hello"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("bench"))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The call the gateway makes, made by hand: FC's POST /invoke with the headers the runtime needs. */
    static HttpResponse<String> invokeDirect(URI direct) throws Exception {
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

    static String get(URI uri) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static void expectOk(HttpResponse<String> response) {
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

    static String match(Pattern pattern, String text) {
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

    static long median(long[] values) {
        return percentile(values, 50);
    }

    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }
}

/** The {@code scaling} benchmark: see {@link Bench}. */
final class ScalingRun {
    private static final Pattern STEM_CELLS = Pattern.compile("\"stemCellsReady\":(\\d+)");
    private static final Pattern READY = Pattern.compile("\"state\":\"READY\"");

    private ScalingRun() {}

    static void run(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String hello = Path.of(args[2]).toAbsolutePath().toString();
        String functions = Path.of(args[3]).toAbsolutePath().toString();
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        int clients = args.length > 6 ? Integer.parseInt(args[6]) : 8;
        firstInvocation(base, token, hello, rounds);
        burst(base, token, functions, rounds);
        throughput(base, token, hello, rounds, seconds, clients);
    }

    /** Cold, from a stem cell, and warm, alternating round by round. */
    private static void firstInvocation(URI base, String token, String jar, int rounds) throws Exception {
        long[] cold = new long[rounds];
        long[] stem = new long[rounds];
        long[] warm = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            Bench.put(base, token, Bench.helloYaml(jar, "cold-" + r));
            cold[r] = timed(base);
            Bench.put(base, token, "prewarm: { java17: 1 }\n" + Bench.helloYaml(jar, "stem-" + r));
            awaitStemCell(base);
            stem[r] = timed(base);
            if (!Bench.get(base.resolve("/system/functions/hello")).contains("\"fromStemCell\":true")) {
                throw new IllegalStateException("the first request did not use the stem cell");
            }
            long[] again = new long[20];
            for (int i = 0; i < again.length; i++) {
                again[i] = timed(base);
            }
            warm[r] = Bench.median(again);
        }
        System.out.printf(Locale.ROOT, "first invocation of hello (with its initializer), median of %d (ms)%n", rounds);
        System.out.printf(Locale.ROOT, "  %-26s %8.1f%n", "cold (new container)", Bench.median(cold) / 1e6);
        System.out.printf(Locale.ROOT, "  %-26s %8.1f%n", "from a stem cell", Bench.median(stem) / 1e6);
        System.out.printf(Locale.ROOT, "  %-26s %8.1f%n", "warm", Bench.median(warm) / 1e6);
        System.out.printf(Locale.ROOT, "  stem cell / cold: x%.2f%n", (double) Bench.median(stem) / Bench.median(cold));
    }

    /** Ten concurrent requests at instanceConcurrency 1 from zero instances: how long until ten are READY. */
    private static void burst(URI base, String token, String jar, int rounds) throws Exception {
        long[] toTen = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            Bench.put(base, token, "functions:\n  burst:\n    runtime: java17\n    code: " + jar + "\n"
                    + "    handler: dev.sluice.testing.functions.Sleep::handleRequest\n"
                    + "    instanceConcurrency: 1\n    maxInstances: 10\n    timeout: 60s\n"
                    + "    env: { ROUND: '" + r + "' }\n");
            long t0 = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                calls.add(Bench.HTTP.sendAsync(
                        HttpRequest.newBuilder(base.resolve("/invoke/burst"))
                                .POST(HttpRequest.BodyPublishers.ofString("300"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            while (countReady(Bench.get(base.resolve("/system/functions/burst"))) < 10) {
                if (System.nanoTime() - t0 > Duration.ofMinutes(2).toNanos()) {
                    throw new IllegalStateException("10 instances were not ready within 2 minutes");
                }
                Thread.sleep(10);
            }
            toTen[r] = System.nanoTime() - t0;
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                if (call.join().statusCode() != 200) {
                    throw new IllegalStateException("burst request failed: " + call.join().body());
                }
            }
        }
        System.out.printf(Locale.ROOT, "burst of 10 at instanceConcurrency 1, from 0 instances, median of %d%n", rounds);
        System.out.printf(Locale.ROOT, "  %-26s %8.1f s%n", "time to 10 READY", Bench.median(toTen) / 1e9);
    }

    /** Closed-loop clients on one warm instance, through the gateway and direct, alternating round by round. */
    private static void throughput(URI base, String token, String jar, int rounds, int seconds, int clients)
            throws Exception {
        Bench.put(base, token, Bench.helloYaml(jar, "throughput").replace(
                "    instanceConcurrency: 10\n", "    instanceConcurrency: 10\n    maxInstances: 1\n"));
        Bench.expectOk(Bench.invokeViaGateway(base));
        URI direct = URI.create("http://" + onlyInstanceEndpoint(base) + "/invoke");
        load(() -> Bench.invokeViaGateway(base), clients, 2); // warm-up, not counted
        load(() -> Bench.invokeDirect(direct), clients, 2);
        long[] viaGateway = new long[rounds];
        long[] straight = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            viaGateway[r] = load(() -> Bench.invokeViaGateway(base), clients, seconds);
            straight[r] = load(() -> Bench.invokeDirect(direct), clients, seconds);
        }
        System.out.printf(Locale.ROOT, "warm throughput of hello on 1 instance, %d clients, %d x %d s each (req/s)%n",
                clients, rounds, seconds);
        System.out.printf(Locale.ROOT, "  %-26s %8d%n", "via gateway", Bench.median(viaGateway));
        System.out.printf(Locale.ROOT, "  %-26s %8d%n", "direct", Bench.median(straight));
        System.out.printf(Locale.ROOT, "  gateway / direct: x%.2f%n",
                (double) Bench.median(viaGateway) / Bench.median(straight));
    }

    private interface Call {
        HttpResponse<String> send() throws Exception;
    }

    /** Runs {@code clients} loops for {@code seconds}; returns requests per second (all must succeed). */
    private static long load(Call call, int clients, int seconds) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Long>> counts = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                counts.add(pool.submit(() -> {
                    long n = 0;
                    while (System.nanoTime() < until) {
                        Bench.expectOk(call.send());
                        n++;
                    }
                    return n;
                }));
            }
            long total = 0;
            for (Future<Long> count : counts) {
                total += count.get();
            }
            return total / seconds;
        } finally {
            pool.shutdownNow(); // a failed call must not leave the other clients (and this JVM) running
        }
    }

    /**
     * The endpoint of hello's one instance, once the instances of the version before it are gone: a new version's
     * deploy drains and removes them, and a load sent to one of them would end in closed connections.
     */
    private static String onlyInstanceEndpoint(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            String view = Bench.get(base.resolve("/system/functions/hello"));
            if (view.split("\"state\":", -1).length == 2 && view.contains("\"state\":\"READY\"")) {
                return Bench.match(Bench.ENDPOINT, view);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("hello still has instances of its earlier version after 1 min: " + view);
            }
            Thread.sleep(100);
        }
    }

    private static long timed(URI base) throws Exception {
        long t0 = System.nanoTime();
        Bench.expectOk(Bench.invokeViaGateway(base));
        return System.nanoTime() - t0;
    }

    private static void awaitStemCell(URI base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (Integer.parseInt(Bench.match(STEM_CELLS, Bench.get(base.resolve("/system/functions")))) < 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no stem cell was ready within a minute");
            }
            Thread.sleep(20);
        }
    }

    private static int countReady(String json) {
        Matcher m = READY.matcher(json);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}

/** The {@code runtimes} benchmark: see {@link Bench}. */
final class RuntimesRun {
    private static final Pattern TOTAL = Pattern.compile("\"total\":(\\d+)");
    private static final String[] RUNTIMES = {"java17", "nodejs20", "python3"};

    private RuntimesRun() {}

    static void run(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String jar = Path.of(args[2]).toAbsolutePath().toString();
        String node = Path.of(args[3]).toAbsolutePath().toString();
        String python = Path.of(args[4]).toAbsolutePath().toString();
        int coldStarts = args.length > 5 ? Integer.parseInt(args[5]) : 5;
        int warm = args.length > 6 ? Integer.parseInt(args[6]) : 2000;
        int n = RUNTIMES.length;
        long[][] firstRequest = new long[n][coldStarts];
        long[][] phases = new long[n][coldStarts];
        for (int round = 0; round < coldStarts; round++) {
            Bench.put(base, token, yaml(jar, node, python, "cold-" + round));
            for (int r = 0; r < n; r++) {
                long t0 = System.nanoTime();
                ok(invoke(base, RUNTIMES[r]));
                firstRequest[r][round] = System.nanoTime() - t0;
                phases[r][round] = Long.parseLong(
                        Bench.match(TOTAL, Bench.get(base.resolve("/system/functions/" + RUNTIMES[r]))));
            }
        }
        long[][] latency = new long[n][warm];
        for (int i = 0; i < 300; i++) {
            for (String runtime : RUNTIMES) {
                ok(invoke(base, runtime));
            }
        }
        for (int i = 0; i < warm; i++) {
            for (int r = 0; r < n; r++) {
                long t0 = System.nanoTime();
                ok(invoke(base, RUNTIMES[r]));
                latency[r][i] = System.nanoTime() - t0;
            }
        }
        System.out.printf(Locale.ROOT, "cold start, median of %d (ms), and warm latency via the gateway,"
                + " %d interleaved requests each (us)%n", coldStarts, warm);
        System.out.printf(Locale.ROOT, "  %-10s %12s %12s %8s %8s %8s%n", "", "cold total", "first req", "p50",
                "p90", "p99");
        for (int r = 0; r < n; r++) {
            System.out.printf(Locale.ROOT, "  %-10s %12d %12d %8d %8d %8d%n", RUNTIMES[r], Bench.median(phases[r]),
                    Bench.median(firstRequest[r]) / 1_000_000, Bench.percentile(latency[r], 50) / 1000,
                    Bench.percentile(latency[r], 90) / 1000, Bench.percentile(latency[r], 99) / 1000);
        }
    }

    /** The same greeting in each runtime, each with an initializer, 256 MiB. */
    private static String yaml(String jar, String node, String python, String round) {
        return "functions:\n"
                + "  java17:\n    runtime: java17\n    code: " + jar + "\n"
                + "    handler: example.hello.HelloHandler::handleRequest\n"
                + "    initializer: example.hello.HelloHandler::initialize\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n    env: { ROUND: " + round + " }\n"
                + "  nodejs20:\n    runtime: nodejs20\n    code: " + node + "\n"
                + "    handler: index.handler\n    initializer: index.initializer\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n    env: { ROUND: " + round + " }\n"
                + "  python3:\n    runtime: python3\n    code: " + python + "\n"
                + "    handler: index.handler\n    initializer: index.initializer\n"
                + "    memory: 256Mi\n    instanceConcurrency: 10\n    env: { ROUND: " + round + " }\n";
    }

    private static HttpResponse<String> invoke(URI base, String function) throws Exception {
        return Bench.HTTP.send(
                HttpRequest.newBuilder(base.resolve("/invoke/" + function))
                        .POST(HttpRequest.BodyPublishers.ofString("bench"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void ok(HttpResponse<String> response) {
        if (response.statusCode() != 200 || !response.body().contains("bench!")) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
        }
    }
}
