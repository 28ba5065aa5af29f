package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice ls}: the deployed functions and services of a running gateway, as tables. */
@Command(
        name = "ls",
        mixinStandardHelpOptions = true,
        description =
                "List the deployed functions (instances ready/total, slots in use, queued requests) and services.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class LsCommand extends ClientCommand {
    @Option(names = "--json", description = "print the gateway's JSON (GET /system/functions) as it is")
    boolean json;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws GatewayUnreachableException, IOException, InterruptedException {
        HttpResponse<byte[]> response = client.get("/system/functions");
        Console console = surroundings.console();
        if (response.statusCode() != 200) {
            console.problem(prefix() + GatewayClient.problem(response));
            return Main.EXIT_FAILURE;
        }
        if (json) {
            console.say(GatewayClient.text(response));
        } else {
            render(GatewayClient.json(response)).forEach(console::say);
        }
        return 0;
    }

    /** Returns the tables for a {@code GET /system/functions} body. */
    static List<String> render(JsonNode list) {
        List<String> lines = new ArrayList<>();
        JsonNode functions = list.path("functions");
        if (functions.isEmpty()) {
            lines.add("no functions deployed");
        } else {
            TextTable table = new TextTable("FUNCTION", "RUNTIME", "INSTANCES", "IN USE", "QUEUED");
            for (JsonNode function : functions) {
                int ready = 0;
                int inUse = 0;
                int slots = 0;
                for (JsonNode instance : function.path("instances")) {
                    ready += instance.path("state").asText().equals("READY") ? 1 : 0;
                    inUse += instance.path("slotsInUse").asInt();
                    slots += instance.path("slots").asInt();
                }
                table.row(
                        function.path("name").asText(),
                        function.path("runtime").asText(),
                        ready + "/" + function.path("instances").size(),
                        inUse + "/" + slots,
                        String.valueOf(function.path("queued").asInt()));
            }
            lines.addAll(table.lines());
        }
        JsonNode services = list.path("services");
        if (!services.isEmpty()) {
            TextTable table = new TextTable("SERVICE", "STATE", "ENDPOINT");
            for (JsonNode service : services) {
                table.row(
                        service.path("name").asText(),
                        service.path("state").asText(),
                        service.path("endpoint").asText("-"));
            }
            lines.add("");
            lines.addAll(table.lines());
        }
        return lines;
    }
}
