package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice versions ls|rm}: a function's published versions. */
@Command(
        name = "versions",
        mixinStandardHelpOptions = true,
        description = "List or delete a function's published versions (sluice publish makes them).",
        subcommands = {VersionsCommand.Ls.class, VersionsCommand.Rm.class})
final class VersionsCommand extends CommandGroup {

    /** {@code sluice versions ls NAME}. */
    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "List NAME's versions, oldest first (GET /system/functions/NAME/versions).",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
    static final class Ls extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the function")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Override
        int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
                throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
            HttpResponse<byte[]> response = client.get("/system/functions/" + GatewayClient.encode(name) + "/versions");
            if (!answered(response, 200, surroundings)) {
                return Main.EXIT_FAILURE;
            }
            Console console = surroundings.console();
            TextTable table = new TextTable("VERSION", "CREATED", "CODE", "DESCRIPTION");
            for (JsonNode version : GatewayClient.json(response)) {
                String sha = version.path("codeSha256").asText();
                table.row(
                        version.path("versionId").asText(),
                        version.path("createdTime").asText(),
                        sha.length() > 12 ? sha.substring(0, 12) : sha,
                        version.path("description").asText());
            }
            table.lines().forEach(console::say);
            return 0;
        }
    }

    /** {@code sluice versions rm NAME ID}. */
    @Command(
            name = "rm",
            mixinStandardHelpOptions = true,
            description = {
                "Delete version ID of NAME (DELETE /system/functions/NAME/versions/ID).",
                "Refused while an alias sends it calls; its instances drain, then its code copy goes."
            },
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
    static final class Rm extends ClientCommand {
        @Mixin
        TokenOptions tokenOptions = new TokenOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "the function")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Parameters(index = "1", paramLabel = "ID", description = "the version, e.g. 2")
        @SuppressWarnings("NullAway.Init")
        String id;

        @Override
        int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
                throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
            HttpResponse<byte[]> response = client.send(
                    "DELETE",
                    "/system/functions/" + GatewayClient.encode(name) + "/versions/" + GatewayClient.encode(id),
                    tokenOptions.token(platform),
                    new byte[0]);
            if (!answered(response, 200, surroundings)) {
                return Main.EXIT_FAILURE;
            }
            Console console = surroundings.console();
            console.say("deleted " + name + " version " + id);
            return 0;
        }
    }
}
