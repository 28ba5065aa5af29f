package dev.sluice.gateway.setup;

import org.jspecify.annotations.Nullable;

/**
 * What was found on this machine about its Docker engine, before anything is changed: the input of {@link
 * EngineDecider#decide}. Gathered by {@link HostProbe}; a test writes its own.
 *
 * @param answers whether an engine answered a ping ({@code DOCKER_HOST}, or one of the known sockets)
 * @param dockerHost the {@code DOCKER_HOST} the user set, or null: then it is the only engine to use
 * @param os the operating system
 * @param dockerdInstalled whether a {@code dockerd} binary is on {@code PATH}
 * @param dockerdRunning whether a {@code dockerd} process runs (it may still be starting)
 * @param systemdUnit whether systemd runs this machine and knows a {@code docker.service}
 * @param root whether Sluice runs as root
 * @param sudo whether {@code sudo -n true} works, i.e. root is at hand without a password
 * @param apt whether the machine has {@code apt-get}
 * @param setupAllowed whether Sluice may start or install an engine ({@code --no-engine-setup} and {@code
 *     SLUICE_ENGINE_SETUP=0} say no)
 */
public record EngineFacts(
        boolean answers,
        @Nullable String dockerHost,
        Os os,
        boolean dockerdInstalled,
        boolean dockerdRunning,
        boolean systemdUnit,
        boolean root,
        boolean sudo,
        boolean apt,
        boolean setupAllowed) {

    /** The operating systems whose engines differ in how they are started. */
    public enum Os {
        LINUX,
        MAC,
        WINDOWS,
        OTHER;

        /** Returns the system named by {@code os.name}. */
        public static Os of(String osName) {
            String name = osName.toLowerCase(java.util.Locale.ROOT);
            if (name.startsWith("linux")) {
                return LINUX;
            }
            if (name.startsWith("mac") || name.startsWith("darwin")) {
                return MAC;
            }
            return name.startsWith("windows") ? WINDOWS : OTHER;
        }
    }
}
