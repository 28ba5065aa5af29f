package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

class InvokeHandlerTest {
    @Test
    void namesTheFunctionOfBothInvokeUrlForms() {
        assertThat(InvokeHandler.functionOf("/invoke/hello")).isEqualTo("hello");
        assertThat(InvokeHandler.functionOf("/invoke/hello?x=1")).isEqualTo("hello");
        assertThat(InvokeHandler.functionOf("/2016-08-15/services/todolist/functions/hello/invocations"))
                .isEqualTo("hello");
        assertThat(InvokeHandler.functionOf("/2016-08-15/services/s/functions/hello/invocations?q=1"))
                .isEqualTo("hello");
        assertThat(InvokeHandler.functionOf("/2023-03-30/functions/hello/invocations"))
                .isEqualTo("hello");
        assertThat(InvokeHandler.functionOf("/2023-03-30/functions/hello/invocations?qualifier=LATEST"))
                .isEqualTo("hello");
    }

    @Test
    void otherPathsAreNotInvocations() {
        assertThat(InvokeHandler.functionOf("/api/rule")).isNull();
        assertThat(InvokeHandler.functionOf("/2016-08-15/services/s/functions/hello"))
                .isNull();
        assertThat(InvokeHandler.functionOf("/2016-08-15/proxy/s/hello/")).isNull();
        assertThat(InvokeHandler.functionOf("/2023-03-30/functions/hello")).isNull();
    }

    private static DefaultHttpRequest post(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
    }

    @Test
    void aCallNamesItsQualifierInThePathTheQueryOrAHeader() {
        assertThat(InvokeHandler.qualifierOf(post("/invoke/hello"))).isNull();
        assertThat(InvokeHandler.qualifierOf(post("/invoke/hello?qualifier=prod")))
                .isEqualTo("prod");
        assertThat(InvokeHandler.qualifierOf(post("/invoke/hello?x=1&qualifier=2")))
                .isEqualTo("2");
        assertThat(InvokeHandler.qualifierOf(post("/2023-03-30/functions/hello/invocations?qualifier=LATEST")))
                .isEqualTo("LATEST");
        assertThat(InvokeHandler.qualifierOf(post("/2016-08-15/services/todo.prod/functions/hello/invocations")))
                .isEqualTo("prod");
        assertThat(InvokeHandler.qualifierOf(post("/2016-08-15/services/todo/functions/hello/invocations")))
                .isNull();
        DefaultHttpRequest header = post("/invoke/hello");
        header.headers().set("X-Fc-Qualifier", "3");
        assertThat(InvokeHandler.qualifierOf(header)).isEqualTo("3");
    }

    @Test
    void thePathWinsOverTheQueryAndTheQueryOverTheHeader() {
        DefaultHttpRequest both = post("/2016-08-15/services/s.blue/functions/hello/invocations?qualifier=green");
        both.headers().set("X-Fc-Qualifier", "red");
        assertThat(InvokeHandler.qualifierOf(both)).isEqualTo("blue");
        DefaultHttpRequest queryAndHeader = post("/invoke/hello?qualifier=green");
        queryAndHeader.headers().set("X-Fc-Qualifier", "red");
        assertThat(InvokeHandler.qualifierOf(queryAndHeader)).isEqualTo("green");
        assertThat(InvokeHandler.functionOf("/2016-08-15/services/s.blue/functions/hello/invocations"))
                .isEqualTo("hello");
    }
}
