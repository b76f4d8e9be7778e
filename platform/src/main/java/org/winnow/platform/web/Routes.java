package org.winnow.platform.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mounts the platform's routes into a Javalin config. Paths used: {@code /}, {@code /a/*},
 * {@code /privacy}, {@code /my/*}, {@code /feeds/*}, {@code /embed.js}, {@code /embed/*},
 * {@code /assets/winnow/*} and {@code /admin/*}; none of the API's.
 */
public final class Routes {
    private static final Map<String, String> ASSETS = Map.of(
            "winnow.css", "text/css; charset=utf-8",
            "winnow.js", "text/javascript; charset=utf-8");
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    private Routes() {}

    public static void mount(JavalinConfig config, Web web) {
        Views v = web.views();
        ThreadBuilder threads = new ThreadBuilder(web.comments(), v); // one page cache for articles and the widget
        ReaderRoutes reader = new ReaderRoutes(web, threads);
        EmbedRoutes embed = new EmbedRoutes(web, threads);
        AdminRoutes admin = new AdminRoutes(web);
        Feeds feeds = new Feeds(web);
        var r = config.routes;

        both(r, "/", Http.safe(v, reader::index));
        both(r, "/a/{slug}", Http.safe(v, reader::article));
        r.post("/a/{slug}/comments", Http.safe(v, reader::post));
        both(r, "/privacy", Http.safe(v, reader::privacy));
        both(r, "/privacy/{site}", Http.safe(v, reader::privacy));
        r.get("/my/{token}", Http.safe(v, reader::mine));
        r.get("/my/{token}/export.json", Http.safe(v, reader::export));
        r.post("/my/{token}/erase", Http.safe(v, reader::erase));
        both(r, "/feeds/thread/{id}.atom", Http.safe(v, feeds::thread));
        both(r, "/feeds/{site}.atom", Http.safe(v, feeds::site));

        both(r, "/embed.js", Http.safe(v, ctx -> asset(ctx, "winnow.js", "text/javascript; charset=utf-8")));
        r.get("/embed/{site}/thread", Http.safe(v, embed::fragment));
        r.options("/embed/{site}/thread", Http.safe(v, embed::preflight));
        r.post("/embed/{site}/comments", Http.safe(v, embed::post));
        r.options("/embed/{site}/comments", Http.safe(v, embed::preflight));
        r.get("/assets/winnow/{file}", Http.safe(v, ctx -> {
            String file = ctx.pathParam("file");
            String type = ASSETS.get(file);
            if (type == null) throw HttpError.notFound("No such file.");
            asset(ctx, file, type);
        }));

        r.get("/admin", Http.safe(v, ctx -> ctx.redirect("/admin/queue", HttpStatus.SEE_OTHER)));
        r.get("/admin/login", Http.safe(v, admin::loginPage));
        r.post("/admin/login", Http.safe(v, admin::login));
        r.post("/admin/logout", Http.safe(v, admin::logout));
        r.get("/admin/setup/{token}", Http.safe(v, admin::setupPage));
        r.post("/admin/setup/{token}", Http.safe(v, admin::setup));
        r.get("/admin/queue", Http.safe(v, admin::queue));
        r.post("/admin/queue", Http.safe(v, admin::bulk));
        r.get("/admin/sites", Http.safe(v, admin::sites));
        r.post("/admin/sites", Http.safe(v, admin::createSite));
        r.get("/admin/sites/{id}", Http.safe(v, admin::sitePage));
        r.post("/admin/sites/{id}", Http.safe(v, admin::saveSite));
        r.post("/admin/keys/{id}/revoke", Http.safe(v, admin::revokeKey));
        r.get("/admin/stats", Http.safe(v, admin::stats));
        r.get("/admin/data", Http.safe(v, admin::data));
        r.get("/admin/data/export", Http.safe(v, admin::dataExport));
        r.post("/admin/data/erase", Http.safe(v, admin::dataErase));
    }

    /**
     * A reader-facing page for GET and HEAD alike: link checkers, feed readers and caches ask with HEAD,
     * and must get the status and headers GET would give (Jetty leaves the body out).
     */
    private static void both(io.javalin.router.JavalinDefaultRoutingApi r, String path, io.javalin.http.Handler h) {
        r.get(path, h);
        r.head(path, h);
    }

    /** Static files from the classpath, cached in memory; cross-origin readable (the widget loads them). */
    private static void asset(Context ctx, String file, String type) {
        byte[] body = CACHE.computeIfAbsent(file, f -> {
            try (InputStream in = Routes.class.getResourceAsStream("/winnow-static/" + f)) {
                if (in == null) throw HttpError.notFound("No such file.");
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.contentType(type).result(body);
    }

}
