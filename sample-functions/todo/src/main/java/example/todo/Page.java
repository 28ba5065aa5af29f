package example.todo;

import org.jspecify.annotations.Nullable;

/**
 * A page of the todo list as the client asks for it: {@code current} counts from 1.
 *
 * <p>Example: {@code current=3, pageSize=10} skips 20 todos and shows the next 10.
 */
record Page(int current, int pageSize) {
    Page {
        if (current < 1 || pageSize < 1) {
            throw new IllegalArgumentException(
                    "current: " + current + ", pageSize: " + pageSize + " (expected: both >= 1)");
        }
    }

    /** How many todos come before this page; a long, because {@code current * pageSize} may pass int's range. */
    long offset() {
        return (current - 1L) * pageSize;
    }

    /**
     * Returns the page the query parameters ask for, or null (the whole list) when {@code pageSize} is absent;
     * {@code current} defaults to 1.
     *
     * @throws RejectedRequest 400 if either is not a positive integer
     */
    static @Nullable Page of(@Nullable String current, @Nullable String pageSize) {
        if (pageSize == null) {
            return null;
        }
        return new Page(current == null ? 1 : positive("current", current), positive("pageSize", pageSize));
    }

    private static int positive(String name, String value) {
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) < 1) {
            throw RejectedRequest.badRequest(name + ": \"" + value + "\" (expected: an integer >= 1)");
        }
        return Integer.parseInt(value);
    }
}
