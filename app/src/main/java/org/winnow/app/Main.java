package org.winnow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code winnow} command: one entry point, one subcommand per job. */
@Command(name = "winnow",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted comment spam filter with an Akismet-compatible API.",
        subcommands = {ServeCommand.class, KeysCommand.class, AdminCommand.class, MigrateStoreCommand.class,
                BackupCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine(System.getenv(), Settings.configFileFromArgs(args)).execute(args));
    }

    /** The configured command tree: defaults from {@code env}, then {@code configFile} (may be null). */
    public static CommandLine commandLine(java.util.Map<String, String> env, java.nio.file.Path configFile) {
        CommandLine cli = new CommandLine(new Main());
        Commands.addTrainingCommands(cli);
        cli.setDefaultValueProvider(new Settings.DefaultValues(env, configFile));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // People get one clear line; the stack trace only with WINNOW_DEBUG=1.
            if (System.getenv("WINNOW_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            cmd.getErr().println("winnow: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"winnow " + (v == null ? "dev" : v)};
        }
    }
}
