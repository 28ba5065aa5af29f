package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.config.source.ConfigProblem;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sluice deploy -f FILE}: replaces what a running gateway has deployed with a functions.yml. */
@Command(
        name = "deploy",
        mixinStandardHelpOptions = true,
        description = {
            "Deploy a functions.yml (or a Fun template.yml) to a running gateway, in place of what it runs.",
            "Functions left out are drained and removed; unchanged ones keep their warm instances.",
            "Relative code: paths resolve against the directory the gateway was started in."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class DeployCommand extends ClientCommand {
    @Mixin
    TokenOptions tokenOptions = new TokenOptions();

    @Option(
            names = {"-f", "--file"},
            required = true,
            paramLabel = "FILE",
            description = "the document to deploy")
    @SuppressWarnings("NullAway.Init")
    Path file;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        byte[] document = read(file);
        String token = tokenOptions.token(platform);
        HttpResponse<byte[]> response = client.send("PUT", "/system/functions", token, document);
        Console console = surroundings.console();
        if (response.statusCode() == 200) {
            console.say("deployed " + file + " to " + client.base() + ": " + deployed(GatewayClient.json(response)));
            return 0;
        }
        JsonNode problems = GatewayClient.json(response).path("problems");
        if (response.statusCode() == 400 && problems.isArray() && !problems.isEmpty()) {
            for (String line : problemLines(file.toString(), problems)) {
                console.problem(line);
            }
            int count = problems.size();
            console.problem(count + (count == 1 ? " problem" : " problems") + "; nothing was deployed.");
            return Main.EXIT_BAD_INPUT;
        }
        console.problem(prefix() + GatewayClient.problem(response));
        return response.statusCode() == 400 ? Main.EXIT_BAD_INPUT : Main.EXIT_FAILURE;
    }

    /** Returns the problems of a 400 body as {@code file:line:col: path: message} lines, naming the user's file. */
    static List<String> problemLines(String source, JsonNode problems) {
        List<String> lines = new ArrayList<>();
        for (JsonNode problem : problems) {
            lines.add(new ConfigProblem(
                            source,
                            Math.max(0, problem.path("line").asInt(0)),
                            Math.max(0, problem.path("column").asInt(0)),
                            problem.path("path").asText(""),
                            problem.path("message").asText(""))
                    .toString());
        }
        return lines;
    }

    /** Returns what a deploy answered as {@code hello, web (services: todo-db)}. */
    static String deployed(JsonNode list) {
        List<String> functions = new ArrayList<>();
        list.path("functions").forEach(f -> functions.add(f.path("name").asText()));
        List<String> services = new ArrayList<>();
        list.path("services").forEach(s -> services.add(s.path("name").asText()));
        String names = functions.isEmpty() ? "no functions" : String.join(", ", functions);
        return services.isEmpty() ? names : names + " (services: " + String.join(", ", services) + ")";
    }

    private static byte[] read(Path file) throws BadInputException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": file not found");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e + ")");
        }
    }
}
