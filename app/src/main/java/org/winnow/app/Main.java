package org.winnow.app;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.winnow.training.cli.CheckCommand;
import org.winnow.training.cli.ClassifyCommand;
import org.winnow.training.cli.EvalCommand;
import org.winnow.training.cli.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code winnow} command: one entry point, one subcommand per job. */
@Command(name = "winnow",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Self-hosted comment spam filter with an Akismet-compatible API.")
public final class Main {

    /**
     * The subcommands, in the order the usage lists them. Each is made only when used: picocli reads
     * a command's options from its annotations when it is added, which for all ten took a tenth of a
     * second of every start (docs/performance.md).
     */
    static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("serve", ServeCommand::new);
        m.put("keys", KeysCommand::new);
        m.put("admin", AdminCommand::new);
        m.put("migrate-store", MigrateStoreCommand::new);
        m.put("backup", BackupCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        m.put("train", TrainCommand::new); // the data-set commands live in the training module
        m.put("eval", EvalCommand::new);
        m.put("check", CheckCommand::new);
        m.put("classify", ClassifyCommand::new);
        return Collections.unmodifiableMap(m);
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(System.getenv(), Settings.configFileFromArgs(args), args.length > 0 ? args[0] : null);
        System.exit(cli.execute(args));
    }

    /** The whole command tree: defaults from {@code env}, then {@code configFile} (may be null). */
    public static CommandLine commandLine(Map<String, String> env, Path configFile) {
        return commandLine(env, configFile, null);
    }

    /**
     * The command tree for a command line whose first argument is {@code first}: when it names a
     * subcommand other than {@code help}, the tree holds that one only (parsing and errors are the same,
     * since a command line runs one subcommand); otherwise every subcommand.
     */
    static CommandLine commandLine(Map<String, String> env, Path configFile, String first) {
        CommandLine cli = new CommandLine(new Main());
        if (first != null && !first.equals("help") && SUBCOMMANDS.containsKey(first)) {
            cli.addSubcommand(first, SUBCOMMANDS.get(first).get());
        } else {
            SUBCOMMANDS.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        // after the subcommands: picocli passes these settings to the subcommands present when they are set
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
