package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.PojoRequestHandler;

/** A Pojo handler: JSON in, JSON out, with the request id the platform gave this call. */
public class Greeter implements PojoRequestHandler<Greeter.Request, Greeter.Response> {

    @Override
    public Response handleRequest(Request request, Context context) {
        Response response = new Response();
        response.greeting = "Hello, " + request.name + "!";
        response.requestId = context.getRequestId();
        response.function = context.getFunctionParam().getFunctionName();
        return response;
    }

    /** The event. */
    public static class Request {
        public String name = "";
    }

    /** The result. */
    public static class Response {
        public String greeting = "";
        public String requestId = "";
        public String function = "";
    }
}
