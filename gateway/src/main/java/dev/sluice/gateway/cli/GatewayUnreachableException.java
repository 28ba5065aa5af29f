package dev.sluice.gateway.cli;

import java.net.URI;

/** No connection to the gateway could be opened (exit status 4). */
final class GatewayUnreachableException extends Exception {
    private static final long serialVersionUID = 1L;

    GatewayUnreachableException(URI base, String why) {
        super("cannot reach the gateway at " + base + " (" + why + "); is `sluice up` running?");
    }
}
