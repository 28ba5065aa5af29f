package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.FunctionParam;

/** The function's parameters as one call sees them. */
record CallFunctionParam(String name, String handler, String initializer, int timeLimitMillis, int memoryMb)
        implements FunctionParam {
    @Override
    public String getFunctionName() {
        return name;
    }

    @Override
    public String getFunctionHandler() {
        return handler;
    }

    @Override
    public String getFunctionInitializer() {
        return initializer;
    }

    @Override
    public int getExecTimeLimitInMillis() {
        return timeLimitMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }
}
