package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FcRequestHeadersTest {
    private final FcRequestHeaders fcHeaders = new FcRequestHeaders();

    @Test
    void aRequestGetsTheFunctionsHeadersAndKeepsItsOwn() {
        HttpHeaders headers = headers().set("content-type", "application/octet-stream");

        fcHeaders.setOn(headers, function("greeter", Duration.ofSeconds(7)));

        assertThat(headers.get("x-fc-function-name")).isEqualTo("greeter");
        assertThat(headers.get("x-fc-function-handler")).isEqualTo("example.App::handle");
        assertThat(headers.get("x-fc-function-timeout")).isEqualTo("7");
        assertThat(headers.get("x-fc-initialization-timeout")).isEqualTo("4");
        assertThat(headers.get("content-type")).isEqualTo("application/octet-stream");
    }

    @Test
    void aClientsOwnFcHeaderIsReplacedNotAddedTo() {
        HttpHeaders headers =
                headers().add("X-Fc-Function-Name", "someone-else").add("x-fc-function-timeout", "900");

        fcHeaders.setOn(headers, function("greeter", Duration.ofSeconds(7)));

        assertThat(headers.getAll("x-fc-function-name")).containsExactly("greeter");
        assertThat(headers.getAll("x-fc-function-timeout")).containsExactly("7");
    }

    @Test
    void aNewVersionOfAFunctionBringsItsOwnValues() {
        fcHeaders.setOn(headers(), function("greeter", Duration.ofSeconds(7)));
        HttpHeaders headers = headers();

        fcHeaders.setOn(headers, function("greeter", Duration.ofSeconds(30)));

        assertThat(headers.get("x-fc-function-timeout")).isEqualTo("30");
    }

    private static HttpHeaders headers() {
        return DefaultHttpHeadersFactory.headersFactory().newHeaders();
    }

    private static FunctionSpec function(String name, Duration timeout) {
        return FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                .timeout(timeout)
                .initializer("example.App::init")
                .initializationTimeout(Duration.ofSeconds(4))
                .build();
    }
}
