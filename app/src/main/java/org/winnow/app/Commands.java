package org.winnow.app;

import org.winnow.training.cli.CheckCommand;
import org.winnow.training.cli.ClassifyCommand;
import org.winnow.training.cli.EvalCommand;
import org.winnow.training.cli.TrainCommand;
import picocli.CommandLine;

/** Registers the data-set commands that live in the training module. */
final class Commands {
    private Commands() {}

    static void addTrainingCommands(CommandLine cli) {
        cli.addSubcommand("train", new TrainCommand());
        cli.addSubcommand("eval", new EvalCommand());
        cli.addSubcommand("check", new CheckCommand());
        cli.addSubcommand("classify", new ClassifyCommand());
    }
}
