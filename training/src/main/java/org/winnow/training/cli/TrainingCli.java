package org.winnow.training.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Stand-alone entry point for the training commands, for use without the full {@code winnow} app
 * (e.g. {@code java -cp … org.winnow.training.cli.TrainingCli classify --train A --test B}).
 */
@Command(name = "winnow-training", mixinStandardHelpOptions = true,
        subcommands = {TrainCommand.class, EvalCommand.class, CheckCommand.class, ClassifyCommand.class},
        description = "Train, evaluate and try Winnow spam models.")
public final class TrainingCli implements Runnable {
    public TrainingCli() {}

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainingCli()).execute(args));
    }
}
