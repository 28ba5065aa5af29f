package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.scheduler.api.FcError;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice invoke NAME}: one event invocation, its result on stdout. */
@Command(
        name = "invoke",
        mixinStandardHelpOptions = true,
        description = {
            "Invoke a function with an event (POST /invoke/NAME) and print its result.",
            "Without -d the event is read from stdin, unless stdin is a terminal: then it is empty.",
            "A platform error or a function error is printed to stderr as `ErrorType: message` and exits 1."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_4_HELP})
final class InvokeCommand extends ClientCommand {
    static final String FUNCTION_ERROR = FcError.UNHANDLED_INVOCATION_ERROR.type();

    @Parameters(index = "0", paramLabel = "NAME", description = "the function")
    @SuppressWarnings("NullAway.Init")
    String name;

    @Option(
            names = {"-d", "--data"},
            paramLabel = "DATA",
            description = "the event: text as it is, @FILE for a file's bytes, @- for stdin")
    @Nullable
    String data;

    @Option(
            names = {"-q", "--qualifier"},
            paramLabel = "Q",
            description = "the version (2) or alias (prod) to call; LATEST, what is deployed, by default")
    @Nullable
    String qualifier;

    @Override
    int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException {
        byte[] event = event(surroundings);
        String path = "/invoke/" + GatewayClient.encode(name)
                + (qualifier == null ? "" : "?qualifier=" + GatewayClient.encode(qualifier));
        HttpResponse<byte[]> response = client.send("POST", path, null, event);
        Console console = surroundings.console();
        Optional<String> errorType = response.headers().firstValue("X-Fc-Error-Type");
        if (errorType.isPresent()) {
            errorLines(errorType.get(), response).forEach(console::problem);
            return Main.EXIT_FAILURE;
        }
        byte[] result = response.body();
        console.write(result);
        // A person at a terminal gets the prompt on its own line; a pipe gets the result's bytes exactly.
        if (surroundings.stdoutIsTerminal() && result.length > 0 && result[result.length - 1] != '\n') {
            console.say("");
        }
        return 0;
    }

    private byte[] event(Surroundings surroundings) throws BadInputException, IOException {
        if (data == null) {
            return surroundings.stdinIsTerminal()
                    ? new byte[0]
                    : surroundings.stdin().readAllBytes();
        }
        if (data.equals("@-")) {
            return surroundings.stdin().readAllBytes();
        }
        if (data.startsWith("@")) {
            Path file = Path.of(data.substring(1));
            try {
                return Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new BadInputException("-d " + data + ": " + file + " not found");
            } catch (IOException e) {
                throw new BadInputException("-d " + data + ": " + file + " cannot be read (" + e + ")");
            }
        }
        return data.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the stderr lines for an error answer: {@code ErrorType: message}. For a function error the type is the
     * platform's, followed by the function's own exception and its stack trace, e.g. {@code
     * UnhandledInvocationError: ArithmeticException: / by zero}.
     */
    static List<String> errorLines(String errorType, HttpResponse<byte[]> response) {
        if (!errorType.equals(FUNCTION_ERROR)) {
            return List.of(GatewayClient.problem(response));
        }
        JsonNode body = GatewayClient.json(response);
        String thrown = body.path("errorType").asText("");
        String message = body.path("errorMessage").asText("");
        List<String> lines = new ArrayList<>();
        if (thrown.isEmpty() && message.isEmpty()) {
            lines.add(FUNCTION_ERROR + ": " + GatewayClient.text(response).strip());
            return lines;
        }
        lines.add(FUNCTION_ERROR + ": " + (thrown.isEmpty() ? message : thrown + ": " + message));
        body.path("stackTrace").forEach(frame -> lines.add("    " + frame.asText()));
        return lines;
    }
}
