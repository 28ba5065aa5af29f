package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.FunctionComputeLogger.Level;
import com.aliyun.fc.runtime.PreFreezeHandler;
import com.aliyun.fc.runtime.PreStopHandler;
import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One container's function: the handler and initializer it is bound to, its resolved handler, and the initializer's
 * single run. Every method may be called by any number of HTTP worker threads at once.
 *
 * <p>Binding: the environment names handler and initializer; when it does not (a pre-started "stem cell"), the
 * first call's {@code x-fc-function-*} headers do, and later calls must agree with that first call.
 */
final class FunctionHost implements AutoCloseable {
    private final RuntimeConfig config;
    private final LogWriter log;
    private final FunctionCode code;
    private final InitOnce init = new InitOnce();
    /** FC's logger level belongs to the instance; the default shows everything, as a local tool should. */
    private final AtomicReference<Level> logLevel = new AtomicReference<>(Level.TRACE);

    private @Nullable String boundHandler; // guarded by this
    private @Nullable String boundInitializer; // guarded by this

    private final Object resolveLock = new Object();
    /** The resolved handler; written once under {@code resolveLock}, since the bound handler never changes. */
    private volatile @Nullable ResolvedHandler handler;

    FunctionHost(RuntimeConfig config, LogWriter log, ClassLoader runtimeLoader) {
        this.config = config;
        this.log = log;
        this.code = new FunctionCode(config.codePath(), runtimeLoader);
    }

    /** Runs the handler on one event and returns its result; refuses while a configured initializer has not succeeded. */
    byte[] invoke(Headers headers, String requestId, byte[] event) throws Exception {
        Call call = startCall(headers, requestId);
        ClassLoader previous = enterFunctionLoader();
        try {
            return handler(call.handler()).events().invoke(event, call.context());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /**
     * Runs the handler on one HTTP-trigger request, which it answers through {@code response}; refuses, as
     * {@link #invoke} does, while a configured initializer has not succeeded.
     */
    void httpInvoke(Headers headers, String requestId, TriggerRequest request, TriggerResponse response)
            throws Exception {
        Call call = startCall(headers, requestId);
        ClassLoader previous = enterFunctionLoader();
        try {
            handler(call.handler()).http().invoke(request, response, call.context());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** Runs the initializer unless it has already run; throws its failure, the same one on every call. */
    void initialize(Headers headers, String requestId) throws Exception {
        FunctionNames names = bind(headers);
        String initializer = names.initializer();
        if (initializer == null) {
            return;
        }
        CallContext context = context(headers, requestId, names, true);
        // An anonymous class, not a lambda: the first lambda of a JVM costs a cold start ~20 ms.
        init.run(new InitOnce.Task() {
            @Override
            public void run() throws Exception {
                callContextMethod(HandlerName.parse("initializer", initializer), context);
            }
        });
    }

    /**
     * Runs a lifecycle hook: the method the hook's header names, else the handler's {@code PreStopHandler} or
     * {@code PreFreezeHandler} implementation if its instance exists. Does nothing if there is neither.
     */
    void lifecycle(Headers headers, String requestId, LifecycleHook hook) throws Exception {
        FunctionNames names = bind(headers);
        CallContext context = context(headers, requestId, names, false);
        String named = RuntimeConfig.nonBlank(headers.getFirst(hook.header()));
        if (named != null) {
            callContextMethod(HandlerName.parse(hook.label(), named), context);
            return;
        }
        String handlerName = names.handler();
        Object instance = handlerName == null
                ? null
                : code.existingInstance(
                        HandlerName.parse("handler", handlerName).className());
        ClassLoader previous = enterFunctionLoader();
        try {
            if (hook == LifecycleHook.PRE_STOP && instance instanceof PreStopHandler preStop) {
                preStop.preStop(context);
            } else if (hook == LifecycleHook.PRE_FREEZE && instance instanceof PreFreezeHandler preFreeze) {
                preFreeze.preFreeze(context);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws IOException {
        code.close();
    }

    private void callContextMethod(HandlerName name, CallContext context) throws Exception {
        ClassLoader previous = enterFunctionLoader();
        try {
            HandlerMethods.contextMethod(code, name).call(context);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** What every handler call checks and needs first: the handler's name, the initializer gate, the context. */
    private Call startCall(Headers headers, String requestId) throws InitializationException {
        FunctionNames names = bind(headers);
        String handlerName = names.handler();
        if (handlerName == null) {
            throw new IllegalStateException(
                    "no handler configured: set FC_FUNCTION_HANDLER or send the x-fc-function-handler header");
        }
        if (names.initializer() != null) {
            init.requireSucceeded(names.initializer());
        }
        return new Call(handlerName, context(headers, requestId, names, false));
    }

    private ResolvedHandler handler(String handlerName) throws Exception {
        ResolvedHandler resolved = handler;
        if (resolved != null) {
            return resolved;
        }
        synchronized (resolveLock) {
            resolved = handler;
            if (resolved == null) {
                resolved = HandlerMethods.handler(code, HandlerName.parse("handler", handlerName));
                handler = resolved;
            }
            return resolved;
        }
    }

    /** Makes the function's loader the context loader (libraries like JDBC and ServiceLoader look there). */
    private ClassLoader enterFunctionLoader() throws IOException {
        ClassLoader functionLoader = code.loader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(functionLoader);
        return previous;
    }

    private CallContext context(Headers headers, String requestId, FunctionNames names, boolean initializing) {
        FunctionLogger logger = new FunctionLogger(log, requestId, logLevel);
        return new CallContext(headers, requestId, config, names, initializing, logger);
    }

    private synchronized FunctionNames bind(Headers headers) {
        boundHandler = bindOne("handler", config.handler(), boundHandler, headers.getFirst("x-fc-function-handler"));
        boundInitializer = bindOne(
                "initializer", config.initializer(), boundInitializer, headers.getFirst("x-fc-function-initializer"));
        return new FunctionNames(boundHandler, boundInitializer);
    }

    private static @Nullable String bindOne(
            String what, @Nullable String fromEnv, @Nullable String bound, @Nullable String header) {
        if (fromEnv != null) {
            return fromEnv; // the environment is authoritative; headers only bind a container started without it
        }
        String asked = RuntimeConfig.nonBlank(header);
        if (bound == null || asked == null || asked.equals(bound)) {
            return bound == null ? asked : bound;
        }
        throw new IllegalStateException(
                "this instance is bound to " + what + " " + bound + " by its first call, but this call names " + asked);
    }

    /** A handler call that passed the checks: the handler to run and its context. */
    private record Call(String handler, CallContext context) {}
}
