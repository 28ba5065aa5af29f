package dev.sluice.gateway.testing;

import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.testing.FakeScheduler;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The fake scheduler, holding the slots of one function until the test opens its gate, while every other function
 * gets its slot at once; and telling the test each function the gateway asks a slot for, as it asks.
 */
public final class GatedScheduler extends FakeScheduler {
    /** The functions asked for, in order. */
    public final BlockingQueue<String> asked = new LinkedBlockingQueue<>();

    private volatile String gated = "";
    private volatile CompletableFuture<Void> gate = CompletableFuture.completedFuture(null);

    @Override
    public CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos) {
        String function = target.name();
        CompletableFuture<Lease> lease = super.acquire(target, deadlineNanos);
        CompletableFuture<Lease> given = function.equals(gated) ? gate.thenCompose(open -> lease) : lease;
        asked.add(function);
        return given;
    }

    /** Holds the slots of {@code function} from now until {@link #open()}. */
    public void gate(String function) {
        gate = new CompletableFuture<>();
        gated = function;
    }

    /** Hands out the slots held, and every later one at once. */
    public void open() {
        gated = "";
        gate.complete(null);
    }
}
