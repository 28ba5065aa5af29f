package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice publish NAME}: makes what is deployed as a function its next immutable version. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = {
            "Publish what is deployed as NAME (its code and configuration) as its next version"
                    + " (POST /system/functions/NAME/versions).",
            "A version never changes: later deploys and builds do not reach it. Call it with ?qualifier=N, or name it"
                    + " with an alias (sluice alias set)."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class PublishCommand extends ClientCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    TokenOptions tokenOptions = new TokenOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "the function to publish")
    @SuppressWarnings("NullAway.Init")
    String name;

    @Option(
            names = {"-d", "--description"},
            paramLabel = "TEXT",
            description = "what this version is, e.g. \"fix the empty list after a cold start\"")
    String description = "";

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(Map.of("description", description));
        HttpResponse<byte[]> response = client.send(
                "POST",
                "/system/functions/" + GatewayClient.encode(name) + "/versions",
                tokenOptions.token(platform),
                body);
        if (!answered(response, 201, surroundings)) {
            return Main.EXIT_FAILURE;
        }
        Console console = surroundings.console();
        JsonNode version = GatewayClient.json(response);
        console.say(
                "published " + name + " version " + version.path("versionId").asText() + "; call it with" + " /invoke/"
                        + name + "?qualifier=" + version.path("versionId").asText());
        return 0;
    }
}
