package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import org.jspecify.annotations.Nullable;

/** Keeps the one statistics reading a no-stream stats call returns. */
final class StatsCollector extends ResultCallback.Adapter<Statistics> {
    private volatile @Nullable Statistics last;

    @Override
    public void onNext(Statistics statistics) {
        last = statistics;
    }

    ResourceUsage usage(String containerId) {
        Statistics s = last;
        if (s == null || s.getCpuStats() == null || s.getMemoryStats() == null) {
            throw new ContainerRuntimeException(
                    "no stats for container " + DockerContainerRuntime.shortId(containerId));
        }
        Long cpu = s.getCpuStats().getCpuUsage() == null
                ? null
                : s.getCpuStats().getCpuUsage().getTotalUsage();
        Long memory = s.getMemoryStats().getUsage();
        return new ResourceUsage(cpu == null ? 0 : cpu, memory == null ? 0 : memory);
    }
}
