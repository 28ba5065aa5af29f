package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * A resolved {@code (Context)}-shaped function method (an initializer or a lifecycle hook) and the instance it
 * runs on, or null for a static method.
 */
record ContextMethod(@Nullable Object target, Method method) {
    /** Calls the method; what it throws arrives wrapped in an {@code InvocationTargetException}. */
    void call(Context context) throws ReflectiveOperationException {
        method.invoke(target, context);
    }
}
