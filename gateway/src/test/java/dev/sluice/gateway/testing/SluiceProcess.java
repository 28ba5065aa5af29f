package dev.sluice.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code sluice} command as a user runs it: a separate JVM on the built jar, its output collected. */
public final class SluiceProcess implements AutoCloseable {
    private static final Pattern UP = Pattern.compile("sluice is up on (http://\\S+)");
    private static final Pattern LISTENING = Pattern.compile("gateway listening on (http://[^ ;]+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private SluiceProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::collect, "sluice-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code java -jar sluice.jar args...} with {@code env} added to this process's environment. */
    public static SluiceProcess start(Map<String, String> env, Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                TestFunctions.gatewayJar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.redirectErrorStream(true);
        builder.environment().putAll(env);
        return new SluiceProcess(builder.start());
    }

    private void collect() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("(output ended: " + e + ")");
        }
    }

    /**
     * Waits until the gateway answers 200 on {@code /readyz}, then for the "sluice is up on ..." line it prints right
     * after, and returns the gateway's base URL.
     */
    public URI awaitUp(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI base = awaitListening(timeout);
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (readyzStatus(base) == 200
                    && output.stream().anyMatch(l -> UP.matcher(l).find())) {
                return base;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "sluice did not become ready within " + timeout + "; it printed:\n" + String.join("\n", output));
    }

    /** Waits for the "gateway listening on ..." line, printed before anything is deployed; returns the base URL. */
    public URI awaitListening(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    return URI.create(m.group(1));
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException(
                "sluice did not start listening within " + timeout + "; it printed:\n" + String.join("\n", output));
    }

    /** Waits for a line holding {@code text} printed after the first {@code after} lines; returns it. */
    public String awaitLine(String text, int after, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = output;
            for (int i = after; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return lines.get(i);
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("sluice did not print \"" + text + "\" within " + timeout + "; it printed:\n"
                + String.join("\n", output));
    }

    /** Returns the status of {@code GET /readyz}, or -1 when the gateway does not answer. */
    public static int readyzStatus(URI base) throws InterruptedException {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(base.resolve("/readyz"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    /** Waits for the process to exit and returns its status; kills it if it takes longer than {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(
                    "sluice did not exit within " + timeout + "; it printed:\n" + String.join("\n", output));
        }
        // The reader may still be draining the last lines.
        Thread.sleep(100);
        return process.exitValue();
    }

    /**
     * Sends SIGTERM, as {@code kill} would. Through the {@code kill} command rather than {@link Process#destroy()},
     * which also closes the streams and would lose what the process prints while it stops.
     */
    public void terminate() throws IOException, InterruptedException {
        int status = new ProcessBuilder("kill", "-TERM", String.valueOf(process.pid()))
                .inheritIO()
                .start()
                .waitFor();
        if (status != 0) {
            throw new IllegalStateException("kill -TERM " + process.pid() + " failed with status " + status);
        }
    }

    /** Sends SIGKILL: the gateway gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Returns everything it printed so far, stdout and stderr interleaved. */
    public List<String> output() {
        return List.copyOf(output);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
