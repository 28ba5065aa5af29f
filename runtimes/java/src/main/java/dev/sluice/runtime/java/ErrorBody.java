package dev.sluice.runtime.java;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a function error as the JSON body the platform expects.
 *
 * <p>The body carries both shapes: {@code errorMessage}/{@code errorType}/{@code stackTrace} (what FC shows callers)
 * and {@code message}/{@code stack} (FC's canonical custom-runtime body), so either kind of reader finds its keys.
 */
final class ErrorBody {
    /** Frames from here on belong to the runtime's reflective call, not to the function. */
    private static final String[] RUNTIME_FRAMES = {"jdk.internal.reflect.", "java.lang.reflect.", "dev.sluice.runtime."
    };

    private ErrorBody() {}

    /** Returns the JSON body for {@code failure}, after unwrapping reflection's wrapper. */
    static String of(Throwable failure) {
        Throwable error = unwrap(failure);
        String message = message(error);
        StringBuilder json = new StringBuilder(512).append("{\"errorMessage\":");
        JsonText.quote(json, message).append(",\"errorType\":");
        JsonText.quote(json, error.getClass().getSimpleName()).append(",\"stackTrace\":[");
        List<String> lines = stackLines(error);
        for (int i = 0; i < lines.size(); i++) {
            JsonText.quote(i == 0 ? json : json.append(','), lines.get(i));
        }
        json.append("],\"message\":");
        JsonText.quote(json, message).append(",\"stack\":");
        return JsonText.quote(json, fullTrace(error)).append('}').toString();
    }

    /** Returns what the function threw, not the {@link InvocationTargetException} that reflection wrapped it in. */
    static Throwable unwrap(Throwable failure) {
        Throwable error = failure;
        while (error instanceof InvocationTargetException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** Returns the exception's message, or its class name when it has none (a bare NullPointerException). */
    static String message(Throwable error) {
        String message = error.getMessage();
        return message == null ? error.getClass().getName() : message;
    }

    /** Returns {@code at ...} lines for the function's frames, then {@code Caused by:} sections for causes. */
    static List<String> stackLines(Throwable error) {
        List<String> lines = new ArrayList<>();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 10; depth++) {
            if (depth > 0) {
                lines.add("Caused by: " + current);
            }
            for (StackTraceElement frame : functionFrames(current.getStackTrace())) {
                lines.add("at " + frame);
            }
            current = current.getCause() == current ? null : current.getCause();
        }
        return lines;
    }

    /**
     * Cuts the trace where the runtime's reflective call begins: users want their own frames, not ours. Runtime frames
     * on top are kept when function frames follow them (a servlet adapter refusing what the handler asked for shows
     * where it refused, then the handler's line). A trace with no function frames (the handler class was not found)
     * is kept whole.
     */
    private static List<StackTraceElement> functionFrames(StackTraceElement[] frames) {
        int first = 0;
        while (first < frames.length && isRuntimeFrame(frames[first].getClassName())) {
            first++;
        }
        for (int i = first + 1; i < frames.length; i++) {
            if (isRuntimeFrame(frames[i].getClassName())) {
                return List.of(frames).subList(0, i);
            }
        }
        return List.of(frames);
    }

    private static boolean isRuntimeFrame(String className) {
        for (String prefix : RUNTIME_FRAMES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String fullTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        try (PrintWriter out = new PrintWriter(trace)) {
            error.printStackTrace(out);
        }
        return trace.toString();
    }
}
