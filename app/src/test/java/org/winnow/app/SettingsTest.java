package org.winnow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class SettingsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Option(names = "--port", defaultValue = "8080") int port;
        @Option(names = "--data-dir", defaultValue = "data") String dataDir;
        @Option(names = "--config") Path config;

        @Override
        public void run() {}
    }

    private static Probe parse(Map<String, String> env, Path file, String... args) {
        Probe probe = new Probe();
        CommandLine cli = new CommandLine(probe);
        cli.setDefaultValueProvider(new Settings.DefaultValues(env, file));
        cli.parseArgs(args);
        return probe;
    }

    @Test
    void builtInDefaultsApplyWhenNothingElseIsGiven() {
        Probe p = parse(Map.of(), null);
        assertThat(p.port).isEqualTo(8080);
        assertThat(p.dataDir).isEqualTo("data");
    }

    @Test
    void configFileBeatsBuiltInDefaults(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("w.conf"), "port = 9000\ndata-dir = /srv/winnow\n");
        Probe p = parse(Map.of(), conf);
        assertThat(p.port).isEqualTo(9000);
        assertThat(p.dataDir).isEqualTo("/srv/winnow");
    }

    @Test
    void environmentBeatsConfigFileAndCommandLineBeatsBoth(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("w.conf"), "port = 9000\ndata-dir = /srv/winnow\n");
        Map<String, String> env = Map.of("WINNOW_PORT", "9100", "WINNOW_DATA_DIR", "/var/lib/winnow");
        Probe fromEnv = parse(env, conf);
        assertThat(fromEnv.port).isEqualTo(9100);
        assertThat(fromEnv.dataDir).isEqualTo("/var/lib/winnow");
        Probe fromArgs = parse(env, conf, "--port", "9200");
        assertThat(fromArgs.port).isEqualTo(9200);
        assertThat(fromArgs.dataDir).isEqualTo("/var/lib/winnow");
    }

    @Test
    void configFileNamedByEnvironmentIsRead(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("w.conf"), "port = 9300\n");
        assertThat(parse(Map.of("WINNOW_CONFIG", conf.toString()), null).port).isEqualTo(9300);
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> new Settings.DefaultValues(Map.of(), dir.resolve("nope.conf")))
                .hasMessageContaining("cannot read config file");
    }

    @Test
    void configOptionIsFoundBeforeParsing() {
        assertThat(Settings.configFileFromArgs(new String[] {"serve", "--config", "a.conf"})).isEqualTo(Path.of("a.conf"));
        assertThat(Settings.configFileFromArgs(new String[] {"serve", "--config=b.conf"})).isEqualTo(Path.of("b.conf"));
        assertThat(Settings.configFileFromArgs(new String[] {"serve"})).isNull();
    }
}
