package dev.sluice.gateway.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.scheduler.api.AtomicFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The deployment made through the API, kept in {@code $SLUICE_HOME/deployment/deployment.json} so that a gateway
 * that crashed brings it back at its next start.
 *
 * <p>The file exists only while the running deployment differs from the startup file because of the API (a {@code
 * PUT}, a {@code DELETE}); {@code sluice up} removes it when it starts from the file alone. It is one JSON object
 * holding a {@link SavedDeployment}: the document's text as sent, its source name and base directory, the functions
 * removed since, the startup file's path and SHA-256, and the time. Readable by its owner only: documents may carry
 * environment values.
 *
 * <p>Writes are atomic: the JSON goes to a temporary file in the same directory, which is forced to disk and then
 * moved over the old file in one step, and the directory is forced too; a crash at any moment leaves the old file or
 * the new one, never a mix. A temporary file left by such a crash is ignored and removed by the next write.
 *
 * <p>Not thread-safe: one {@link Deployer} writes, under its lock, and {@code sluice up} reads before it starts one.
 * The state directory's lock keeps other gateways out.
 */
public final class DeploymentStore {
    private static final int FORMAT = 1;
    private static final String NAME = "deployment.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    /** Returns the store of the state directory {@code home}. */
    public DeploymentStore(Path home) {
        this.file = home.toAbsolutePath().normalize().resolve("deployment").resolve(NAME);
    }

    /** Returns the file the deployment is kept in. */
    public Path file() {
        return file;
    }

    /**
     * Returns the kept deployment, or empty if there is none.
     *
     * @throws IOException if the file cannot be read or is not one this store wrote; the message names it
     */
    public Optional<SavedDeployment> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw malformed("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject() || root.path("format").asInt() != FORMAT) {
            throw malformed("not a deployment of format " + FORMAT);
        }
        List<String> removed = new ArrayList<>();
        for (JsonNode name : root.path("removed")) {
            removed.add(name.asText());
        }
        try {
            return Optional.of(new SavedDeployment(
                    text(root, "text"),
                    text(root, "source"),
                    Path.of(text(root, "baseDir")),
                    removed,
                    new StartupFile(Path.of(text(root, "startupFile")), text(root, "startupFileSha256")),
                    Instant.parse(text(root, "savedAt"))));
        } catch (DateTimeParseException e) {
            throw malformed("savedAt is not a time (" + e.getMessage() + ")");
        }
    }

    /** Replaces the kept deployment with {@code deployment}, atomically (see the class comment). */
    public void write(SavedDeployment deployment) throws IOException {
        AtomicFile.write(file, JSON.writeValueAsBytes(json(deployment)));
    }

    /** Removes the kept deployment, if any: the next start deploys the startup file alone. */
    public void delete() throws IOException {
        AtomicFile.delete(file);
    }

    private static ObjectNode json(SavedDeployment deployment) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("savedAt", deployment.savedAt().toString());
        root.put("startupFile", deployment.startup().path().toString());
        root.put("startupFileSha256", deployment.startup().sha256());
        root.put("source", deployment.source());
        root.put("baseDir", deployment.baseDir().toString());
        ArrayNode removed = root.putArray("removed");
        deployment.removed().forEach(removed::add);
        root.put("text", deployment.text());
        return root;
    }

    private String text(JsonNode root, String field) throws IOException {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("no \"" + field + "\" text");
        }
        return value.asText();
    }

    private IOException malformed(String problem) {
        return new IOException(file + ": " + problem + " (expected: a deployment this version of Sluice kept)");
    }
}
