package dev.sluice.gateway.setup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AptInstallTest {
    @Test
    void readsInstallAndDownloadStatusLines() {
        assertThat(AptInstall.statusOf("pmstatus:runc:40.0000:Unpacking runc (amd64)"))
                .isEqualTo("40% Unpacking runc");
        assertThat(AptInstall.statusOf("dlstatus:3:12.5:Retrieving file 3 of 9"))
                .isEqualTo("downloading 13% Retrieving file 3 of 9");
    }

    @Test
    void leavesOrdinaryLinesToTheLog() {
        assertThat(AptInstall.statusOf("Setting up docker.io (20.10.24+dfsg1-1+b3) ..."))
                .isNull();
        assertThat(AptInstall.statusOf("pmstatus:broken")).isNull();
        assertThat(AptInstall.statusOf("pmstatus:x:not-a-number:Unpacking x")).isNull();
    }
}
