package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The network calls of {@link DockerContainerRuntime}, with its translation of failures. */
final class DockerNetworks {
    /** The bridge driver's option that, set to false, drops traffic between containers of one network. */
    private static final String INTER_CONTAINER = "com.docker.network.bridge.enable_icc";

    private final DockerClient docker;
    private final EngineCalls calls;

    DockerNetworks(DockerClient docker, EngineCalls calls) {
        this.docker = docker;
        this.calls = calls;
    }

    void ensure(String name, Map<String, String> labels, String subnet, boolean isolated) {
        try {
            boolean exists = calls.bounded(docker.listNetworksCmd().withNameFilter(name)::exec).stream()
                    .anyMatch(n -> name.equals(n.getName()));
            if (!exists) {
                calls.bounded(docker.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withLabels(labels)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(subnet)))
                        .withOptions(isolated ? Map.of(INTER_CONTAINER, "false") : Map.of())
                        .withCheckDuplicate(true)::exec);
            }
        } catch (DockerException e) {
            throw EngineCalls.failure("create network " + name + " on " + subnet, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("create network " + name, e);
        }
    }

    List<String> subnetsInUse() {
        try {
            List<String> subnets = new ArrayList<>();
            for (Network network : calls.bounded(docker.listNetworksCmd()::exec)) {
                Network.Ipam ipam = network.getIpam();
                if (ipam != null && ipam.getConfig() != null) {
                    for (Network.Ipam.Config config : ipam.getConfig()) {
                        if (config.getSubnet() != null) {
                            subnets.add(config.getSubnet());
                        }
                    }
                }
            }
            return subnets;
        } catch (DockerException e) {
            throw EngineCalls.failure("list networks", e);
        } catch (RuntimeException e) {
            throw calls.unreachable("list networks", e);
        }
    }

    void connect(String containerId, String network, List<String> aliases) {
        String what = "connect container " + DockerContainerRuntime.shortId(containerId) + " to network " + network;
        try {
            calls.bounded(docker.connectToNetworkCmd()
                    .withContainerId(containerId)
                    .withNetworkId(network)
                    .withContainerNetwork(new ContainerNetwork().withAliases(aliases))::exec);
        } catch (DockerException e) {
            // The engine refuses a second endpoint of one container on one network: it is joined, as asked.
            if (!String.valueOf(e.getMessage()).contains("already exists")) {
                throw EngineCalls.failure(what, e);
            }
        } catch (RuntimeException e) {
            throw calls.unreachable(what, e);
        }
    }

    void remove(String name) {
        try {
            calls.bounded(docker.removeNetworkCmd(name)::exec);
        } catch (NotFoundException e) {
            // Already gone: removed, as asked.
        } catch (DockerException e) {
            throw EngineCalls.failure("remove network " + name, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("remove network " + name, e);
        }
    }

    List<String> labelled(String key, String value) {
        try {
            return calls
                    .bounded(docker.listNetworksCmd().withFilter("label", List.of(key + "=" + value))::exec)
                    .stream()
                    .map(Network::getName)
                    .toList();
        } catch (DockerException e) {
            throw EngineCalls.failure("list networks labelled " + key + "=" + value, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("list networks labelled " + key + "=" + value, e);
        }
    }
}
