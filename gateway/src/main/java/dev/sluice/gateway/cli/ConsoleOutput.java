package dev.sluice.gateway.cli;

import dev.sluice.gateway.setup.SetupOutput;

/**
 * The console as the set-up steps see it. On a terminal a progress line is one row redrawn in place and cleared
 * before the next finished line; elsewhere progress is not drawn at all, so a CI log holds only finished lines.
 */
final class ConsoleOutput implements SetupOutput {
    private static final String CLEAR_ROW = "\r\033[K";

    private final Console console;
    private final boolean terminal;
    /** Whether a progress row is on the screen, to be cleared before the next finished line. */
    private boolean drawn;

    ConsoleOutput(Console console, boolean terminal) {
        this.console = console;
        this.terminal = terminal;
    }

    @Override
    public synchronized void say(String line) {
        clear();
        console.say(line);
    }

    @Override
    public synchronized void problem(String line) {
        clear();
        console.problem(line);
    }

    @Override
    public synchronized boolean progress(String line) {
        if (!terminal) {
            return false;
        }
        console.write(CLEAR_ROW + line);
        drawn = true;
        return true;
    }

    private void clear() {
        if (drawn) {
            console.write(CLEAR_ROW);
            drawn = false;
        }
    }
}
