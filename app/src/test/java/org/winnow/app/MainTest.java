package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree: a command line builds only the subcommand it runs, and behaves as with all of them. */
class MainTest {

    private static final List<String> ALL = List.of("serve", "keys", "admin", "migrate-store", "backup", "help",
            "train", "eval", "check", "classify");

    @Test
    void everySubcommandIsFiledUnderItsOwnName() {
        assertThat(Main.SUBCOMMANDS.keySet()).containsExactlyElementsOf(ALL);
        Main.SUBCOMMANDS.forEach((name, command) ->
                assertThat(new CommandLine(command.get()).getCommandName()).as(name).isEqualTo(name));
    }

    @Test
    void aCommandLineGetsOnlyTheSubcommandItNames() {
        assertThat(Main.commandLine(Map.of(), null, "serve").getSubcommands().keySet()).containsExactly("serve");
        assertThat(Main.commandLine(Map.of(), null, "migrate-store").getSubcommands().keySet()).containsExactly("migrate-store");
        // help, an option, an unknown word or nothing: every subcommand, so usage and suggestions list them all
        for (String first : new String[] {"help", "--help", "frobnicate", null}) {
            assertThat(Main.commandLine(Map.of(), null, first).getSubcommands().keySet()).as(first).containsExactlyElementsOf(ALL);
        }
        assertThat(Main.commandLine(Map.of(), null).getSubcommands().keySet()).containsExactlyElementsOf(ALL);
    }

    @Test
    void aSubcommandAloneHasTheSameUsageAndErrorsAsInTheWholeTree() {
        for (String name : ALL) {
            if (name.equals("help")) continue;
            CommandLine alone = Main.commandLine(Map.of(), null, name);
            CommandLine whole = Main.commandLine(Map.of(), null);
            assertThat(alone.getSubcommands().get(name).getUsageMessage())
                    .as(name).isEqualTo(whole.getSubcommands().get(name).getUsageMessage());
            String[] bad = {name, "--no-such-option"};
            assertThat(run(alone, bad)).as(name).isEqualTo(run(whole, bad));
        }
    }

    @Test
    void settingsFromTheConfigFileReachTheOneSubcommand(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("winnow.conf");
        Files.writeString(file, "port = 9191\n");
        CommandLine cli = Main.commandLine(Map.of(), file, "serve");
        cli.parseArgs("serve");
        ServeCommand serve = cli.getSubcommands().get("serve").getCommand();
        assertThat(serve.port).isEqualTo(9191);
    }

    /** Exit code and error output of {@code args}. */
    private static String run(CommandLine cli, String... args) {
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return exit + "\n" + err;
    }
}
