package dev.sluice.runtime.java;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The function's code: its class loader, created on first use, and the one instance per class that handler,
 * initializer and lifecycle hooks share (FC creates one object per container and reuses it for every call).
 */
final class FunctionCode implements AutoCloseable {
    private final Path codePath;
    private final ClassLoader runtimeLoader;

    /** Created on the first call, never at startup: a cold start should pay only for listening. */
    private @Nullable URLClassLoader loader; // guarded by this

    private final Map<Class<?>, Object> instances = new HashMap<>(); // guarded by this

    FunctionCode(Path codePath, ClassLoader runtimeLoader) {
        this.codePath = codePath;
        this.runtimeLoader = runtimeLoader;
    }

    /** Returns the function class loader, creating it over the code path on first use. */
    synchronized ClassLoader loader() throws IOException {
        URLClassLoader current = loader;
        if (current == null) {
            current = FunctionClassLoader.create(codePath, runtimeLoader);
            loader = current;
        }
        return current;
    }

    /** Loads and initializes {@code className} from the function's code. */
    Class<?> load(String className) throws IOException, ClassNotFoundException {
        try {
            return Class.forName(className, true, loader());
        } catch (ClassNotFoundException e) {
            throw new ClassNotFoundException("class " + className + " not found in " + codePath, e);
        }
    }

    /** Returns the instance of {@code type}, creating it with its no-argument constructor on first use. */
    synchronized Object instance(Class<?> type) throws ReflectiveOperationException {
        Object existing = instances.get(type);
        if (existing != null) {
            return existing;
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(type.getName() + " has no no-argument constructor; the runtime creates"
                    + " one instance of the handler class with it");
        }
        constructor.setAccessible(true);
        Object created = constructor.newInstance();
        instances.put(type, created);
        return created;
    }

    /** Returns the instance of the class named {@code className} if one was created, else null. */
    synchronized @Nullable Object existingInstance(String className) {
        for (Map.Entry<Class<?>, Object> entry : instances.entrySet()) {
            if (entry.getKey().getName().equals(className)) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public synchronized void close() throws IOException {
        if (loader != null) {
            loader.close();
        }
    }
}
