package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice top}: a live view of a running gateway's functions, instances and services. */
@Command(
        name = "top",
        mixinStandardHelpOptions = true,
        description = {
            "Show the platform live (GET /system/metrics): per function its load, capacity and scaling decision,"
                    + " its instances' slots, invocations and latency; then the services.",
            "Redraws the terminal every interval until Ctrl-C; --plain prints frames one after another instead."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class TopCommand extends ClientCommand {
    /** Cursor home, then erase the screen: each frame is drawn over the last. */
    static final String CLEAR = "\033[H\033[2J";

    @Option(names = "--plain", description = "no terminal control codes: frames as text, a blank line between them")
    boolean plain;

    @Option(names = "--once", description = "print one frame (without control codes) and exit")
    boolean once;

    @Option(
            names = "--interval",
            paramLabel = "SECONDS",
            defaultValue = "2",
            description = "the time between frames, at least 0.1 (default: ${DEFAULT-VALUE})")
    double interval;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        if (!(interval >= 0.1)) {
            throw new BadInputException("--interval: " + interval + " (expected: >= 0.1 seconds)");
        }
        Console console = surroundings.console();
        boolean redraw = !plain && !once;
        for (int frame = 0; ; frame++) {
            HttpResponse<byte[]> response = client.get("/system/metrics");
            if (response.statusCode() != 200) {
                console.problem(prefix() + problem(response, client));
                return Main.EXIT_FAILURE;
            }
            List<String> lines =
                    TopFrame.render(GatewayClient.json(response), client.base().toString());
            if (redraw) {
                console.write(CLEAR + String.join("\n", lines) + "\n");
            } else {
                if (frame > 0) {
                    console.say("");
                }
                lines.forEach(console::say);
            }
            if (once) {
                return 0;
            }
            Thread.sleep((long) (interval * 1000));
        }
    }

    private static String problem(HttpResponse<byte[]> response, GatewayClient client) {
        if (response.statusCode() == 404) {
            return "the gateway at " + client.base() + " has no /system/metrics: it is older than this sluice;"
                    + " restart it with this version's `sluice up`";
        }
        return GatewayClient.problem(response);
    }
}
