package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The option of commands that change the deployment: where the admin token is. */
final class TokenOptions {
    @Option(
            names = "--token-file",
            paramLabel = "FILE",
            description = "the admin token (default: $SLUICE_HOME/admin-token, i.e. ~/.sluice/admin-token)")
    @Nullable
    Path tokenFile;

    /**
     * Returns the admin token: the first line of {@code --token-file}, or else of {@code admin-token} in the state
     * directory, which {@code sluice up} writes on its first start.
     *
     * @throws BadInputException if the file is missing, unreadable or empty, saying which file and what to do
     */
    String token(PlatformConfig platform) throws BadInputException {
        Path file = tokenFile != null ? tokenFile : platform.home().resolve("admin-token");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(
                    "no admin token at " + file + ": `sluice up` writes it there on its first start;"
                            + " run it with the same SLUICE_HOME, or pass --token-file");
        } catch (IOException e) {
            throw new BadInputException("the admin token at " + file + " cannot be read (" + e + ")");
        }
        String token = text.lines().findFirst().orElse("").strip();
        if (token.isEmpty()) {
            throw new BadInputException("the admin token file " + file + " is empty: delete it and restart `sluice up`,"
                    + " which makes a new one");
        }
        return token;
    }
}
