package dev.sluice.scheduler.release;

import dev.sluice.scheduler.api.Alias;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which version takes each call of an alias. Not a coin toss per call: the weights, in hundredths of a percent, make
 * a cycle in which each version appears exactly its share of times, spread out (smooth weighted round robin), and the
 * calls walk the cycle. So the split is exact over every cycle (10 calls for 90/10, 100 for 97/3) and within one call
 * of exact at any moment, which is what a gray release needs to be judged on a few hundred calls. Thread-safe.
 */
final class TrafficSplit {
    /** The weights' unit: a weight of 0.1 is 1000 of these. */
    static final int WHOLE = 10_000;

    private final String[] cycle;
    private final AtomicLong calls = new AtomicLong();

    private TrafficSplit(String[] cycle) {
        this.cycle = cycle;
    }

    /** Returns the split of {@code alias}. */
    static TrafficSplit of(Alias alias) {
        List<String> versions = new ArrayList<>();
        List<Integer> shares = new ArrayList<>();
        int others = 0;
        for (Map.Entry<String, Double> weight : alias.weights().entrySet()) {
            int share = units(weight.getValue());
            if (share > 0) {
                versions.add(weight.getKey());
                shares.add(share);
                others += share;
            }
        }
        if (others < WHOLE) {
            versions.add(0, alias.version());
            shares.add(0, WHOLE - others);
        }
        return new TrafficSplit(cycle(versions, shares));
    }

    /** Returns {@code weight} (0 to 1) in units of {@link #WHOLE}, rounded to the nearest. */
    static int units(double weight) {
        return (int) Math.round(weight * WHOLE);
    }

    private static String[] cycle(List<String> versions, List<Integer> shares) {
        int divisor = 0;
        for (int share : shares) {
            divisor = gcd(divisor, share);
        }
        int n = versions.size();
        int[] weight = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            weight[i] = shares.get(i) / divisor;
            total += weight[i];
        }
        String[] cycle = new String[total];
        int[] current = new int[n];
        for (int call = 0; call < total; call++) {
            int best = 0;
            for (int i = 0; i < n; i++) {
                current[i] += weight[i];
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            cycle[call] = versions.get(best);
        }
        return cycle;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Returns the version that takes the next call. */
    String next() {
        return cycle[(int) (calls.getAndIncrement() % cycle.length)];
    }

    /** Returns how many calls make one whole cycle of the split. */
    int cycleLength() {
        return cycle.length;
    }
}
