package dev.sluice.scheduler.network;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which network each container joins, so that a function's instances reach its siblings and the services by name,
 * and never another function's instances. Methods that return a network may create it, and so block: call them from
 * the scheduler's executor.
 */
public interface Networks {

    /** No networks of Sluice's own: every container on the engine's default one. */
    Networks ENGINE_DEFAULT = new Networks() {
        @Override
        public @Nullable String ofFunction(String function) {
            return null;
        }

        @Override
        public @Nullable String ofStemCells() {
            return null;
        }

        @Override
        public @Nullable String ofServices() {
            return null;
        }

        @Override
        public void join(String containerId, String function) {}

        @Override
        public void serviceUp(String containerId, String name) {}

        @Override
        public void serviceDown(String containerId) {}

        @Override
        public boolean anyService() {
            return false;
        }

        @Override
        public List<String> names() {
            return List.of();
        }
    };

    /** Returns the network of {@code function}'s instances (the services are on it too), making it if need be. */
    @Nullable
    String ofFunction(String function);

    /** Returns the network stem cells wait on, where containers cannot reach one another. */
    @Nullable
    String ofStemCells();

    /** Returns the network the services share, where they reach one another by name. */
    @Nullable
    String ofServices();

    /** Joins a stem cell, now specialized, to the network of {@code function}. */
    void join(String containerId, String function);

    /** Joins the running service container to every function's network, reachable there as {@code name}. */
    void serviceUp(String containerId, String name);

    /** Forgets a service container that stopped. */
    void serviceDown(String containerId);

    /** Returns whether a service's container runs: one that function code may connect to as it loads. */
    boolean anyService();

    /** Returns the names of the networks made so far, the services' and stem cells' first. */
    List<String> names();
}
