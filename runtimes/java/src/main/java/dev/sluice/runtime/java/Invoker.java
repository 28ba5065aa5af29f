package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;

/** Calls a function's resolved handler method with one event. Implementations are immutable and thread-safe. */
interface Invoker {
    /** Runs the handler on {@code event} and returns the bytes of its result. */
    byte[] invoke(byte[] event, Context context) throws Exception;
}
