package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Collects a container's log frames into lines. */
final class LogCollector extends ResultCallback.Adapter<Frame> {
    private final StringBuilder text = new StringBuilder();

    @Override
    public void onNext(Frame frame) {
        synchronized (text) {
            text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
        }
    }

    List<String> lines() {
        synchronized (text) {
            return text.toString().lines().toList();
        }
    }
}
