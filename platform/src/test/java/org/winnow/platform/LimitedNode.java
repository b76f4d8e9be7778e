package org.winnow.platform;

import io.javalin.Javalin;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.winnow.engine.Comment;
import org.winnow.engine.Verdict;
import org.winnow.store.Store;

/**
 * A platform node with comment limits on, serving on loopback: its own store, platform and port on a
 * given database and public URL (two of them on one PostgreSQL are two nodes behind a balancer).
 * Counts how often the spam filter was asked, to show that refused comments cost it nothing.
 */
final class LimitedNode implements AutoCloseable {
    final Store store;
    final Platform platform;
    final Javalin app;
    final String base;
    final AtomicInteger judged = new AtomicInteger();

    LimitedNode(String dbUrl, String publicUrl, int port, Clock clock, CommentLimits limits, boolean trustProxy)
            throws IOException {
        base = "http://127.0.0.1:" + port;
        store = Store.open(dbUrl, Harness.SECRET);
        EngineFilter engine = new EngineFilter();
        SpamFilter counting = new SpamFilter() {
            @Override
            public Verdict judge(long siteId, Comment comment) {
                judged.incrementAndGet();
                return engine.judge(siteId, comment);
            }

            @Override
            public void correct(long siteId, long commentId, Comment comment, boolean spam, String source) {
                engine.correct(siteId, commentId, comment, spam, source);
            }

            @Override
            public void forget(long siteId, long commentId) {
                engine.forget(siteId, commentId);
            }

            @Override
            public java.util.List<Decision> decisions(long siteId, long commentId) {
                return engine.decisions(siteId, commentId);
            }
        };
        platform = Platform.create(store, dbUrl, counting,
                new PlatformConfig(Harness.SECRET, publicUrl, trustProxy, clock, limits));
        app = Javalin.create(config -> Platform.register(config, platform)).start("127.0.0.1", port);
    }

    @Override
    public void close() {
        app.stop();
        platform.close();
        store.close();
    }
}
