package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Finds a function's methods by name and shape, once per container; the results are cached by {@link
 * FunctionHost}.
 */
final class HandlerMethods {
    private HandlerMethods() {}

    /**
     * Resolves the handler {@code name}: a public method of that name shaped {@code (InputStream, OutputStream,
     * Context)} (preferred, as {@code StreamRequestHandler}) or {@code (I, Context)} (as {@code PojoRequestHandler})
     * for events, and/or {@code (HttpServletRequest, HttpServletResponse, Context)} (as {@code HttpRequestHandler})
     * for HTTP triggers.
     */
    static ResolvedHandler handler(FunctionCode code, HandlerName name) throws Exception {
        Class<?> type = code.load(name.className());
        Method stream = null;
        Method pojo = null;
        Method http = null;
        for (Method method : candidates(type, name.method())) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 3 && params[2] == Context.class) {
                if (params[0] == InputStream.class && params[1] == OutputStream.class) {
                    stream = method;
                } else if (params[0] == HttpServletRequest.class && params[1] == HttpServletResponse.class) {
                    http = method;
                }
            } else if (params.length == 2 && params[1] == Context.class && pojo == null) {
                pojo = method;
            }
        }
        Invoker events = null;
        if (stream != null) {
            events = new StreamInvoker(target(code, type, stream), stream);
        } else if (pojo != null) {
            events = new PojoInvoker(target(code, type, pojo), pojo);
        }
        HttpInvoker httpInvoker = http == null ? null : new HttpInvoker(target(code, type, http), http);
        if (events == null && httpInvoker == null) {
            throw noSuchMethod(type, name, ResolvedHandler.EVENT_SHAPES + " or " + ResolvedHandler.HTTP_SHAPE);
        }
        return new ResolvedHandler(name.toString(), events, httpInvoker);
    }

    /**
     * Returns the {@code (Context)}-shaped method {@code name}, bound to the class's shared instance: the shape of
     * {@code FunctionInitializer.initialize} and of the pre-stop and pre-freeze hooks.
     */
    static ContextMethod contextMethod(FunctionCode code, HandlerName name) throws Exception {
        Class<?> type = code.load(name.className());
        for (Method method : candidates(type, name.method())) {
            Class<?>[] params = method.getParameterTypes();
            if (params.length == 1 && params[0] == Context.class) {
                return new ContextMethod(target(code, type, method), method);
            }
        }
        throw noSuchMethod(type, name, "(Context)");
    }

    /** Public methods named {@code methodName}, without the bridges that generic interfaces add. */
    private static List<Method> candidates(Class<?> type, String methodName) {
        List<Method> methods = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(methodName) && !method.isBridge() && !method.isSynthetic()) {
                // The class itself may be package-private even though the method is public.
                method.setAccessible(true);
                methods.add(method);
            }
        }
        return methods;
    }

    /** The handler class's shared instance (not the declaring class's: that may be an abstract superclass). */
    private static @Nullable Object target(FunctionCode code, Class<?> type, Method method)
            throws ReflectiveOperationException {
        return Modifier.isStatic(method.getModifiers()) ? null : code.instance(type);
    }

    private static NoSuchMethodException noSuchMethod(Class<?> type, HandlerName name, String shapes) {
        StringBuilder message = new StringBuilder()
                .append(type.getName())
                .append(" has no public method ")
                .append(name.method())
                .append(shapes);
        List<String> others = new ArrayList<>();
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name.method())) {
                others.add(method.toGenericString());
            }
        }
        if (!others.isEmpty()) {
            message.append("; found ").append(String.join(", ", others));
        }
        return new NoSuchMethodException(message.toString());
    }
}
