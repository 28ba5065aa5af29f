package dev.sluice.gateway.setup;

/** Where the set-up's lines go: the command line's console, which alone may print. */
public interface SetupOutput {

    /** Prints a finished line. */
    void say(String line);

    /** Prints a problem. */
    void problem(String line);

    /**
     * Shows {@code line} in place of the previous progress line (on a terminal, the same row redrawn). Returns
     * whether it was shown: where the output is not a terminal, progress is not drawn and only finished lines count.
     */
    boolean progress(String line);
}
