package dev.sluice.gateway.cli;

import dev.sluice.gateway.server.GatewayLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * How many client connections {@code sluice up} serves: {@code --max-connections}, else as many as the process's
 * open-file limit leaves room for ({@link GatewayLimits#maxConnectionsFor}), and the lines that say so at start.
 */
final class ClientLimits {
    private ClientLimits() {}

    /** Returns the gateway's limits for {@code --max-connections} (null when not given) and the open-file limit. */
    static GatewayLimits of(@Nullable Integer maxConnections, OptionalLong openFiles) {
        int max = maxConnections != null
                ? maxConnections
                : openFiles.isPresent()
                        ? GatewayLimits.maxConnectionsFor(openFiles.getAsLong())
                        : GatewayLimits.DEFAULT_MAX_CONNECTIONS;
        return GatewayLimits.DEFAULT.withMaxConnections(max);
    }

    /** Returns the lines {@code sluice up} says about {@code limits}: what they are, and whether the files suffice. */
    static List<String> lines(GatewayLimits limits, OptionalLong openFiles) {
        String files;
        if (openFiles.isEmpty()) {
            files = "this process's open-file limit is not known";
        } else if (openFiles.getAsLong() == Long.MAX_VALUE) {
            files = "this process may open any number of files";
        } else {
            files = "this process may open " + openFiles.getAsLong() + " files";
        }
        List<String> lines = new ArrayList<>();
        lines.add("client connections: up to " + limits.maxConnections() + " at once, " + limits.reserve()
                + " more for /healthz, /readyz, /metrics and /system/ (" + files + ")");
        long needed = limits.openFilesNeeded();
        if (openFiles.isPresent() && openFiles.getAsLong() < needed) {
            lines.add("note: --max-connections " + limits.maxConnections() + " may need " + needed + " open files,"
                    + " more than this process may open (" + openFiles.getAsLong() + "): raise the limit (ulimit -Hn,"
                    + " or LimitNOFILE= for a service) or lower --max-connections");
        }
        return lines;
    }
}
