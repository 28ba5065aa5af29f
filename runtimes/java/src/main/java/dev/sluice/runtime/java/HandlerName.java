package dev.sluice.runtime.java;

/**
 * A parsed handler or initializer string, {@code package.Class::method}.
 *
 * @param className the binary class name, e.g. {@code example.TodoHandler}
 * @param method the method name, e.g. {@code handleRequest}
 */
record HandlerName(String className, String method) {

    /** Parses {@code value}, naming {@code what} ("handler", "initializer") in the error if it is malformed. */
    static HandlerName parse(String what, String value) {
        int separator = value.indexOf("::");
        if (separator > 0 && value.indexOf("::", separator + 2) < 0) {
            String className = value.substring(0, separator).trim();
            String method = value.substring(separator + 2).trim();
            if (isClassName(className) && isIdentifier(method)) {
                return new HandlerName(className, method);
            }
        }
        throw new IllegalArgumentException(what + ": \"" + value
                + "\" is not a method reference (expected: package.Class::method, e.g. example.App::handleRequest)");
    }

    @Override
    public String toString() {
        return className + "::" + method;
    }

    private static boolean isClassName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            return false;
        }
        int start = 0;
        while (start < name.length()) {
            int end = name.indexOf('.', start);
            if (end < 0) {
                end = name.length();
            }
            if (!isIdentifier(name.substring(start, end))) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean isIdentifier(String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
