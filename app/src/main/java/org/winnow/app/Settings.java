package org.winnow.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where option values come from when the command line does not give them: first an environment
 * variable ({@code --port} → {@code WINNOW_PORT}), then the config file ({@code port = 8080}), then
 * the built-in default. The config file is {@code --config FILE}, else {@code $WINNOW_CONFIG}, else
 * {@code ./winnow.conf} when it exists.
 */
final class Settings {
    private Settings() {}

    static final class DefaultValues implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> env;
        private final Properties file;

        DefaultValues() {
            this(System.getenv(), null);
        }

        DefaultValues(Map<String, String> env, Path configFile) {
            this.env = env;
            this.file = load(configFile != null ? configFile : defaultConfigFile(env));
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option)) return null;
            String name = option.longestName().replaceFirst("^-+", "");
            if (name.equals("help") || name.equals("version") || name.equals("config")) return null;
            String fromEnv = env.get("WINNOW_" + name.toUpperCase(Locale.ROOT).replace('-', '_'));
            if (fromEnv != null && !fromEnv.isBlank()) return fromEnv.strip();
            String fromFile = file.getProperty(name);
            return fromFile == null ? null : fromFile.strip();
        }

        private static Path defaultConfigFile(Map<String, String> env) {
            String named = env.get("WINNOW_CONFIG");
            if (named != null && !named.isBlank()) return Path.of(named);
            Path local = Path.of("winnow.conf");
            return Files.isRegularFile(local) ? local : null;
        }

        private static Properties load(Path path) {
            Properties p = new Properties();
            if (path == null) return p;
            try (Reader r = Files.newBufferedReader(path)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read config file " + path + ": " + e.getMessage(), e);
            }
            return p;
        }
    }

    /** Finds {@code --config FILE} or {@code --config=FILE} before picocli parses, so defaults can use it. */
    static Path configFileFromArgs(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) return Path.of(args[i + 1]);
            if (args[i].startsWith("--config=")) return Path.of(args[i].substring("--config=".length()));
        }
        return null;
    }
}
