package dev.sluice.runtime.java;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Adds variables to this process's environment, so that a stem cell (a runtime started before any function was
 * bound to it) gives the function the {@code System.getenv()} it was deployed with. The JDK offers no API for it:
 * this writes through the unmodifiable view that {@code System.getenv()} returns, into the JDK's own map, which is
 * also what child processes inherit. Needs {@code --add-opens java.base/java.util=ALL-UNNAMED} (the image's
 * entrypoint has it), as OpenWhisk's Java runtime does for the same reason.
 */
final class ProcessEnv {
    private ProcessEnv() {}

    /** Adds {@code variables} to the environment, replacing any with the same name. */
    static void putAll(Map<String, String> variables) throws ReflectiveOperationException {
        Map<String, String> view = System.getenv();
        Field backing = view.getClass().getDeclaredField("m");
        try {
            backing.setAccessible(true);
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "cannot set the function's environment: start the JVM with"
                            + " --add-opens java.base/java.util=ALL-UNNAMED",
                    e);
        }
        @SuppressWarnings("unchecked")
        Map<String, String> writable = (Map<String, String>) backing.get(view);
        writable.putAll(variables);
    }
}
