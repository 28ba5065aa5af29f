package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code sluice rm NAME}: removes one function from a running gateway's deployment. */
@Command(
        name = "rm",
        mixinStandardHelpOptions = true,
        description = {
            "Remove a function from the deployment (DELETE /system/functions/NAME).",
            "Its instances drain as after a deploy without it; other functions and the services are untouched."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class RmCommand extends ClientCommand {
    @Mixin
    TokenOptions tokenOptions = new TokenOptions();

    @Parameters(index = "0", paramLabel = "NAME", description = "the function to remove")
    @SuppressWarnings("NullAway.Init")
    String name;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        String token = tokenOptions.token(platform);
        HttpResponse<byte[]> response =
                client.send("DELETE", "/system/functions/" + GatewayClient.encode(name), token, new byte[0]);
        Console console = surroundings.console();
        if (response.statusCode() == 200) {
            console.say("removed " + name + "; its instances drain and go");
            return 0;
        }
        console.problem(prefix() + GatewayClient.problem(response));
        return Main.EXIT_FAILURE;
    }
}
