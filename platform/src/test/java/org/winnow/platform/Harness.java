package org.winnow.platform;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.Sites;
import org.winnow.store.Store;
import org.winnow.store.testing.TestPostgres;

/**
 * A real platform for tests: a SQLite file (or a PostgreSQL database) opened by the real store, a real engine behind the
 * SpamFilter, and Javalin serving the routes on a loopback port.
 */
final class Harness implements AutoCloseable {
    static final byte[] SECRET = "test-secret-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final String ADMIN = "admin";
    static final String PASSWORD = "correct horse battery";
    static final String HOLD_WORD = "holdme";

    final Store store;
    final EngineFilter filter = new EngineFilter();
    final Platform platform;
    final Javalin app;
    final String base;
    final String dbUrl;
    final org.winnow.platform.data.Database.Connected db;
    final Sites sites;
    final org.winnow.platform.data.Comments comments;

    Harness(Path dir) throws IOException {
        this("jdbc:sqlite:" + dir.resolve("winnow.db"));
    }

    /** On any database {@code Store.open} accepts: a SQLite file or a PostgreSQL URL. */
    Harness(String dbUrl) throws IOException {
        int port = freePort();
        base = "http://127.0.0.1:" + port;
        this.dbUrl = dbUrl;
        store = Store.open(dbUrl, SECRET);
        platform = Platform.create(store, dbUrl, filter, new PlatformConfig(SECRET, base, false, Clock.systemUTC()));
        platform.createAdmin(ADMIN, PASSWORD);
        db = org.winnow.platform.data.Database.connect(dbUrl);
        sites = new Sites(db.jdbi());
        comments = new org.winnow.platform.data.Comments(db.jdbi());
        app = Javalin.create(config -> Platform.register(config, platform)).start("127.0.0.1", port);
        filter.warmUp(homeSite().apiSiteId());
        // A word that always holds a comment: makes "held for moderation" deterministic in tests.
        settings(d -> withHoldWords(d, java.util.List.of(HOLD_WORD)));
    }

    /**
     * Another Winnow node on the same database, as behind a load balancer: its own store, platform (so
     * its own page cache) and port, and the same public URL.
     */
    Node secondNode() throws IOException {
        int port = freePort();
        Store s = Store.open(dbUrl, SECRET);
        Platform p = Platform.create(s, dbUrl, filter, new PlatformConfig(SECRET, base, false, Clock.systemUTC()));
        Javalin j = Javalin.create(config -> Platform.register(config, p)).start("127.0.0.1", port);
        return new Node("http://127.0.0.1:" + port, j, p, s);
    }

    record Node(String base, Javalin app, Platform platform, Store store) implements AutoCloseable {
        @Override
        public void close() {
            app.stop();
            platform.close();
            store.close();
        }
    }

    /** Marks a test class whose harness runs on embedded PostgreSQL instead of SQLite. */
    interface OnPostgres {}

    /** SQLite in {@code dir}, or a fresh PostgreSQL database when the running class is {@link OnPostgres}. */
    static Harness forTestClass(org.junit.jupiter.api.TestInfo info, Path dir) throws IOException {
        Class<?> c = info.getTestClass().orElseThrow();
        return OnPostgres.class.isAssignableFrom(c) ? new Harness(TestPostgres.newDatabase("platform_test")) : new Harness(dir);
    }

    boolean postgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    Site homeSite() {
        return sites.home().orElseThrow();
    }

    /** Changes the home site's settings (as the admin's settings form would). */
    void settings(java.util.function.UnaryOperator<org.winnow.platform.data.SiteSettings> change) {
        Site s = homeSite();
        sites.update(new Site(s.id(), s.slug(), s.name(), s.baseUrl(), s.apiSiteId(), s.allowedOrigins(),
                change.apply(s.settings()), s.createdAt()));
    }

    static org.winnow.platform.data.SiteSettings withHoldWords(org.winnow.platform.data.SiteSettings d, java.util.List<String> words) {
        return new org.winnow.platform.data.SiteSettings(d.maxDepth(), d.newestFirst(), d.pageSize(), words, d.rejectWords(),
                d.holdUnknownEmail(), d.holdLinksOver(), d.holdNewCommenterDays(), d.holdThreshold(), d.spamThreshold(),
                d.minimiseAfterDays(), d.deleteSpamAfterDays(), d.deleteTrashAfterDays());
    }

    /** A fresh client with its own cookie jar that does not follow redirects. */
    static Client client() {
        return new Client(HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    @Override
    public void close() {
        app.stop();
        platform.close();
        db.close();
        store.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static Map<String, String> fields(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put(kv[i], kv[i + 1]);
        return m;
    }

    /** The value of the first {@code <input name="NAME" value="...">} in a page (HTML-unescaped). */
    static String inputValue(String html, String name) {
        Matcher m = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) throw new AssertionError("no input " + name + " in page");
        return m.group(1).replace("&amp;", "&").replace("&#34;", "\"").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#39;", "'");
    }

    /** An HTTP client for tests. */
    record Client(HttpClient http) {
        HttpResponse<String> get(String url, String... headers) {
            return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
        }

        HttpResponse<String> post(String url, Map<String, String> fields, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
            return send(b, headers);
        }

        HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
            for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
            try {
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Logs in through the form (fetching the login CSRF token first); returns the session's CSRF token. */
        String login(String base, String user, String password) {
            String page = get(base + "/admin/login").body();
            HttpResponse<String> r = post(base + "/admin/login", fields("_csrf", inputValue(page, "_csrf"),
                    "next", "/admin/queue", "username", user, "password", password));
            if (r.statusCode() != 303) throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
            return inputValue(get(base + "/admin/queue").body(), "_csrf");
        }
    }
}
