package dev.sluice.gateway.invoke;

import dev.sluice.scheduler.ContainerCrashedException;
import dev.sluice.scheduler.ContainerInitException;
import dev.sluice.scheduler.ContainerStartException;
import dev.sluice.scheduler.NoCapacityException;
import dev.sluice.scheduler.QueueFullException;
import dev.sluice.scheduler.SchedulerException;
import dev.sluice.scheduler.UnknownFunctionException;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The HTTP status for each scheduler failure. */
final class ErrorStatus {
    private ErrorStatus() {}

    static HttpResponseStatus of(SchedulerException e) {
        if (e instanceof UnknownFunctionException) {
            return HttpResponseStatus.NOT_FOUND;
        }
        if (e instanceof ContainerInitException || e instanceof ContainerStartException) {
            return HttpResponseStatus.SERVICE_UNAVAILABLE;
        }
        if (e instanceof ContainerCrashedException) {
            return HttpResponseStatus.BAD_GATEWAY;
        }
        if (e instanceof QueueFullException) {
            return HttpResponseStatus.TOO_MANY_REQUESTS;
        }
        if (e instanceof NoCapacityException) {
            return HttpResponseStatus.SERVICE_UNAVAILABLE;
        }
        return HttpResponseStatus.INTERNAL_SERVER_ERROR;
    }
}
