package dev.sluice.scheduler.network;

import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.EngineUnreachableException;
import dev.sluice.scheduler.runtime.Labels;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The networks of one gateway run: {@code sluice-<session>} where the services reach one another,
 * {@code sluice-<session>-cells} (isolated) where stem cells wait, and one per function, made on its first
 * instance, that its instances and every service join. A function's instance can thus reach its siblings and the
 * services by name, and nothing of another function's: the engine drops traffic between its bridge networks.
 */
public final class SessionNetworks implements Networks {
    /** A function's network gets made again on this many subnets taken meanwhile by someone else, then fails. */
    private static final int ATTEMPTS = 5;

    private final ContainerRuntime containers;
    private final Map<String, String> labels;
    private final Subnets subnets;
    private final Supplier<List<String>> hostRoutes;
    private final Consumer<String> events;
    private final String services;
    private final String stemCells;
    private final Map<String, FunctionNetwork> functions = new ConcurrentHashMap<>();
    /** The running services' containers and their names. */
    private final Map<String, String> serviceNames = new ConcurrentHashMap<>();

    private final List<String> made = new CopyOnWriteArrayList<>();

    /**
     * @param labels put on every network, identifying the run and its state directory
     * @param hostRoutes the networks the host routes to, which no bridge may hide
     */
    public SessionNetworks(
            ContainerRuntime containers,
            String session,
            Map<String, String> labels,
            Subnets subnets,
            Supplier<List<String>> hostRoutes,
            Consumer<String> events) {
        this.containers = containers;
        this.labels = Map.copyOf(labels);
        this.subnets = subnets;
        this.hostRoutes = hostRoutes;
        this.events = events;
        this.services = "sluice-" + session;
        this.stemCells = "sluice-" + session + "-cells";
    }

    /** Makes the services' and the stem cells' networks of {@code session}, on subnets from {@code subnets}. */
    public static SessionNetworks open(
            ContainerRuntime containers,
            String session,
            Map<String, String> labels,
            Subnets subnets,
            Consumer<String> events) {
        return new SessionNetworks(containers, session, labels, subnets, HostRoutes::read, events).open();
    }

    /** Makes the services' and the stem cells' networks; returns this. */
    public SessionNetworks open() {
        make(services, Map.of(), false);
        make(stemCells, Map.of(), true);
        return this;
    }

    @Override
    public String ofFunction(String function) {
        return functions.computeIfAbsent(function, FunctionNetwork::new).ensure();
    }

    @Override
    public String ofStemCells() {
        return stemCells;
    }

    @Override
    public String ofServices() {
        return services;
    }

    @Override
    public void join(String containerId, String function) {
        containers.connect(containerId, ofFunction(function), List.of());
    }

    @Override
    public void serviceUp(String containerId, String name) {
        // Registered before the networks are read, as a new network registers before reading the services: of a
        // service starting while a network is made, at least one side sees the other (both is harmless).
        serviceNames.put(containerId, name);
        for (FunctionNetwork network : functions.values()) {
            if (network.ready) {
                connectService(containerId, name, network.name);
            }
        }
    }

    @Override
    public void serviceDown(String containerId) {
        serviceNames.remove(containerId);
    }

    @Override
    public boolean anyService() {
        return !serviceNames.isEmpty();
    }

    @Override
    public List<String> names() {
        return List.copyOf(made);
    }

    private void connectService(String containerId, String name, String network) {
        try {
            containers.connect(containerId, network, List.of(name));
        } catch (ContainerRuntimeException e) {
            // A service stopping meanwhile is not the function's failure; its restart joins it again.
            events.accept("service " + name + " could not join " + network + ": " + e.getMessage());
        }
    }

    /** Makes a network on the first free subnet, trying the next one when another process takes it meanwhile. */
    private void make(String name, Map<String, String> extraLabels, boolean isolated) {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.put(Labels.MANAGED, "true");
        all.putAll(extraLabels);
        for (int attempt = 1; ; attempt++) {
            List<String> inUse = new ArrayList<>(containers.subnetsInUse());
            inUse.addAll(hostRoutes.get());
            String subnet = subnets.firstFree(inUse)
                    .orElseThrow(() -> new ContainerRuntimeException("no free /24 is left in " + subnets.range()
                            + " for the network " + name + ": remove networks no longer needed (docker network"
                            + " prune), or give Sluice another range (sluice up --subnets 10.x.0.0/16)"));
            try {
                containers.ensureNetwork(name, all, subnet, isolated);
                made.add(name);
                return;
            } catch (EngineUnreachableException e) {
                throw e;
            } catch (ContainerRuntimeException e) {
                if (attempt >= ATTEMPTS || !containers.subnetsInUse().contains(subnet)) {
                    throw e;
                }
            }
        }
    }

    /** A function's network, made once however many launches ask for it at the same time. */
    private final class FunctionNetwork {
        final String name;
        final String function;
        volatile boolean ready;

        FunctionNetwork(String function) {
            this.function = function;
            this.name = services + "-fn-" + dockerName(function);
        }

        synchronized String ensure() {
            if (!ready) {
                make(name, Map.of(Labels.FUNCTION, function), false);
                ready = true;
                serviceNames.forEach((containerId, service) -> connectService(containerId, service, name));
            }
            return name;
        }
    }

    /**
     * Returns {@code function} as it can appear in a network's name: letters, digits, {@code _ . -}; a name that had
     * to change gets a hash of the original, so that two functions never share a network.
     */
    static String dockerName(String function) {
        String safe = function.replaceAll("[^A-Za-z0-9_.-]", "-");
        if (safe.length() > 40) {
            safe = safe.substring(0, 40);
        }
        if (safe.equals(function)) {
            return safe;
        }
        return safe + "-" + HexFormat.of().toHexDigits(function.hashCode());
    }
}
