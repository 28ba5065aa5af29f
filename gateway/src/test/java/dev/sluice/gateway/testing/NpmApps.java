package dev.sluice.gateway.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node.js test apps with real npm dependencies, as their users deploy them: the app's sources copied under {@code
 * target/npm-apps/} and {@code npm ci} run there from its lock file. Installed once per lock file: a later run with
 * the same lock reuses {@code node_modules} (and npm's own cache makes a new install quick).
 */
public final class NpmApps {
    private static final Path ROOT = Path.of("target", "npm-apps").toAbsolutePath();

    private NpmApps() {}

    /** Returns the directory of the installed app {@code name} from {@code testing/nodejs/name}. */
    public static synchronized Path installed(String name) throws IOException, InterruptedException {
        Path source = TestFunctions.nodeFunctions().resolve(name);
        Path app = ROOT.resolve(name);
        String lock = sha256(Files.readAllBytes(source.resolve("package-lock.json")));
        Path stamp = app.resolve(".installed-lock");
        copySources(source, app);
        if (Files.exists(stamp)
                && Files.readString(stamp).equals(lock)
                && Files.isDirectory(app.resolve("node_modules"))) {
            return app;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--omit=dev")
                .directory(app.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed in " + app + ":\n" + output);
        }
        Files.writeString(stamp, lock);
        return app;
    }

    private static void copySources(Path source, Path app) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("node_modules")) {
                    continue;
                }
                Path target = app.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
