package dev.sluice.gateway.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A pure-Python wheel made on the spot (PEP 427: a zip of the package and its {@code .dist-info}), and {@code pip
 * install -t} of it, the way an FC user installs a dependency next to the code. No index, no network.
 */
public final class PythonWheel {
    private PythonWheel() {}

    /** Writes {@code <name>-<version>-py3-none-any.whl} into {@code dir} holding {@code files} (path to source). */
    public static Path write(Path dir, String name, String version, Map<String, String> files) throws IOException {
        String info = name + "-" + version + ".dist-info/";
        Map<String, String> entries = new LinkedHashMap<>(new TreeMap<>(files));
        entries.put(info + "METADATA", "Metadata-Version: 2.1\nName: " + name + "\nVersion: " + version + "\n");
        entries.put(
                info + "WHEEL",
                "Wheel-Version: 1.0\nGenerator: sluice-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
        StringBuilder record = new StringBuilder();
        entries.forEach((path, text) -> record.append(path)
                .append(",sha256=")
                .append(sha256(text))
                .append(',')
                .append(text.getBytes(StandardCharsets.UTF_8).length)
                .append('\n'));
        entries.put(info + "RECORD", record.append(info).append("RECORD,,\n").toString());
        Path wheel = dir.resolve(name + "-" + version + "-py3-none-any.whl");
        try (OutputStream out = Files.newOutputStream(wheel);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return wheel;
    }

    /** Runs {@code python3 -m pip install --no-index -t target wheel} and fails with pip's output if it fails. */
    public static void pipInstall(Path wheel, Path target) throws IOException, InterruptedException {
        List<String> command = List.of(
                "python3",
                "-m",
                "pip",
                "install",
                "--no-index",
                "--no-deps",
                "--disable-pip-version-check",
                "--target",
                target.toString(),
                wheel.toString());
        Process pip = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(pip.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!pip.waitFor(120, TimeUnit.SECONDS) || pip.exitValue() != 0) {
            pip.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
