package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.server.GatewayLimits;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClientLimitsTest {
    private static final String LIMITS =
            """
            Limit                     Soft Limit           Hard Limit           Units
            Max processes             unlimited            unlimited            processes
            Max open files            20000                1048576              files
            Max locked memory         8388608              8388608              bytes
            """;

    @Test
    void theOpenFileLimitIsTheSoftOneOfProcLimits() {
        assertThat(OpenFiles.parse(LIMITS)).hasValue(20_000);
        assertThat(OpenFiles.parse(LIMITS.replace("20000 ", "unlimited "))).hasValue(Long.MAX_VALUE);
        assertThat(OpenFiles.parse("Max processes 10 10 processes\n")).isEmpty();
    }

    @Test
    void withoutTheOptionTheLimitFollowsTheOpenFiles() {
        GatewayLimits limits = ClientLimits.of(null, OptionalLong.of(20_000));

        assertThat(limits.maxConnections()).isEqualTo(9_728);
        assertThat(ClientLimits.lines(limits, OptionalLong.of(20_000)))
                .containsExactly("client connections: up to 9728 at once, 16 more for /healthz, /readyz, /metrics and"
                        + " /system/ (this process may open 20000 files)");
    }

    @Test
    void anUnknownOpenFileLimitGivesTheDefault() {
        GatewayLimits limits = ClientLimits.of(null, OptionalLong.empty());

        assertThat(limits.maxConnections()).isEqualTo(10_000);
        assertThat(ClientLimits.lines(limits, OptionalLong.empty()))
                .singleElement()
                .asString()
                .endsWith("(this process's open-file limit is not known)");
    }

    @Test
    void moreConnectionsThanTheFilesAllowAreServedWithANote() {
        GatewayLimits limits = ClientLimits.of(50_000, OptionalLong.of(20_000));

        assertThat(limits.maxConnections()).isEqualTo(50_000);
        assertThat(ClientLimits.lines(limits, OptionalLong.of(20_000)))
                .last()
                .asString()
                .startsWith("note: --max-connections 50000 may need 100544 open files, more than this process may open"
                        + " (20000)");
    }
}
