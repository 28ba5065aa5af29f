package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice alias set|ls|rm}: names for versions, and the gray-release split between them. */
@Command(
        name = "alias",
        mixinStandardHelpOptions = true,
        description = "Set, list or delete a function's aliases: names for versions, optionally sending a share of"
                + " their calls to other versions (a gray release).",
        subcommands = {AliasCommand.Set.class, AliasCommand.Ls.class, AliasCommand.Rm.class})
final class AliasCommand extends CommandGroup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String path(String name) {
        return "/system/functions/" + GatewayClient.encode(name) + "/aliases";
    }

    /** {@code sluice alias set NAME ALIAS --version V [--weight V2=10%]}. */
    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Create or replace ALIAS of NAME (PUT /system/functions/NAME/aliases/ALIAS).",
                "Its calls go to --version, but for the shares --weight gives other versions: --weight 2=10% sends"
                        + " version 2 one call in ten, exactly, over every ten calls."
            },
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
    static final class Set extends ClientCommand {
        @Mixin
        TokenOptions tokenOptions = new TokenOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "the function")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS", description = "the alias, e.g. prod")
        @SuppressWarnings("NullAway.Init")
        String alias;

        @Option(names = "--version", required = true, paramLabel = "V", description = "the version the alias names")
        @SuppressWarnings("NullAway.Init")
        String version;

        @Option(
                names = "--weight",
                paramLabel = "V2=SHARE",
                description = "another version and its share of the calls: 10% or 0.1; repeatable")
        List<String> weights = new ArrayList<>();

        @Option(
                names = {"-d", "--description"},
                paramLabel = "TEXT",
                description = "what the alias is for")
        String description = "";

        @Override
        int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
                throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("versionId", version);
            body.put("additionalVersionWeight", weights(weights));
            body.put("description", description);
            HttpResponse<byte[]> response = client.send(
                    "PUT",
                    path(name) + "/" + GatewayClient.encode(alias),
                    tokenOptions.token(platform),
                    JSON.writeValueAsBytes(body));
            if (!answered(response, 200, surroundings)) {
                return Main.EXIT_FAILURE;
            }
            Console console = surroundings.console();
            console.say(name + " " + alias + " -> " + split(GatewayClient.json(response)));
            return 0;
        }

        /** Returns each {@code V=SHARE} as version to share from 0 to 1. */
        static Map<String, Double> weights(List<String> weights) throws BadInputException {
            Map<String, Double> shares = new LinkedHashMap<>();
            for (String weight : weights) {
                int eq = weight.indexOf('=');
                String share = eq < 0 ? "" : weight.substring(eq + 1).strip();
                try {
                    if (eq <= 0 || share.isEmpty()) {
                        throw new NumberFormatException();
                    }
                    double value = share.endsWith("%")
                            ? Double.parseDouble(share.substring(0, share.length() - 1)) / 100
                            : Double.parseDouble(share);
                    shares.put(weight.substring(0, eq).strip(), value);
                } catch (NumberFormatException e) {
                    throw new BadInputException("--weight " + weight + ": expected VERSION=SHARE, the share as 10% or"
                            + " 0.1, e.g. --weight 2=10%");
                }
            }
            return shares;
        }
    }

    /** {@code sluice alias ls NAME}. */
    @Command(
            name = "ls",
            mixinStandardHelpOptions = true,
            description = "List NAME's aliases and their splits (GET /system/functions/NAME/aliases).",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
    static final class Ls extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the function")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Override
        int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
                throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
            HttpResponse<byte[]> response = client.get(path(name));
            if (!answered(response, 200, surroundings)) {
                return Main.EXIT_FAILURE;
            }
            Console console = surroundings.console();
            TextTable table = new TextTable("ALIAS", "SPLIT", "DESCRIPTION");
            for (JsonNode alias : GatewayClient.json(response)) {
                table.row(
                        alias.path("aliasName").asText(),
                        split(alias),
                        alias.path("description").asText());
            }
            table.lines().forEach(console::say);
            return 0;
        }
    }

    /** {@code sluice alias rm NAME ALIAS}. */
    @Command(
            name = "rm",
            mixinStandardHelpOptions = true,
            description = "Delete ALIAS of NAME (DELETE /system/functions/NAME/aliases/ALIAS).",
            exitCodeListHeading = "%nExit status:%n",
            exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
    static final class Rm extends ClientCommand {
        @Mixin
        TokenOptions tokenOptions = new TokenOptions();

        @Parameters(index = "0", paramLabel = "NAME", description = "the function")
        @SuppressWarnings("NullAway.Init")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS", description = "the alias")
        @SuppressWarnings("NullAway.Init")
        String alias;

        @Override
        int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
                throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
            HttpResponse<byte[]> response = client.send(
                    "DELETE",
                    path(name) + "/" + GatewayClient.encode(alias),
                    tokenOptions.token(platform),
                    new byte[0]);
            if (!answered(response, 200, surroundings)) {
                return Main.EXIT_FAILURE;
            }
            Console console = surroundings.console();
            console.say("deleted alias " + alias + " of " + name);
            return 0;
        }
    }

    /** Returns an alias's split in words: {@code 1 90%, 2 10%}. */
    static String split(JsonNode alias) {
        double rest = 1;
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> weight :
                alias.path("additionalVersionWeight").properties()) {
            double share = weight.getValue().asDouble();
            rest -= share;
            parts.add("version " + weight.getKey() + " " + percent(share));
        }
        parts.add(0, "version " + alias.path("versionId").asText() + " " + percent(Math.max(0, rest)));
        return String.join(", ", parts);
    }

    private static String percent(double share) {
        double percent = Math.round(share * 10_000) / 100.0;
        return (percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent)) + "%";
    }
}
