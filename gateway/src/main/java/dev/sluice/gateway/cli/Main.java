package dev.sluice.gateway.cli;

import io.netty.util.ResourceLeakDetector;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sluice} command line: {@code up} runs the platform; {@code setup} makes sure a Docker engine answers
 * (what {@code up} does first); {@code deploy}, {@code ls}, {@code invoke}, {@code
 * logs}, {@code rm} and {@code top} talk to a running gateway over HTTP; {@code export knative} writes what runs a
 * document on a Kubernetes cluster.
 *
 * <p>Exit status, the same for every command so that scripts can rely on it:
 *
 * <ul>
 *   <li>0: success;
 *   <li>1: failure, including a platform error or a function error in {@code invoke};
 *   <li>2: bad input: a usage mistake, a functions.yml with problems, a missing admin token;
 *   <li>3: no Docker engine ({@code up} and {@code setup});
 *   <li>4: the gateway is not reachable (the client commands).
 * </ul>
 */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        version = "sluice 0.1.0",
        description = "Runs functions in local Docker containers the way a cloud function service does.",
        subcommands = {
            UpCommand.class,
            SetupCommand.class,
            DeployCommand.class,
            LsCommand.class,
            InvokeCommand.class,
            LogsCommand.class,
            RmCommand.class,
            TopCommand.class,
            PublishCommand.class,
            VersionsCommand.class,
            AliasCommand.class,
            ExportCommand.class
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_3_HELP, Main.EXIT_4_HELP})
public final class Main implements Runnable {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_NO_DOCKER = 3;
    static final int EXIT_UNREACHABLE = 4;

    // The exit status lines of --help, shared by the subcommands' help.
    static final String EXIT_0_HELP = "0:success";
    static final String EXIT_1_HELP = "1:failure, including a platform error or a function error";
    static final String EXIT_2_HELP = "2:bad input: usage, a functions.yml with problems, no admin token";
    static final String EXIT_3_HELP = "3:no Docker engine (up and setup)";
    static final String EXIT_4_HELP = "4:the gateway is not reachable";

    private final Surroundings surroundings;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    /** The command line of this process, for picocli. */
    public Main() {
        this(Surroundings.system());
    }

    Main(Surroundings surroundings) {
        this.surroundings = surroundings;
    }

    /** Returns what the commands read from and write to. */
    Surroundings surroundings() {
        return surroundings;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "missing command: try `sluice up`, or `sluice --help` for the others");
    }

    private static final String LEAK_DETECTION = "io.netty.leakDetection.level";

    public static void main(String[] args) {
        // Netty's leak check records where one buffer in 128 was allocated, on every call, to report through a
        // logger this command does not have (slf4j-nop): it costs the gateway CPU and tells no one. Set the property
        // to have it back; tests, which run gateways in their own JVM, keep Netty's default.
        if (System.getProperty(LEAK_DETECTION) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        System.exit(execute(Surroundings.system(), args));
    }

    /** Runs the command line {@code args} and returns the exit status; prints only to {@code surroundings}' console. */
    static int execute(Surroundings surroundings, String... args) {
        Console console = surroundings.console();
        // Usage mistakes exit 2 (picocli's default); anything a command did not handle is a failure, said in one
        // line: a stack trace helps nobody who runs `sluice up`.
        return new CommandLine(new Main(surroundings))
                // `invoke -d @event.json` means the file's bytes as the event, not picocli's argument file.
                .setExpandAtFiles(false)
                .setOut(console.outWriter())
                .setErr(console.errWriter())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    console.problem("sluice " + commandLine.getCommandName() + ": " + e);
                    return EXIT_FAILURE;
                })
                .execute(args);
    }
}
