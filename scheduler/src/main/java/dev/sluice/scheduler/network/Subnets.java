package dev.sluice.scheduler.network;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Carves a /24 for each of Sluice's networks out of one IPv4 range, skipping every /24 that overlaps a subnet in use.
 * The engine's own default pools hold about thirty networks in all, fewer than a run with a network per function
 * needs; explicit small subnets make the number of functions, not the engine's pools, the limit.
 */
public final class Subnets {
    /** The range used unless the user gives another: private, and far from the engine's 172.17-31 and 192.168. */
    public static final String DEFAULT_RANGE = "10.213.0.0/16";

    private static final int SUBNET_PREFIX = 24;

    private final String range;
    private final long first;
    private final long count;

    private Subnets(String range, long first, long count) {
        this.range = range;
        this.first = first;
        this.count = count;
    }

    /**
     * Parses an IPv4 range such as {@code 10.213.0.0/16}.
     *
     * @throws IllegalArgumentException saying what is wrong, when it is not an IPv4 CIDR of /24 or wider
     */
    public static Subnets of(String range) {
        Cidr cidr = Cidr.parse(range)
                .orElseThrow(() -> new IllegalArgumentException("subnet range \"" + range
                        + "\" is not an IPv4 range in CIDR form (expected e.g. " + DEFAULT_RANGE + ")"));
        if (cidr.prefix() > SUBNET_PREFIX) {
            throw new IllegalArgumentException("subnet range " + range + " is narrower than one /24; give a range of"
                    + " /24 or wider (e.g. " + DEFAULT_RANGE + ")");
        }
        return new Subnets(cidr.toString(), cidr.start(), 1L << (SUBNET_PREFIX - cidr.prefix()));
    }

    /** Returns the range, e.g. {@code 10.213.0.0/16}. */
    public String range() {
        return range;
    }

    /**
     * Returns the first /24 of the range that overlaps none of {@code inUse} (CIDRs; IPv6 ones and ones that do not
     * parse are ignored), or empty when every one does.
     */
    public Optional<String> firstFree(Collection<String> inUse) {
        List<Cidr> taken = new ArrayList<>();
        for (String subnet : inUse) {
            Cidr.parse(subnet).ifPresent(taken::add);
        }
        for (long i = 0; i < count; i++) {
            Cidr candidate = new Cidr(first + (i << (32 - SUBNET_PREFIX)), SUBNET_PREFIX);
            if (taken.stream().noneMatch(candidate::overlaps)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** An IPv4 network: its first address as an unsigned 32-bit number, and its prefix length. */
    record Cidr(long start, int prefix) {

        static Optional<Cidr> parse(String text) {
            String[] parts = text.strip().split("/", -1);
            if (parts.length != 2) {
                return Optional.empty();
            }
            String[] octets = parts[0].split("\\.", -1);
            if (octets.length != 4) {
                return Optional.empty();
            }
            try {
                int prefix = Integer.parseInt(parts[1]);
                if (prefix < 0 || prefix > 32) {
                    return Optional.empty();
                }
                long address = 0;
                for (String octet : octets) {
                    int value = Integer.parseInt(octet);
                    if (value < 0 || value > 255 || octet.length() > 3) {
                        return Optional.empty();
                    }
                    address = (address << 8) | value;
                }
                return Optional.of(new Cidr(address & mask(prefix), prefix));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }

        private static long mask(int prefix) {
            return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        }

        boolean overlaps(Cidr other) {
            // Two CIDR blocks overlap exactly when the wider one contains the other's start.
            int wider = Math.min(prefix, other.prefix);
            return (start & mask(wider)) == (other.start & mask(wider));
        }

        @Override
        public String toString() {
            return (start >>> 24) + "." + ((start >>> 16) & 255) + "." + ((start >>> 8) & 255) + "." + (start & 255)
                    + "/" + prefix;
        }
    }
}
