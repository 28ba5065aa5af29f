package dev.sluice.gateway.export;

import dev.sluice.config.function.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns one backing service (e.g. {@code todo-db}) into what runs it on a cluster: a {@code Deployment} of one pod,
 * a {@code Service} under the same name and port, so that functions reach it as {@code todo-db:9092} as they do in
 * Sluice, and a {@code PersistentVolumeClaim} per volume, so its data outlives the pod as a Sluice volume outlives
 * the container.
 */
final class ServiceManifests {
    /** What each volume claims; Sluice's volumes have no size, so this is a default to change. */
    static final String VOLUME_SIZE = "1Gi";

    private ServiceManifests() {}

    /** Returns the Deployment, the Service and the claims of {@code service}, which runs {@code image}. */
    static List<HasMetadata> of(ServiceSpec service, String image) {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployment(service, image));
        objects.add(new ServiceBuilder()
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Kube.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withSelector(Map.of(Kube.NAME_LABEL, service.name()))
                .addNewPort()
                .withName("tcp")
                .withPort(service.port())
                .withTargetPort(new IntOrString(service.port()))
                .endPort()
                .endSpec()
                .build());
        for (String volume : volumeNames(service)) {
            objects.add(claim(volume));
        }
        return objects;
    }

    private static Deployment deployment(ServiceSpec service, String image) {
        List<Volume> volumes = new ArrayList<>();
        for (String volume : volumeNames(service)) {
            volumes.add(new VolumeBuilder()
                    .withName(volume)
                    .withNewPersistentVolumeClaim()
                    .withClaimName(volume)
                    .endPersistentVolumeClaim()
                    .build());
        }
        return new DeploymentBuilder()
                .withNewMetadata()
                .withName(service.name())
                .withLabels(Kube.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                .withReplicas(1)
                // One pod at a time, as Sluice never lets two containers share a volume.
                .withNewStrategy()
                .withType("Recreate")
                .endStrategy()
                .withNewSelector()
                .withMatchLabels(Map.of(Kube.NAME_LABEL, service.name()))
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .withLabels(Kube.labels(service.name()))
                .endMetadata()
                .withNewSpec()
                // The volumes are written by nobody, the user the images run as.
                .withNewSecurityContext()
                .withFsGroup(Kube.NOBODY)
                .endSecurityContext()
                .withContainers(container(service, image))
                .withVolumes(volumes)
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private static Container container(ServiceSpec service, String image) {
        List<VolumeMount> mounts = new ArrayList<>();
        service.volumes()
                .forEach((path, volume) -> mounts.add(new VolumeMountBuilder()
                        .withMountPath(path)
                        .withName(volume)
                        .build()));
        return new ContainerBuilder()
                .withName("service")
                .withImage(image)
                .withCommand(service.command())
                .withArgs(service.args())
                .addNewPort()
                .withName("tcp")
                .withContainerPort(service.port())
                .endPort()
                .withEnv(Kube.env(service.env(), service.secrets()))
                .withResources(Kube.resources(service.memoryMb(), service.cpu(), null))
                .withNewReadinessProbe()
                .withNewTcpSocket()
                .withPort(new IntOrString(service.port()))
                .endTcpSocket()
                .withPeriodSeconds(1)
                .endReadinessProbe()
                .withVolumeMounts(mounts)
                .withSecurityContext(Kube.hardening())
                .build();
    }

    private static PersistentVolumeClaim claim(String volume) {
        return new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName(volume)
                .withLabels(Kube.labels(volume))
                .endMetadata()
                .withNewSpec()
                .withAccessModes("ReadWriteOnce")
                .withNewResources()
                .withRequests(Map.of("storage", new Quantity(VOLUME_SIZE)))
                .endResources()
                .endSpec()
                .build();
    }

    /** The service's volumes, each once, in the order written. */
    static List<String> volumeNames(ServiceSpec service) {
        return service.volumes().values().stream().distinct().toList();
    }
}
