package dev.sluice.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sluice export}: writes what runs a document elsewhere; {@code knative} is the one target. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export a functions.yml to run elsewhere: `sluice export knative` for a Kubernetes cluster.",
        subcommands = {ExportKnativeCommand.class})
final class ExportCommand implements Runnable {
    @CommandLine.Spec
    @SuppressWarnings("NullAway.Init")
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    @SuppressWarnings("NullAway.Init")
    Main main;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing target: try `sluice export knative`");
    }
}
