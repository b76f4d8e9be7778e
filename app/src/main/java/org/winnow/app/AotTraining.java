package org.winnow.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * {@code winnow serve --aot-training}: the run the launcher records its start-up cache from (JDK 25+,
 * {@code -XX:AOTCacheOutput}). The cache holds the classes the recording JVM loaded, so a cache taken
 * from an operator's first server depends on how long that server ran: stopped right after its first
 * answer, it holds a quarter of the classes and later starts take nearly twice as long. This run starts
 * a server exactly as {@code serve} does, on a scratch folder and a free port, answers a first
 * visitor's requests, then stops and removes the folder.
 */
final class AotTraining {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AotTraining() {}

    static int run(ServeCommand serve) throws IOException, InterruptedException {
        Path scratch = Files.createTempDirectory("winnow-aot-");
        try {
            // whatever a config file or the environment says, this run touches nothing but its scratch folder
            serve.store.data = scratch;
            serve.store.db = null;
            serve.store.secretFile = null;
            serve.port = 0;
            serve.host = "127.0.0.1";
            serve.publicUrl = null;
            serve.trustProxy = false;
            ServeCommand.Running running = serve.start(new PrintWriter(Writer.nullWriter()));
            try {
                exercise(running.base());
            } finally {
                running.stop();
            }
        } finally {
            deleteTree(scratch);
        }
        return 0;
    }

    /**
     * The requests of a first visit: the demo article and the health check. Only these: the JVM loads every
     * class in the cache when it starts, so a cache with the classes of every other kind of request (admin,
     * metrics, the Akismet API) made starts slower, not faster (docs/performance.md, fifth round).
     */
    static void exercise(String base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
        for (String path : new String[] {"/", "/healthz"}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET().build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
