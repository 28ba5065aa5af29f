package dev.sluice.config.function;

import dev.sluice.config.source.YamlNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What an s.yaml says that Sluice does not use: the settings that only describe the cloud, gathered into one notice
 * ({@code s.yaml: cloud-only settings, ignored here: access (2:1), resources.hello.props.region (7:7)}), and other
 * notes, one line each, with their place.
 */
final class DevsNotes {
    private final String source;
    private final List<String> cloudOnly = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    DevsNotes(String source) {
        this.source = source;
    }

    /** Names the setting at {@code path} (written at {@code node}) as cloud-only. */
    void cloudOnly(YamlNode node, String path) {
        cloudOnly.add(path + " (" + node.line() + ":" + node.column() + ")");
    }

    /** Adds a note of its own on the setting at {@code path}. */
    void note(YamlNode node, String path, String message) {
        notes.add(source + ":" + node.line() + ":" + node.column() + ": " + path + ": " + message);
    }

    /** Returns the notices: the cloud-only settings in one line first, then the others. */
    List<String> list() {
        List<String> all = new ArrayList<>();
        if (!cloudOnly.isEmpty()) {
            all.add(source + ": cloud-only settings, ignored here: " + String.join(", ", cloudOnly));
        }
        all.addAll(notes);
        return all;
    }
}
