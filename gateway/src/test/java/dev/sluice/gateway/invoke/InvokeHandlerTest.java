package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

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
}
