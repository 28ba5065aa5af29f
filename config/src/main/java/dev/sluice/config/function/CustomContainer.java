package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What a {@code custom-container} function runs: a user's image that is already on this machine (Sluice never
 * pulls), the port its server listens on (FC's {@code CAPort}), and optionally the entrypoint and arguments that
 * replace the image's own (FC's {@code Command} and {@code Args}).
 *
 * @param image the local image, e.g. {@code my/echo:1}
 * @param port the port the server in the container listens on, 1..65535
 * @param command replaces the image's entrypoint when not empty
 * @param args replaces the image's command when not empty
 */
public record CustomContainer(String image, int port, List<String> command, List<String> args) {

    public CustomContainer {
        requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("image: \"\" (expected: an image name)");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
        command = List.copyOf(command);
        args = List.copyOf(args);
    }
}
