package org.winnow.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Runs the packaged {@code winnow.jar} as a separate process, the way the launcher script does. */
final class WinnowProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new ArrayList<>();
    final String baseUrl;

    private WinnowProcess(Process process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("winnow.jar", "target/winnow.jar"));
        if (!Files.isRegularFile(jar)) throw new IllegalStateException("packaged jar not found: " + jar);
        return jar;
    }

    static List<String> command(String... args) {
        return command(List.of(), args);
    }

    /** {@code java JVM-OPTIONS -jar winnow.jar ARGS}. */
    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs a command to completion; returns its exit code and output (stdout then stderr). */
    static Result run(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("winnow " + String.join(" ", args) + " did not finish");
        }
        return new Result(p.exitValue(), out, err);
    }

    record Result(int exit, String out, String err) {}

    /** A form POST ({@code application/x-www-form-urlencoded}, UTF-8), as Akismet clients send one. */
    static HttpRequest.Builder formPost(String url, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** Starts {@code winnow serve ARGS} and waits until it says where it listens. */
    static WinnowProcess serve(String... args) throws IOException, InterruptedException {
        return serve(List.of(), args);
    }

    /** Starts {@code java JVM-OPTIONS -jar winnow.jar serve ARGS} and waits until it says where it listens. */
    static WinnowProcess serve(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        List<String> cmd = command(jvmOptions, "serve");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        List<String> seen = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) q.add(line);
            } catch (IOException ignored) {
                // process ended
            }
        }, "winnow-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String line = q.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    WinnowProcess wp = new WinnowProcess(p, m.group(1));
                    wp.all.addAll(seen);
                    // keep draining so the child never blocks on a full pipe
                    Thread drain = new Thread(() -> {
                        try {
                            while (p.isAlive() || !q.isEmpty()) {
                                String l = q.poll(200, TimeUnit.MILLISECONDS);
                                if (l != null) synchronized (wp.all) { wp.all.add(l); }
                            }
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }, "winnow-drain");
                    drain.setDaemon(true);
                    drain.start();
                    return wp;
                }
            } else if (!p.isAlive()) {
                break;
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("winnow serve did not start:\n" + String.join("\n", seen));
    }

    List<String> output() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** SIGKILL: no shutdown hook runs, like a crash or an OOM kill. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
    }
}
