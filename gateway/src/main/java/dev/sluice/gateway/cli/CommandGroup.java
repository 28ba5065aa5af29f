package dev.sluice.gateway.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command made of subcommands ({@code sluice alias set}): run alone, it shows its usage. */
abstract class CommandGroup implements Runnable {
    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    Main main;

    @Spec
    @SuppressWarnings("NullAway.Init")
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
