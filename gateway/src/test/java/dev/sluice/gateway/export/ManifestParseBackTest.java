package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.ServiceSpec;
import io.fabric8.knative.serving.v1.RevisionSpec;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the sample app's manifests back with the same model and checks every mapped field against its spec. */
class ManifestParseBackTest {
    @TempDir
    Path codeDir;

    @Test
    void everyFunctionsServiceCarriesItsSpec() throws Exception {
        FunctionsDocument document = SampleApp.document(codeDir);
        KnativeExport.Result result = SampleApp.export(document);
        for (FunctionSpec function : document.functions()) {
            List<HasMetadata> objects = readBack(result, function.name() + ".yaml");
            assertThat(objects).hasSize(1);
            checkFunction(function, (Service) objects.get(0));
        }
    }

    private static void checkFunction(FunctionSpec function, Service service) {
        assertThat(service.getMetadata().getName()).isEqualTo(function.name());
        Map<String, String> annotations =
                service.getSpec().getTemplate().getMetadata().getAnnotations();
        String c = Integer.toString(function.instanceConcurrency());
        assertThat(annotations)
                .containsEntry("autoscaling.knative.dev/metric", "concurrency")
                .containsEntry("autoscaling.knative.dev/target", c)
                .containsEntry("autoscaling.knative.dev/target-utilization-percentage", "100")
                .containsEntry("autoscaling.knative.dev/min-scale", Integer.toString(function.minInstances()))
                .containsEntry("autoscaling.knative.dev/max-scale", Integer.toString(function.maxInstances()))
                .containsEntry(
                        "autoscaling.knative.dev/scale-down-delay",
                        function.idleTimeout().toSeconds() + "s");
        RevisionSpec revision = service.getSpec().getTemplate().getSpec();
        assertThat(revision.getContainerConcurrency()).isEqualTo((long) function.instanceConcurrency());
        assertThat(revision.getTimeoutSeconds()).isEqualTo(function.timeout().toSeconds());
        assertThat(service.getSpec().getTraffic()).isEmpty();
        Container container = revision.getContainers().get(0);
        assertThat(revision.getContainers()).hasSize(1);
        assertThat(container.getImage()).isEqualTo(SampleApp.image(function.name()));
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(FunctionManifest.port(function));
        checkResources(container, function.memoryMb(), function.cpu());
        assertThat(container.getResources().getLimits().get("ephemeral-storage"))
                .isEqualTo(new Quantity(function.diskSizeMb() + "Mi"));
        assertThat(container.getStartupProbe().getTcpSocket().getPort().getIntVal())
                .isEqualTo(FunctionManifest.port(function));
        assertThat(container.getStartupProbe().getPeriodSeconds()).isEqualTo(1);
        assertThat(container.getStartupProbe().getFailureThreshold())
                .isEqualTo((int) function.initializationTimeout().toSeconds() + FunctionManifest.START_SECONDS);
        checkEnv(container.getEnv(), function.env(), function.secrets());
        assertThat(container.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    }

    @Test
    void theDatabaseIsADeploymentAServiceAndAClaim() throws Exception {
        FunctionsDocument document = SampleApp.document(codeDir);
        ServiceSpec db = document.services().get(0);
        List<HasMetadata> objects = readBack(SampleApp.export(document), "service-" + db.name() + ".yaml");

        assertThat(objects)
                .extracting(HasMetadata::getKind)
                .containsExactly("Deployment", "Service", "PersistentVolumeClaim");
        Deployment deployment = (Deployment) objects.get(0);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo(SampleApp.image(db.name()));
        assertThat(container.getCommand()).isEqualTo(db.command());
        assertThat(container.getArgs()).isEqualTo(db.args());
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(db.port());
        checkResources(container, db.memoryMb(), db.cpu());
        checkEnv(container.getEnv(), db.env(), db.secrets());
        assertThat(container.getVolumeMounts()).singleElement().satisfies(mount -> {
            assertThat(mount.getMountPath()).isEqualTo("/data");
            assertThat(mount.getName()).isEqualTo(db.volumes().get("/data"));
        });
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .singleElement()
                .satisfies(
                        volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName())
                                .isEqualTo("todo-db"));
        io.fabric8.kubernetes.api.model.Service service = (io.fabric8.kubernetes.api.model.Service) objects.get(1);
        assertThat(service.getMetadata().getName()).isEqualTo(db.name());
        assertThat(service.getSpec().getPorts().get(0).getPort()).isEqualTo(db.port());
        assertThat(service.getSpec().getSelector())
                .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        PersistentVolumeClaim claim = (PersistentVolumeClaim) objects.get(2);
        assertThat(claim.getMetadata().getName()).isEqualTo("todo-db");
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    }

    private static List<HasMetadata> readBack(KnativeExport.Result result, String fileName) throws Exception {
        ManifestFile file = result.files().stream()
                .filter(f -> f.fileName().equals(fileName))
                .findFirst()
                .orElseThrow();
        return ManifestYaml.read(ManifestYaml.write(file));
    }

    private static void checkResources(Container container, int memoryMb, double cpu) {
        Map<String, Quantity> requests = container.getResources().getRequests();
        assertThat(Quantity.getAmountInBytes(requests.get("memory")).longValueExact())
                .isEqualTo(memoryMb * 1024L * 1024L);
        assertThat(Quantity.getAmountInBytes(requests.get("cpu")).doubleValue()).isEqualTo(cpu);
        assertThat(container.getResources().getLimits()).containsAllEntriesOf(requests);
    }

    private static void checkEnv(List<EnvVar> env, Map<String, String> plain, Map<String, String> secrets) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> secretRefs = new LinkedHashMap<>();
        for (EnvVar variable : env) {
            if (variable.getValueFrom() == null) {
                values.put(variable.getName(), variable.getValue());
            } else {
                assertThat(variable.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("value");
                secretRefs.put(
                        variable.getName(),
                        variable.getValueFrom().getSecretKeyRef().getName());
            }
        }
        assertThat(values).isEqualTo(plain);
        assertThat(secretRefs).isEqualTo(secrets);
    }
}
