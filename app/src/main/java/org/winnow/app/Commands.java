package org.winnow.app;

import picocli.CommandLine;

/** Registers the data-set commands that live in the training module. */
final class Commands {
    private Commands() {}

    static void addTrainingCommands(CommandLine cli) {
        // filled in when the training module's commands exist
    }
}
