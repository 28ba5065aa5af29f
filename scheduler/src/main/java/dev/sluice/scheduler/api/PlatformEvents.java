package dev.sluice.scheduler.api;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Hands every {@link PlatformEvent} to the listeners subscribed now. Listeners are called on the thread that
 * publishes, after the pool that decided the event released its lock (the events of one decision in order); they
 * must still be quick (an event loop or a launch may be that thread).
 */
public final class PlatformEvents {
    private final List<Consumer<PlatformEvent>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener for every event from now on. */
    public void subscribe(Consumer<PlatformEvent> listener) {
        listeners.add(listener);
    }

    /** Removes a listener. */
    public void unsubscribe(Consumer<PlatformEvent> listener) {
        listeners.remove(listener);
    }

    /** Tells every listener; one that throws does not keep the event from the others. */
    public void publish(PlatformEvent event) {
        for (Consumer<PlatformEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // A broken view must not break the scheduler.
            }
        }
    }
}
