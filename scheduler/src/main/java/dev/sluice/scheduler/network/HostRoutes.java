package dev.sluice.scheduler.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The IPv4 networks this host routes to other than by its default route (a VPN's, a LAN's), read from Linux's
 * {@code /proc/net/route}: a bridge on one of them would hide it from the host. Elsewhere (no such file) there are
 * none to avoid.
 */
final class HostRoutes {
    private static final Path ROUTES = Path.of("/proc/net/route");

    private HostRoutes() {}

    /** Returns the routed networks as CIDRs, or none when the table cannot be read. */
    static List<String> read() {
        try {
            return parse(Files.readAllLines(ROUTES));
        } catch (IOException | SecurityException e) {
            return List.of();
        }
    }

    /** Parses the table: a header, then lines of interface, destination, gateway, flags, ..., mask (hex, LE). */
    static List<String> parse(List<String> lines) {
        List<String> routes = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] fields = line.trim().split("\\s+", -1);
            if (fields.length < 8) {
                continue;
            }
            try {
                long destination = littleEndian(fields[1]);
                long mask = littleEndian(fields[7]);
                if (mask == 0) {
                    continue; // the default route: everything, not one network
                }
                routes.add(new Subnets.Cidr(destination, Long.bitCount(mask)).toString());
            } catch (NumberFormatException e) {
                // not a route line: skip it
            }
        }
        return routes;
    }

    private static long littleEndian(String hex) {
        return Long.reverseBytes(Long.parseLong(hex, 16)) >>> 32;
    }
}
