package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Calls a {@code handleRequest(I, Context)}-shaped method, converting the event to {@code I} and the result back.
 *
 * <p>Strings bypass JSON in both directions (a raw-text event reaches a {@code String} parameter as-is; a returned
 * {@code String} is written as-is), so a String-to-String handler never pays for loading Jackson. Other types go
 * through {@link PojoCodec}.
 */
final class PojoInvoker implements Invoker {
    private final @Nullable Object target;
    private final Method method;
    private final Type inputType;

    PojoInvoker(@Nullable Object target, Method method) {
        this.target = target;
        this.method = method;
        this.inputType = method.getGenericParameterTypes()[0];
    }

    @Override
    public byte[] invoke(byte[] event, Context context) throws Exception {
        Object output = method.invoke(target, input(event), context);
        if (output == null) {
            return new byte[0];
        }
        if (output instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return PojoCodec.write(output);
    }

    private @Nullable Object input(byte[] event) throws Exception {
        if (inputType == String.class) {
            String text = new String(event, StandardCharsets.UTF_8);
            return isJsonStringLiteral(text) ? PojoCodec.readString(text) : text;
        }
        return event.length == 0 ? null : PojoCodec.read(event, inputType);
    }

    private static boolean isJsonStringLiteral(String text) {
        String trimmed = text.strip();
        return trimmed.length() >= 2 && trimmed.charAt(0) == '"' && trimmed.charAt(trimmed.length() - 1) == '"';
    }
}
