package dev.sluice.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line. Exit status: 0 success, 1 failure, 2 bad input, 3 no Docker engine. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        version = "sluice 0.1.0",
        description = "Runs functions in local Docker containers the way a cloud function service does.",
        subcommands = {UpCommand.class})
public final class Main implements Runnable {
    static final int EXIT_FAILURE = 1;
    static final int EXIT_BAD_INPUT = 2;
    static final int EXIT_NO_DOCKER = 3;

    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try `sluice up`");
    }

    public static void main(String[] args) {
        Console console = Console.system();
        // Usage mistakes exit 2 (picocli's default); anything a command did not handle is a failure, said in one
        // line: a stack trace helps nobody who runs `sluice up`.
        int status = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    console.problem("sluice " + commandLine.getCommandName() + ": " + e);
                    return EXIT_FAILURE;
                })
                .execute(args);
        System.exit(status);
    }
}
