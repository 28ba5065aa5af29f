package dev.sluice.runtime.java;

import org.jspecify.annotations.Nullable;

/**
 * The handler and initializer strings a container is bound to, either of which may still be unknown.
 *
 * @param handler e.g. {@code example.TodoHandler::handleRequest}, or null before a call has named it
 * @param initializer e.g. {@code example.TodoHandler::initialize}, or null when the function has none
 */
record FunctionNames(@Nullable String handler, @Nullable String initializer) {}
