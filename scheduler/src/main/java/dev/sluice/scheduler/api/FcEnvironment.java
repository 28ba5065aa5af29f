package dev.sluice.scheduler.api;

import dev.sluice.config.function.FunctionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FC's {@code FC_*} environment of an instance of a function, as FC's runtimes read it: the function's name,
 * handler, initializer and limits, where the code is, the port, and the service, region, account and qualifier. One
 * place for the contract, which Sluice's instances get and the images {@code sluice export} builds carry.
 */
public final class FcEnvironment {
    /** Where an instance finds its code. */
    public static final String CODE_PATH = "/code";

    private FcEnvironment() {}

    /**
     * Returns the FC variables of an instance of {@code function} listening on {@code port}, serving {@code
     * qualifier} ({@code LATEST} or a version's id); {@code FC_INSTANCE_ID} is the instance's, added by the caller.
     */
    public static Map<String, String> of(FunctionSpec function, int port, String qualifier) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FC_FUNCTION_NAME", function.name());
        env.put("FC_FUNCTION_HANDLER", function.handler());
        String initializer = function.initializer();
        if (initializer != null) {
            env.put("FC_FUNCTION_INITIALIZER", initializer);
            env.put("FC_INITIALIZER_HANDLER", initializer);
            env.put(
                    "FC_INITIALIZATION_TIMEOUT",
                    Long.toString(function.initializationTimeout().toSeconds()));
        }
        env.put("FC_RUNTIME", function.runtime().id());
        env.put("FC_TIMEOUT", Long.toString(function.timeout().toSeconds()));
        env.put("FC_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("FC_FUNC_CODE_PATH", CODE_PATH + "/");
        env.put("FC_SERVER_PORT", Integer.toString(port));
        env.put("FC_CUSTOM_LISTEN_PORT", Integer.toString(port));
        env.put("FC_SERVICE_NAME", "sluice");
        env.put("FC_REGION", "local");
        env.put("FC_ACCOUNT_ID", "local");
        env.put("FC_QUALIFIER", qualifier);
        return env;
    }
}
