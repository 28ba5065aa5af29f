package dev.sluice.scheduler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerAddressesTest {

    private static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    @Test
    void anAddressAnswersWhenSomethingListensOrTheConnectionIsRefused() throws IOException {
        int closedPort;
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            assertThat(ContainerAddresses.answers(loopback(listening.getLocalPort())))
                    .isTrue();
            closedPort = listening.getLocalPort();
        }

        assertThat(ContainerAddresses.answers(loopback(closedPort)))
                .as("refused: the route is there, the process not yet")
                .isTrue();
    }

    @Test
    void anAddressThatNeverAnswersDoesNot() throws IOException {
        // A listener that accepts nothing, its queue full: Linux drops further connection attempts unanswered, as an
        // address without a route would.
        List<Socket> queued = new ArrayList<>();
        try (ServerSocket deaf = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket();
                socket.connect(loopback(deaf.getLocalPort()), 1000);
                queued.add(socket);
            }

            assertThat(ContainerAddresses.answers(loopback(deaf.getLocalPort())))
                    .isFalse();
        } finally {
            for (Socket socket : queued) {
                socket.close();
            }
        }
    }

    @Test
    void theFirstContainerDecidesForTheEngine() {
        List<InetSocketAddress> asked = new ArrayList<>();
        ContainerAddresses unroutable = new ContainerAddresses(address -> {
            asked.add(address);
            return false;
        });
        assertThat(unroutable.reachable("10.213.0.2", 9000)).isNull();
        assertThat(unroutable.reachable("10.213.1.2", 9000))
                .as("published ports from then on")
                .isNull();

        ContainerAddresses routable = new ContainerAddresses(address -> asked.add(address));
        assertThat(routable.reachable("10.213.0.2", 9000)).isEqualTo("10.213.0.2");
        assertThat(routable.reachable("10.213.1.2", 9000)).isEqualTo("10.213.1.2");
        assertThat(routable.reachable(null, 9000)).as("no address of its own").isNull();
        assertThat(asked).as("one question per engine").hasSize(2);
    }
}
