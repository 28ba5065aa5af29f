package dev.sluice.scheduler.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How long each phase of one instance's cold start took. {@code initialize} is zero when the function has no
 * initializer. An instance made from a stem cell skips create, start and port ready (zero) and has a
 * {@code specialize} phase instead: the code copied in and the function's environment sent.
 *
 * @param isFromStemCell whether the instance was made from a stem cell
 */
public record ColdStart(
        Duration create,
        Duration start,
        Duration portReady,
        Duration specialize,
        Duration initialize,
        boolean isFromStemCell) {

    /** A cold start from nothing: create, start, port ready, initializer. */
    public static ColdStart fresh(Duration create, Duration start, Duration portReady, Duration initialize) {
        return new ColdStart(create, start, portReady, Duration.ZERO, initialize, false);
    }

    /** A cold start from a stem cell: specialize, initializer. */
    public static ColdStart fromStemCell(Duration specialize, Duration initialize) {
        return new ColdStart(Duration.ZERO, Duration.ZERO, Duration.ZERO, specialize, initialize, true);
    }

    /** Returns the sum of all phases. */
    public Duration total() {
        return create.plus(start).plus(portReady).plus(specialize).plus(initialize);
    }

    /**
     * Returns the phases in milliseconds with their total, in order ({@code create}, {@code start}, {@code
     * portReady}, {@code specialize}, {@code initialize}, {@code total}): the shape every JSON of a cold start has.
     */
    public Map<String, Object> millisByPhase() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("create", create.toMillis());
        json.put("start", start.toMillis());
        json.put("portReady", portReady.toMillis());
        json.put("specialize", specialize.toMillis());
        json.put("initialize", initialize.toMillis());
        json.put("total", total().toMillis());
        return json;
    }

    @Override
    public String toString() {
        String phases = isFromStemCell()
                ? "from a stem cell: specialize " + specialize.toMillis() + " ms"
                : "create " + create.toMillis() + " ms, start " + start.toMillis() + " ms, port ready "
                        + portReady.toMillis() + " ms";
        return phases + ", initializer " + initialize.toMillis() + " ms (total " + total().toMillis() + " ms)";
    }
}
