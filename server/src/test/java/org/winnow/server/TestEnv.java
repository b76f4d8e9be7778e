package org.winnow.server;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.StringJoiner;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.model.Model;
import org.winnow.store.Store;

/**
 * A real server for tests: a SQLite store in a temp directory, one API key, a small base model
 * trained here (so no test depends on the shipped model's opinions), listening on a random port.
 */
final class TestEnv implements AutoCloseable {

    static final byte[] SECRET = "winnow-test-secret-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String BLOG = "https://blog.example.com";
    static final String FRIENDLY = "Thanks for the clear write-up, the second example fixed my build.";
    static final String THANKS = "Thanks for making the web a better place.";

    private static Model trained;

    final Path dbFile;
    final ServerConfig config;
    Store store;
    WinnowServer server;
    RawHttp http;
    final String key;

    private TestEnv(Path dir, ServerConfig config) {
        this.dbFile = dir.resolve("winnow.db");
        this.config = config;
        this.store = Store.open(dbFile.toString(), SECRET);
        this.key = store.keys().create(BLOG, "tests").plaintext();
        startServer();
    }

    static TestEnv start(Path dir) {
        return new TestEnv(dir, defaultConfig());
    }

    static TestEnv start(Path dir, ServerConfig config) {
        return new TestEnv(dir, config);
    }

    static ServerConfig defaultConfig() {
        return ServerConfig.defaults().withHost("127.0.0.1").withPort(0).withPollInterval(Duration.ofMillis(100));
    }

    private void startServer() {
        server = new WinnowServer(store, baseModel(), config).start();
        http = new RawHttp(server.port());
    }

    /** Stops the server, closes the store, and opens both again on the same file (a process restart). */
    void restart() {
        server.stop();
        store.close();
        store = Store.open(dbFile.toString(), SECRET);
        startServer();
    }

    int port() {
        return server.port();
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
        store.close();
    }

    /** {@code name=value&…}, URL-encoded as UTF-8. */
    static String form(String... nameValues) {
        StringJoiner j = new StringJoiner("&");
        for (int i = 0; i + 1 < nameValues.length; i += 2) {
            j.add(URLEncoder.encode(nameValues[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(nameValues[i + 1], StandardCharsets.UTF_8));
        }
        return j.toString();
    }

    /** The usual fields of a comment-check, plus {@code extra} name/value pairs. */
    static String comment(String author, String content, String... extra) {
        return commentWithEmail(author, author.toLowerCase().replace(' ', '.') + "@example.org", content, extra);
    }

    /** The usual fields of a comment-check with this e-mail, plus {@code extra} name/value pairs. */
    static String commentWithEmail(String author, String email, String content, String... extra) {
        String base = form("blog", BLOG, "user_ip", "203.0.113.7",
                "user_agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
                "referrer", BLOG + "/posts/hello-world", "permalink", BLOG + "/posts/hello-world",
                "comment_type", "comment", "comment_author", author,
                "comment_author_email", email,
                "comment_content", content);
        return extra.length == 0 ? base : base + "&" + form(extra);
    }

    /** A base model trained on a handful of examples: ordinary remarks are ham, pill/casino pitches spam. */
    static synchronized Model baseModel() {
        if (trained == null) {
            SpamEngine e = SpamEngine.create(Model.empty());
            List<String> ham = List.of(
                    FRIENDLY,
                    "Great post, the diagrams made the architecture much easier to follow.",
                    "I tried the second approach and it worked on my laptop too, thanks for sharing.",
                    "Could you explain how the cache invalidation works when two writers race?",
                    "Nice article. One typo in the third paragraph: 'teh' should be 'the'.",
                    "We use a similar setup at work; the tip about connection pools saved us hours.",
                    "Interesting read, I had not thought about the migration order before.",
                    "Thank you, this answered the question I had about the configuration file.",
                    "The example code compiles fine with the newer compiler as well.",
                    "I disagree a little about testing, but the rest of the post is very helpful.");
            List<String> spam = List.of(
                    "Buy cheap viagra pills online without prescription at discount pharmacy http://pills.example",
                    "Best online casino bonus, win money now, free spins http://casino.example",
                    "Cheap replica watches and designer bags, visit our shop http://replica.example",
                    "Earn $5000 per week working from home, click here http://money.example",
                    "Cheap cialis pharmacy, buy pills online today with discount http://meds.example",
                    "Payday loans fast approval no credit check apply now http://loans.example",
                    "Hot singles in your area want to meet you tonight http://dating.example",
                    "Buy followers and likes cheap, boost your ranking fast http://seo.example",
                    "Casino jackpot slots bonus code free money win big http://slots.example",
                    "Discount pharmacy online pills cheap viagra cialis order now http://rx.example");
            for (int round = 0; round < 3; round++) {
                for (String h : ham) e.learn("base", Comment.ofText(h), false);
                for (String s : spam) e.learn("base", Comment.ofText(s), true);
            }
            trained = e.snapshot();
        }
        return trained;
    }
}
