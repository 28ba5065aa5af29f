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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak run by bench/soak.sh: SOAK_WARM (hello, 16 calls per instance, one reserved) takes most calls, SOAK_COLD
 * (one call per instance, reclaimed after 2 s idle) a share, so that instances start and go all the time. Prints one
 * line a minute and a summary; every call has a 30 s client timeout, so a hung call shows as an error, not a hang.
 *
 * <p>{@code java bench/Soak.java BASE TOKEN HELLO_JAR GATEWAY_PID SECONDS CLIENTS COLD_SHARE}
 */
public final class Soak {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** What one minute saw; threads add to it under its lock. */
    private static final class Minute {
        final List<Long> warmMicros = new ArrayList<>();
        final List<Long> coldMicros = new ArrayList<>();
        final Map<String, Integer> errors = new TreeMap<>();

        synchronized void add(boolean cold, long micros, String error) {
            (cold ? coldMicros : warmMicros).add(micros);
            if (error != null) {
                errors.merge(error, 1, Integer::sum);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        String jar = Path.of(args[2]).toAbsolutePath().toString();
        long gatewayPid = Long.parseLong(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int clients = Integer.parseInt(args[5]);
        double coldShare = Double.parseDouble(args[6]);
        deploy(base, token, jar);
        System.out.printf(Locale.ROOT, "soak: %d clients for %d s, %.1f %% of calls to soak-cold%n",
                clients, seconds, coldShare * 100);
        Minute[] minutes = new Minute[(seconds + 59) / 60];
        Arrays.setAll(minutes, i -> new Minute());
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> callUntil(base, end, start, coldShare, minutes));
        }
        long coldBefore = coldStarts(base);
        long coldAtStart = coldBefore;
        for (int m = 0; m < minutes.length; m++) {
            long due = start + TimeUnit.SECONDS.toNanos(Math.min(seconds, (m + 1) * 60L));
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
            long coldNow = coldStarts(base);
            report("minute " + (m + 1), List.of(minutes[m]), rssMb(gatewayPid), instances(base, coldNow - coldBefore));
            coldBefore = coldNow;
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        report("all", List.of(minutes), rssMb(gatewayPid), instances(base, coldStarts(base) - coldAtStart));
    }

    private static void callUntil(URI base, long end, long start, double coldShare, Minute[] minutes) {
        while (System.nanoTime() < end) {
            boolean cold = ThreadLocalRandom.current().nextDouble() < coldShare;
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/invoke/" + (cold ? "soak-cold" : "soak-warm")))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("soak"))
                    .build();
            long t0 = System.nanoTime();
            String error;
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                error = response.statusCode() == 200
                        ? null
                        : response.statusCode() + " " + response.headers().firstValue("X-Fc-Error-Type").orElse("");
            } catch (Exception e) {
                error = e.getClass().getSimpleName();
            }
            long t1 = System.nanoTime();
            int minute = (int) Math.min(minutes.length - 1, TimeUnit.NANOSECONDS.toSeconds(t0 - start) / 60);
            minutes[minute].add(cold, (t1 - t0) / 1000, error);
        }
    }

    private static void report(String label, List<Minute> minutes, long rssMb, String instances) {
        List<Long> warm = new ArrayList<>();
        List<Long> cold = new ArrayList<>();
        Map<String, Integer> errors = new TreeMap<>();
        for (Minute m : minutes) {
            synchronized (m) {
                warm.addAll(m.warmMicros);
                cold.addAll(m.coldMicros);
                m.errors.forEach((k, v) -> errors.merge(k, v, Integer::sum));
            }
        }
        int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
        System.out.printf(Locale.ROOT,
                "%-9s %8d calls, %d errors %s; warm p50 %.2f ms p99 %.2f ms; cold mix %d calls p99 %.0f ms;"
                        + " gateway RSS %d MB; %s%n",
                label, warm.size() + cold.size(), errorCount, errors.isEmpty() ? "" : errors.toString(),
                percentile(warm, 50), percentile(warm, 99), cold.size(), percentile(cold, 99), rssMb, instances);
    }

    private static double percentile(List<Long> micros, int p) {
        if (micros.isEmpty()) {
            return 0;
        }
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000.0;
    }

    private static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            // Not Linux, or the gateway is gone: shown as 0.
        }
        return 0;
    }

    /** Returns how many instances of soak-cold became READY so far, from the gateway's Prometheus counter. */
    private static long coldStarts(URI base) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double total = 0;
            for (String line : text.split("\n", -1)) {
                if (line.startsWith("sluice_cold_starts_total{") && line.contains("function=\"soak-cold\"")) {
                    total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return Math.round(total);
        } catch (Exception e) {
            return 0;
        }
    }

    /** Returns e.g. "instances: soak-warm 4, soak-cold 1 (12 cold starts)" from the gateway's own view. */
    private static String instances(URI base, long coldStarts) {
        try {
            String json = HTTP.send(HttpRequest.newBuilder(base.resolve("/system/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return "instances: soak-warm " + count(json, "soak-warm") + ", soak-cold " + count(json, "soak-cold")
                    + " (" + coldStarts + " cold starts)";
        } catch (Exception e) {
            return "instances: ?";
        }
    }

    private static int count(String json, String function) {
        int at = json.indexOf("\"name\":\"" + function + "\"");
        int instances = at < 0 ? -1 : json.indexOf("\"instances\":[", at);
        if (instances < 0) {
            return 0;
        }
        int close = json.indexOf(']', instances);
        String list = json.substring(instances, close);
        return list.split("\"id\":", -1).length - 1;
    }

    private static void deploy(URI base, String token, String jar) throws Exception {
        String fn = "    runtime: java17\n    code: " + jar + "\n"
                + "    handler: example.hello.HelloHandler::handleRequest\n"
                + "    initializer: example.hello.HelloHandler::initialize\n"
                + "    initializationTimeout: 10s\n    memory: 256Mi\n";
        String yaml = "functions:\n"
                + "  soak-warm:\n" + fn + "    instanceConcurrency: 16\n    minInstances: 1\n    maxInstances: 8\n"
                + "  soak-cold:\n" + fn + "    instanceConcurrency: 1\n    maxInstances: 4\n    idleTimeout: 2s\n";
        HttpResponse<String> put = HTTP.send(
                HttpRequest.newBuilder(base.resolve("/system/functions"))
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("deploy failed: " + put.statusCode() + " " + put.body());
        }
        for (int i = 0; i < 600; i++) { // the reserved instance, up to 60 s
            if (HTTP.send(HttpRequest.newBuilder(base.resolve("/invoke/soak-warm"))
                                    .POST(HttpRequest.BodyPublishers.ofString("warm-up"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("soak-warm did not answer within 60 s");
    }
}
