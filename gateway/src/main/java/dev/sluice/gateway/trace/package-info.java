/**
 * Every call traced: a W3C {@code traceparent} carried to the function, a {@code Server-Timing} answer with the
 * call's phases, and the recent calls' timelines for {@code GET /system/invocations/{requestId}} and the dashboard.
 */
@NullMarked
package dev.sluice.gateway.trace;

import org.jspecify.annotations.NullMarked;
