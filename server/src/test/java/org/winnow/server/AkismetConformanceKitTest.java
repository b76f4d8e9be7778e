package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shared Akismet conformance kit (real, unmodified clients: curl, Perl, Ruby, Node, Go)
 * against a live server. Opt-in, because it needs the clients installed:
 * {@code ./mvnw -o -pl server test -Dtest=AkismetConformanceKitTest -Dwinnow.akismetKit=/work/shared/akismet-clients}
 */
@EnabledIfSystemProperty(named = "winnow.akismetKit", matches = ".+")
class AkismetConformanceKitTest {

    @TempDir Path dir;

    @Test
    void everyClientPasses() throws IOException, InterruptedException {
        Path kit = Path.of(System.getProperty("winnow.akismetKit"));
        try (TestEnv env = TestEnv.start(dir)) {
            Path out = dir.resolve("kit.out");
            Process p = new ProcessBuilder(List.of("bash", kit.resolve("run.sh").toString(), env.base(), env.key,
                    TestEnv.BLOG)).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            boolean done = p.waitFor(10, TimeUnit.MINUTES);
            String output = Files.readString(out, StandardCharsets.UTF_8);
            System.out.println(output);
            assertThat(done).as("kit finished").isTrue();
            assertThat(output).doesNotContain("\nFAIL ").containsPattern("\\d+ passed, 0 failed");
            assertThat(p.exitValue()).isZero();
        }
    }
}
