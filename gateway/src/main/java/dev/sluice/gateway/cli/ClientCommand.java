package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a running gateway over HTTP. Turns what can go wrong on the way into one line on stderr
 * and the exit status scripts rely on: bad input 2, no gateway 4, a broken connection 1.
 */
abstract class ClientCommand implements Callable<Integer> {
    /** {@link Main}, or the group ({@code sluice alias}, {@code sluice versions}) this command is one of. */
    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    Object parent;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Mixin
    GatewayOptions gateway = new GatewayOptions();

    @Override
    public final Integer call() throws InterruptedException {
        Surroundings surroundings = main().surroundings();
        Console console = surroundings.console();
        URI base = null;
        try {
            PlatformConfig platform = platform(surroundings);
            base = gateway.base(platform);
            return run(new GatewayClient(base), platform, surroundings);
        } catch (BadInputException e) {
            console.problem(prefix() + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (GatewayUnreachableException e) {
            console.problem(prefix() + e.getMessage());
            return Main.EXIT_UNREACHABLE;
        } catch (IOException e) {
            console.problem(prefix() + "the connection to the gateway at " + base + " broke: " + e);
            return Main.EXIT_FAILURE;
        }
    }

    /**
     * Does the command's work against {@code client}'s gateway and returns the exit status.
     *
     * @param platform the settings of this environment, for the state directory
     */
    abstract int run(GatewayClient client, PlatformConfig platform, Surroundings surroundings)
            throws BadInputException, GatewayUnreachableException, IOException, InterruptedException;

    /** Returns what starts every problem line of this command, e.g. {@code sluice deploy: }. */
    final String prefix() {
        return spec.qualifiedName() + ": ";
    }

    /** Returns whether the gateway answered {@code status}; when not, says the problem it gave on stderr. */
    final boolean answered(HttpResponse<byte[]> response, int status, Surroundings surroundings) {
        if (response.statusCode() == status) {
            return true;
        }
        surroundings.console().problem(prefix() + GatewayClient.problem(response));
        return false;
    }

    private Main main() {
        return parent instanceof CommandGroup group ? group.main : (Main) parent;
    }

    private static PlatformConfig platform(Surroundings surroundings) throws BadInputException {
        try {
            return PlatformConfig.fromEnvironment(surroundings.env(), surroundings.userHome());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage() + "; fix or unset it, then try again");
        }
    }
}
