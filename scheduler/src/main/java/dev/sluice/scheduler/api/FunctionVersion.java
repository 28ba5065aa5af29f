package dev.sluice.scheduler.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.config.function.FunctionSpec;
import java.time.Instant;

/**
 * A published version of a function: its code and configuration as they were deployed when it was published, never
 * changed after (FC's {@code PublishFunctionVersion}).
 *
 * @param function the function's name
 * @param id the version's id: {@code 1}, {@code 2}, ... in publishing order, never reused
 * @param description what the publisher said of it, possibly empty
 * @param createdAt when it was published
 * @param spec what its instances run; its code is the version's own copy
 * @param codeSha256 the SHA-256 of the code as published (of the file, or of a directory's paths and contents)
 */
public record FunctionVersion(
        String function, String id, String description, Instant createdAt, FunctionSpec spec, String codeSha256) {
    public FunctionVersion {
        requireNonNull(function, "function");
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(createdAt, "createdAt");
        requireNonNull(spec, "spec");
        requireNonNull(codeSha256, "codeSha256");
    }
}
