package dev.sluice.gateway.export;

import dev.sluice.config.function.CustomContainer;
import dev.sluice.config.function.CustomRuntime;
import dev.sluice.config.function.FunctionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.ServiceBuilder;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns one function into a Knative {@code Service} (serving.knative.dev/v1), field by field as the mapping table
 * of {@code docs/cluster.md} says.
 *
 * <p>Scaling follows FC's rule, instances = ceil(requests in flight / instanceConcurrency): the autoscaler counts
 * concurrency ({@code metric: concurrency}) with {@code instanceConcurrency} as its {@code target} at 100% use, and
 * {@code containerConcurrency} caps each pod at that many requests, as a Sluice instance has that many slots.
 * Worked example, {@code todo} ({@code instanceConcurrency: 10}, {@code maxInstances: 10}): 11 requests in flight
 * want ceil(11 / 10) = 2 pods; 150 want 15, held at {@code max-scale} 10.
 */
final class FunctionManifest {
    static final String AUTOSCALING = "autoscaling.knative.dev/";
    /** FC's port, where Sluice's runtimes listen ({@code FC_SERVER_PORT}). */
    static final int FC_PORT = 9000;
    /**
     * What the startup probe allows beyond the initializer's own timeout: the process start and the load of the
     * function, as Sluice allows 30 s for the port to open.
     */
    static final int START_SECONDS = 30;
    /** Knative's longest scale-down delay. */
    static final long MAX_SCALE_DOWN_DELAY_SECONDS = 3600;

    private FunctionManifest() {}

    /**
     * Returns the Knative Service of {@code function}, running {@code image}, with {@code traffic} as its traffic
     * block (none when empty: Knative then sends all calls to the latest revision).
     */
    static Service of(FunctionSpec function, String image, List<TrafficTarget> traffic) {
        return of(function, image, traffic, null);
    }

    /**
     * Returns the Knative Service of {@code function} as above, its template naming the revision it makes {@code
     * revisionName} (a published version's, which traffic blocks refer to), or leaving the name to Knative (null).
     */
    static Service of(FunctionSpec function, String image, List<TrafficTarget> traffic, @Nullable String revisionName) {
        ServiceBuilder service = new ServiceBuilder()
                .withNewMetadata()
                .withName(function.name())
                .withLabels(Kube.labels(function.name()))
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewMetadata()
                .withName(revisionName)
                .withLabels(Kube.labels(function.name()))
                .withAnnotations(scaling(function))
                .endMetadata()
                .withNewSpec()
                .withContainerConcurrency((long) function.instanceConcurrency())
                .withTimeoutSeconds(function.timeout().toSeconds())
                .withContainers(container(function, image))
                .endSpec()
                .endTemplate()
                .endSpec();
        if (!traffic.isEmpty()) {
            service.editSpec().withTraffic(traffic).endSpec();
        }
        return service.build();
    }

    /** The autoscaler's annotations: FC's concurrency rule, the instance bounds, and the idle time. */
    static Map<String, String> scaling(FunctionSpec function) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(AUTOSCALING + "class", "kpa.autoscaling.knative.dev");
        annotations.put(AUTOSCALING + "metric", "concurrency");
        annotations.put(AUTOSCALING + "target", Integer.toString(function.instanceConcurrency()));
        annotations.put(AUTOSCALING + "target-utilization-percentage", "100");
        annotations.put(AUTOSCALING + "min-scale", Integer.toString(function.minInstances()));
        annotations.put(AUTOSCALING + "max-scale", Integer.toString(function.maxInstances()));
        long idle = Math.min(function.idleTimeout().toSeconds(), MAX_SCALE_DOWN_DELAY_SECONDS);
        annotations.put(AUTOSCALING + "scale-down-delay", Kube.seconds(idle));
        return annotations;
    }

    private static Container container(FunctionSpec function, String image) {
        int port = port(function);
        ContainerBuilder container = new ContainerBuilder()
                .withName("function")
                .withImage(image)
                .addNewPort()
                .withName("http1")
                .withContainerPort(port)
                .endPort()
                .withEnv(Kube.env(function.env(), function.secrets()))
                .withResources(Kube.resources(function.memoryMb(), function.cpu(), function.diskSizeMb()))
                .withStartupProbe(startup(function, port))
                .withSecurityContext(Kube.hardening());
        CustomContainer own = function.container();
        if (own != null) {
            container.withCommand(own.command()).withArgs(own.args());
        }
        CustomRuntime custom = function.customRuntime();
        if (custom != null) {
            container.withCommand(custom.entrypoint()).withArgs(custom.args());
        }
        return container.build();
    }

    /**
     * The kubelet's startup probe: the port must open within the initializer's timeout plus {@link #START_SECONDS},
     * and Sluice's runtimes open it only once the initializer succeeded, so a pod is ready exactly when it is
     * initialized. Probed every second, as Sluice probes an instance's port.
     */
    static Probe startup(FunctionSpec function, int port) {
        long budget = function.initializationTimeout().toSeconds() + START_SECONDS;
        return new ProbeBuilder()
                .withNewTcpSocket()
                .withPort(new IntOrString(port))
                .endTcpSocket()
                .withPeriodSeconds(1)
                .withFailureThreshold((int) budget)
                .build();
    }

    /** Returns the port the function's server listens on: FC's 9000, or a custom runtime's or container's. */
    static int port(FunctionSpec function) {
        CustomContainer own = function.container();
        CustomRuntime custom = function.customRuntime();
        return own != null ? own.port() : custom != null ? custom.port() : FC_PORT;
    }
}
