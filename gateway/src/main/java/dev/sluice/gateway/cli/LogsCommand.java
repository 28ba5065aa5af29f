package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice logs NAME}: the container logs of a function's instances, each line after its instance id. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        description = {
            "Print the last lines of the container log of each instance of a function, as `instance | line`.",
            "With -f, keep printing new lines every second until Ctrl-C."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class LogsCommand extends ClientCommand {
    /** Between an instance id and its line, in the gateway's answer and in what is printed. */
    static final String SEPARATOR = " | ";
    /** The lines asked for per instance while following: a second's worth of logging, with room. */
    private static final int FOLLOW_WINDOW = 1000;

    private static final long POLL_MILLIS = 1000;

    @Parameters(index = "0", paramLabel = "NAME", description = "the function")
    @SuppressWarnings("NullAway.Init")
    String name;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(
            names = "--tail",
            paramLabel = "N",
            defaultValue = "100",
            description =
                    "how many of the last lines of each instance to print first, 0..10000 (default: ${DEFAULT-VALUE})")
    int tail;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        if (tail < 0 || tail > 10_000) {
            throw new BadInputException("--tail: " + tail + " (expected: 0..10000)");
        }
        Console console = surroundings.console();
        LogFollower follower = new LogFollower();
        Map<String, List<String>> windows = fetch(client, follow ? Math.max(tail, FOLLOW_WINDOW) : tail, console);
        if (windows == null) {
            return Main.EXIT_FAILURE;
        }
        windows.forEach((instance, lines) -> {
            follower.newLines(instance, lines);
            lines.subList(Math.max(0, lines.size() - tail), lines.size())
                    .forEach(line -> console.say(instance + SEPARATOR + line));
        });
        while (follow) {
            Thread.sleep(POLL_MILLIS);
            windows = fetch(client, FOLLOW_WINDOW, console);
            if (windows == null) {
                return Main.EXIT_FAILURE;
            }
            follower.retainOnly(windows.keySet());
            windows.forEach((instance, lines) ->
                    follower.newLines(instance, lines).forEach(line -> console.say(instance + SEPARATOR + line)));
        }
        return 0;
    }

    /** Returns each instance's last {@code lines} lines, or null after printing why there are none. */
    private @Nullable Map<String, List<String>> fetch(GatewayClient client, int lines, Console console)
            throws GatewayUnreachableException, IOException, InterruptedException {
        HttpResponse<byte[]> response =
                client.get("/system/functions/" + GatewayClient.encode(name) + "/logs?tail=" + lines);
        if (response.statusCode() != 200) {
            console.problem(prefix() + GatewayClient.problem(response));
            return null;
        }
        return parse(GatewayClient.text(response));
    }

    /** Returns the lines of a logs answer by instance, in the order they came. */
    static Map<String, List<String>> parse(String text) {
        Map<String, List<String>> byInstance = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            int at = line.indexOf(SEPARATOR);
            if (at > 0) {
                byInstance
                        .computeIfAbsent(line.substring(0, at), id -> new ArrayList<>())
                        .add(line.substring(at + SEPARATOR.length()));
            }
        });
        return byInstance;
    }
}
