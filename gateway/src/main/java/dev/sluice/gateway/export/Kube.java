package dev.sluice.gateway.export;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The pieces functions and services share: names, environment, resources and the container's hardening. */
final class Kube {
    /** The user every Sluice image runs as (nobody), as in Sluice's own containers. */
    static final long NOBODY = 65534L;
    /** The key a platform secret's value is kept under in its Secret. */
    static final String SECRET_KEY = "value";

    static final String NAME_LABEL = "app.kubernetes.io/name";
    static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";

    private Kube() {}

    /** Returns the labels of everything exported for {@code name}. */
    static Map<String, String> labels(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME_LABEL, name);
        labels.put(MANAGED_BY_LABEL, "sluice");
        return labels;
    }

    /**
     * Returns the Secret a platform secret becomes: its name with {@code _} as {@code -}, which Kubernetes names
     * may not hold (e.g. {@code db_password} is the Secret {@code db-password}).
     */
    static String secretName(String secret) {
        return secret.replace('_', '-');
    }

    /** Returns the variables in the order written, then the secrets as references to their Secrets' values. */
    static List<EnvVar> env(Map<String, String> plain, Map<String, String> secrets) {
        List<EnvVar> env = new ArrayList<>();
        plain.forEach((name, value) -> env.add(new EnvVar(name, value, null)));
        secrets.forEach((name, secret) -> env.add(new EnvVarBuilder()
                .withName(name)
                .withNewValueFrom()
                .withNewSecretKeyRef()
                .withName(secretName(secret))
                .withKey(SECRET_KEY)
                .endSecretKeyRef()
                .endValueFrom()
                .build()));
        return env;
    }

    /**
     * Returns requests equal to limits, as Sluice's containers have them: the memory and cores it gets, and (when
     * not null) the ephemeral storage its writable files may take.
     */
    static ResourceRequirements resources(int memoryMb, double cpu, @Nullable Integer diskMb) {
        Map<String, Quantity> amounts = new LinkedHashMap<>();
        amounts.put("memory", new Quantity(memoryMb + "Mi"));
        amounts.put("cpu", cpu(cpu));
        Map<String, Quantity> limits = new LinkedHashMap<>(amounts);
        if (diskMb != null) {
            limits.put("ephemeral-storage", new Quantity(diskMb + "Mi"));
        }
        return new ResourceRequirementsBuilder()
                .withRequests(amounts)
                .withLimits(limits)
                .build();
    }

    /** Returns cores as Kubernetes writes them: {@code 1}, {@code 2}, or millicores ({@code 0.5} is {@code 500m}). */
    static Quantity cpu(double cores) {
        BigDecimal value = BigDecimal.valueOf(cores).stripTrailingZeros();
        if (value.scale() <= 0) {
            return new Quantity(value.toPlainString());
        }
        BigDecimal millis = value.movePointRight(3).stripTrailingZeros();
        return new Quantity(millis.toBigInteger() + "m");
    }

    /** Returns Sluice's hardening, as far as a pod expresses it: nobody, no capabilities, no privilege escalation. */
    static SecurityContext hardening() {
        Capabilities none = new CapabilitiesBuilder().withDrop("ALL").build();
        return new SecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(NOBODY)
                .withRunAsGroup(NOBODY)
                .withAllowPrivilegeEscalation(false)
                .withCapabilities(none)
                .build();
    }

    /** Returns seconds as an annotation value, e.g. {@code 120s}. */
    static String seconds(long seconds) {
        return String.format(Locale.ROOT, "%ds", seconds);
    }
}
