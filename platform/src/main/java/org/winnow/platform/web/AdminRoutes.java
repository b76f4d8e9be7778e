package org.winnow.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.winnow.platform.data.Admins;
import org.winnow.platform.data.CommentThread;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.SiteSettings;
import org.winnow.platform.data.Status;
import org.winnow.platform.data.StoredComment;
import org.winnow.platform.moderation.Action;
import org.winnow.platform.security.Passwords;
import org.winnow.platform.security.Signer;
import org.winnow.platform.stats.Dashboard;
import org.winnow.store.ApiKeys;

/** The site owner's pages: login, moderation queue, sites and keys, settings, stats, data requests. */
final class AdminRoutes {
    static final String SESSION_COOKIE = "wn_admin";
    static final String PRE_COOKIE = "wn_pre";
    static final int MAX_FAILURES = 5;
    static final long LOCK_MILLIS = 15 * 60_000L;
    static final long SESSION_MILLIS = 12 * 3600_000L;
    private static final int QUEUE_PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Made on first use, not at class load: hashing costs ~0.5 s and would delay every start. */
    private static final class DummyHash {
        static final String VALUE = Passwords.hash("not-a-real-password-just-for-timing");
    }
    private final Web web;

    AdminRoutes(Web web) {
        this.web = web;
    }

    // ---- login, logout, first-admin setup

    void loginPage(Context ctx) {
        renderLogin(ctx, 200, null, ctx.queryParam("next"));
    }

    void login(Context ctx) {
        checkPreToken(ctx);
        String user = nz(ctx.formParam("username")).strip();
        String password = nz(ctx.formParam("password"));
        String next = safeNext(ctx.formParam("next"));
        long now = web.clock().millis();
        Optional<Admins.Admin> found = web.admins().byUsername(user);
        if (found.isEmpty()) {
            Passwords.verify(password, DummyHash.VALUE); // same time as a real check: names cannot be probed
            renderLogin(ctx, 401, "Wrong user name or password.", next);
            return;
        }
        Admins.Admin admin = found.get();
        if (admin.lockedUntil() > now) {
            long minutes = Math.max(1, (admin.lockedUntil() - now + 59_999) / 60_000);
            renderLogin(ctx, 429, "Too many failed attempts. This account is locked for " + minutes
                    + " more minute" + (minutes == 1 ? "" : "s") + ".", next);
            return;
        }
        if (!Passwords.verify(password, admin.pwHash())) {
            int failures = admin.failures() + 1;
            boolean lock = failures >= MAX_FAILURES;
            web.admins().recordFailure(admin.id(), lock ? 0 : failures, lock ? now + LOCK_MILLIS : 0);
            renderLogin(ctx, lock ? 429 : 401, lock
                    ? "Too many failed attempts. This account is locked for 15 minutes."
                    : "Wrong user name or password.", next);
            return;
        }
        String token = Signer.random(32);
        web.admins().startSession(Signer.sha256(token), admin.id(), Signer.random(24), now + SESSION_MILLIS);
        Http.cookie(ctx, SESSION_COOKIE, token, "/", SESSION_MILLIS / 1000, Http.secure(ctx, web.trustProxy()));
        ctx.redirect(next, HttpStatus.SEE_OTHER);
    }

    void logout(Context ctx) {
        Admins.Session s = session(ctx);
        if (s != null) {
            checkCsrf(ctx, s);
            web.admins().endSession(Signer.sha256(ctx.cookie(SESSION_COOKIE)));
        }
        Http.cookie(ctx, SESSION_COOKIE, "", "/", 0, Http.secure(ctx, web.trustProxy()));
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
    }

    void setupPage(Context ctx) {
        checkSetupToken(ctx);
        renderSetup(ctx, 200, null);
    }

    void setup(Context ctx) {
        checkSetupToken(ctx);
        checkPreToken(ctx);
        String password = nz(ctx.formParam("password"));
        if (!password.equals(nz(ctx.formParam("password2")))) {
            renderSetup(ctx, 400, "The two passwords differ.");
            return;
        }
        String error = web.setup().complete(ctx.pathParam("token"), nz(ctx.formParam("username")).strip(), password);
        if (error != null) {
            renderSetup(ctx, 400, error);
            return;
        }
        ctx.redirect("/admin/login", HttpStatus.SEE_OTHER);
    }

    private void checkSetupToken(Context ctx) {
        if (!web.setup().valid(ctx.pathParam("token")))
            throw HttpError.notFound("This setup link is not valid, or an admin already exists. Log in instead.");
    }

    private void renderLogin(Context ctx, int status, String error, String next) {
        Map<String, Object> p = new HashMap<>();
        p.put("error", error);
        p.put("csrf", preToken(ctx));
        p.put("next", safeNext(next));
        p.put("noAdmin", web.admins().count() == 0);
        adminHeaders(ctx);
        ctx.status(status).html(web.views().render("admin/login.jte", p));
    }

    private void renderSetup(Context ctx, int status, String error) {
        Map<String, Object> p = new HashMap<>();
        p.put("error", error);
        p.put("csrf", preToken(ctx));
        p.put("token", ctx.pathParam("token"));
        adminHeaders(ctx);
        ctx.status(status).html(web.views().render("admin/setup.jte", p));
    }

    /** Forms used before login carry a token bound to a random cookie (login CSRF protection). */
    private String preToken(Context ctx) {
        String pre = ctx.cookie(PRE_COOKIE);
        if (pre == null || !pre.matches("[A-Za-z0-9_-]{20,64}")) {
            pre = Signer.random(18);
            Http.cookie(ctx, PRE_COOKIE, pre, "/admin", 3600, Http.secure(ctx, web.trustProxy()));
        }
        return web.signer().sign("pre-login", pre);
    }

    private void checkPreToken(Context ctx) {
        String pre = ctx.cookie(PRE_COOKIE);
        String given = nz(ctx.formParam("_csrf"));
        if (pre == null || !MessageDigest.isEqual(web.signer().sign("pre-login", pre).getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8)))
            throw HttpError.forbidden("This form has expired or was not sent from this site. Reload the page and try again.");
    }

    // ---- moderation queue

    void queue(Context ctx) {
        Admins.Session s = requireSession(ctx);
        if (s == null) return;
        Status status = parseStatus(ctx.queryParam("status"));
        Long siteId = ReaderRoutes.parseId(nz(ctx.queryParam("site"))).orElse(null);
        String reason = blankToNull(ctx.queryParam("reason"));
        String q = blankToNull(ctx.queryParam("q"));
        Long before = ReaderRoutes.parseId(nz(ctx.queryParam("before"))).orElse(null);
        List<StoredComment> rows = web.comments().queue(new Comments.QueueFilter(status, siteId, reason, q), before, QUEUE_PAGE + 1);
        boolean more = rows.size() > QUEUE_PAGE;
        if (more) rows = rows.subList(0, QUEUE_PAGE);
        Map<Long, String> siteNames = new HashMap<>();
        for (Site site : web.sites().all()) siteNames.put(site.id(), site.name());
        Map<Long, CommentThread> threads = new HashMap<>();
        List<QueueItem> items = new ArrayList<>();
        Set<String> reasons = new LinkedHashSet<>();
        for (StoredComment c : rows) {
            CommentThread t = threads.computeIfAbsent(c.threadId(), k -> web.threads().byId(k).orElse(null));
            items.add(new QueueItem(c, siteNames.getOrDefault(c.siteId(), "?"), t == null ? "?" : t.title(),
                    t == null ? "" : t.url()));
            c.reasons().forEach(r -> reasons.add(r.name()));
        }
        Map<String, Object> p = base(s, "queue");
        p.put("status", status);
        p.put("items", items);
        p.put("counts", web.comments().countsByStatus(siteId));
        p.put("sites", web.sites().all());
        p.put("siteId", siteId);
        p.put("reason", reason == null ? "" : reason);
        p.put("q", q == null ? "" : q);
        p.put("reasons", new ArrayList<>(reasons));
        p.put("done", nz(ctx.queryParam("done")));
        p.put("nextUrl", more ? queueUrl(status, siteId, reason, q) + "&before=" + rows.getLast().id() : null);
        p.put("filterQuery", queueUrl(status, siteId, reason, q));
        ctx.html(web.views().render("admin/queue.jte", p));
    }

    void bulk(Context ctx) {
        Admins.Session s = requireSessionForPost(ctx);
        Action action = Action.parse(ctx.formParam("action"))
                .orElseThrow(() -> HttpError.badRequest("Choose what to do with the selected comments."));
        List<Long> ids = new ArrayList<>();
        for (String raw : ctx.formParams("id")) ReaderRoutes.parseId(raw).ifPresent(ids::add);
        if (ids.isEmpty()) throw HttpError.badRequest("Select at least one comment first.");
        if (ids.size() > 500) throw HttpError.badRequest("At most 500 comments can be changed at once.");
        int n = web.moderator().apply(ids, action, s.username());
        String back = nz(ctx.formParam("back"));
        if (!back.startsWith("/admin/queue")) back = "/admin/queue?status=pending";
        ctx.redirect(back + (back.contains("?") ? "&" : "?") + "done=" + Http.enc(n + " " + (n == 1 ? "comment" : "comments")
                + ": " + action.param()), HttpStatus.SEE_OTHER);
    }

    private static String queueUrl(Status status, Long siteId, String reason, String q) {
        StringBuilder u = new StringBuilder("/admin/queue?status=").append(status.db());
        if (siteId != null) u.append("&site=").append(siteId);
        if (reason != null) u.append("&reason=").append(Http.enc(reason));
        if (q != null) u.append("&q=").append(Http.enc(q));
        return u.toString();
    }

    private static Status parseStatus(String s) {
        if (s == null || s.isBlank()) return Status.PENDING;
        return switch (s) {
            case "pending", "spam", "trash", "approved" -> Status.of(s);
            default -> throw HttpError.badRequest("Unknown folder \"" + s + "\": use pending, spam, trash or approved.");
        };
    }

    // ---- sites, keys, settings

    void sites(Context ctx) {
        Admins.Session s = requireSession(ctx);
        if (s == null) return;
        renderSites(ctx, s, 200, null, null);
    }

    private void renderSites(Context ctx, Admins.Session s, int status, String error, String newKey) {
        Map<String, Object> p = base(s, "sites");
        p.put("sites", web.sites().all());
        List<ApiKeys.ApiKey> keys = web.keys().list();
        Map<Long, List<ApiKeys.Site>> keySites = new LinkedHashMap<>();
        for (ApiKeys.ApiKey k : keys) keySites.put(k.id(), web.keys().sites(k.id()));
        p.put("keys", keys);
        p.put("keySites", keySites);
        p.put("error", error);
        p.put("newKey", newKey);
        p.put("publicUrl", web.publicUrl());
        ctx.status(status).html(web.views().render("admin/sites.jte", p));
    }

    void createSite(Context ctx) {
        Admins.Session s = requireSessionForPost(ctx);
        String name = nz(ctx.formParam("name")).strip();
        String baseUrl = nz(ctx.formParam("baseUrl")).strip().replaceAll("/+$", "");
        List<String> origins = new ArrayList<>();
        String problem = null;
        if (name.isEmpty() || name.length() > 100) problem = "Give the site a name (at most 100 characters).";
        String origin = originOf(baseUrl);
        if (problem == null && origin == null) problem = "The site's address must be an http or https URL, like https://blog.example.org.";
        if (problem == null) {
            origins.add(origin);
            for (String o : SiteSettings.words(ctx.formParam("origins"))) {
                String clean = originOf(o);
                if (clean == null) {
                    problem = "\"" + o + "\" is not an origin (scheme://host[:port]).";
                    break;
                }
                if (!origins.contains(clean)) origins.add(clean);
            }
        }
        if (problem != null) {
            renderSites(ctx, s, 400, problem, null);
            return;
        }
        Web.NewSite created = web.siteKeys().create(name, baseUrl, origins);
        renderSites(ctx, s, 200, null, "API key for " + created.site().name() + ": " + created.apiKey()
                + " (stored hashed: copy it now, it is not shown again)");
    }

    void revokeKey(Context ctx) {
        Admins.Session s = requireSessionForPost(ctx);
        String id = ctx.pathParam("id");
        if (!web.keys().revoke(id)) throw HttpError.notFound("There is no active key with id " + id + ".");
        renderSites(ctx, s, 200, null, null);
    }

    void sitePage(Context ctx) {
        Admins.Session s = requireSession(ctx);
        if (s == null) return;
        Site site = siteOr404(ctx);
        renderSite(ctx, s, site, 200, List.of(), ctx.queryParam("saved") != null);
    }

    void saveSite(Context ctx) {
        Admins.Session s = requireSessionForPost(ctx);
        Site site = siteOr404(ctx);
        List<String> problems = new ArrayList<>();
        SiteSettings d = site.settings();
        SiteSettings next = new SiteSettings(
                intParam(ctx, "maxDepth", d.maxDepth(), "Reply depth", problems),
                "newest".equals(ctx.formParam("order")),
                intParam(ctx, "pageSize", d.pageSize(), "Comments per page", problems),
                SiteSettings.words(ctx.formParam("holdWords")), SiteSettings.words(ctx.formParam("rejectWords")),
                ctx.formParam("holdUnknownEmail") != null,
                intParam(ctx, "holdLinksOver", d.holdLinksOver(), "Link limit", problems),
                intParam(ctx, "holdNewCommenterDays", d.holdNewCommenterDays(), "New-commenter days", problems),
                doubleParam(ctx, "holdThreshold", d.holdThreshold(), "Hold threshold", problems),
                doubleParam(ctx, "spamThreshold", d.spamThreshold(), "Spam threshold", problems),
                intParam(ctx, "minimiseAfterDays", d.minimiseAfterDays(), "Days before IPs are truncated", problems),
                intParam(ctx, "deleteSpamAfterDays", d.deleteSpamAfterDays(), "Days before spam is deleted", problems),
                intParam(ctx, "deleteTrashAfterDays", d.deleteTrashAfterDays(), "Days before trash is deleted", problems));
        if (problems.isEmpty()) problems.addAll(next.problems());
        List<String> origins = new ArrayList<>();
        for (String o : SiteSettings.words(ctx.formParam("origins"))) {
            String clean = originOf(o);
            if (clean == null) problems.add("\"" + o + "\" is not an origin (scheme://host[:port], no path).");
            else if (!origins.contains(clean)) origins.add(clean);
        }
        String name = nz(ctx.formParam("name")).strip();
        if (name.isEmpty() || name.length() > 100) problems.add("Give the site a name (at most 100 characters).");
        Site updated = new Site(site.id(), site.slug(), name.isEmpty() ? site.name() : name, site.baseUrl(), site.apiSiteId(),
                origins, next, site.createdAt());
        if (!problems.isEmpty()) {
            renderSite(ctx, s, updated, 400, problems, false);
            return;
        }
        web.sites().update(updated);
        ctx.redirect("/admin/sites/" + site.id() + "?saved=1", HttpStatus.SEE_OTHER);
    }

    private void renderSite(Context ctx, Admins.Session s, Site site, int status, List<String> problems, boolean saved) {
        Map<String, Object> p = base(s, "sites");
        p.put("site", site);
        p.put("settings", site.settings());
        p.put("problems", problems);
        p.put("saved", saved);
        p.put("publicUrl", web.publicUrl());
        ctx.status(status).html(web.views().render("admin/site.jte", p));
    }

    // ---- stats

    void stats(Context ctx) {
        Admins.Session s = requireSession(ctx);
        if (s == null) return;
        List<Site> sites = web.sites().all();
        if (sites.isEmpty()) throw HttpError.notFound("There are no sites yet.");
        long siteId = ReaderRoutes.parseId(nz(ctx.queryParam("site"))).orElse(sites.getFirst().id());
        Site site = sites.stream().filter(x -> x.id() == siteId).findFirst()
                .orElseThrow(() -> HttpError.notFound("There is no site with id " + siteId + "."));
        int days = switch (nz(ctx.queryParam("days"))) {
            case "7" -> 7;
            case "90" -> 90;
            default -> 30;
        };
        Map<String, Object> p = base(s, "stats");
        p.put("site", site);
        p.put("sites", sites);
        p.put("d", Dashboard.compute(web.comments(), web.moderations(), site.id(), days, web.clock().millis()));
        ctx.html(web.views().render("admin/stats.jte", p));
    }

    // ---- data requests (admin-assisted see / export / erase by e-mail address)

    void data(Context ctx) {
        Admins.Session s = requireSession(ctx);
        if (s == null) return;
        String email = nz(ctx.queryParam("email")).strip();
        Map<String, Object> p = base(s, "data");
        p.put("email", email);
        p.put("items", email.isEmpty() ? List.of() : web.comments().byEmailHash(web.intake().emailHash(email)));
        p.put("done", nz(ctx.queryParam("done")));
        ctx.html(web.views().render("admin/data.jte", p));
    }

    void dataExport(Context ctx) throws Exception {
        if (requireSession(ctx) == null) return;
        String email = nz(ctx.queryParam("email")).strip();
        if (email.isEmpty()) throw HttpError.badRequest("Give the e-mail address whose comments to export.");
        List<Object> out = new ArrayList<>();
        for (StoredComment c : web.comments().byEmailHash(web.intake().emailHash(email))) {
            CommentThread t = web.threads().byId(c.threadId()).orElse(null);
            if (t != null) out.add(ReaderRoutes.exportOf(c, t, web.moderator().keptDecisions(c)));
        }
        ctx.header("Content-Disposition", "attachment; filename=\"comments-export.json\"");
        ctx.contentType("application/json").result(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(out));
    }

    void dataErase(Context ctx) {
        requireSessionForPost(ctx);
        String email = nz(ctx.formParam("email")).strip();
        if (email.isEmpty()) throw HttpError.badRequest("Give the e-mail address whose comments to erase.");
        int n = 0;
        for (StoredComment c : web.comments().byEmailHash(web.intake().emailHash(email))) {
            web.moderator().forgetLessons(c);
            web.comments().delete(c.id(), web.clock().millis());
            n++;
        }
        ctx.redirect("/admin/data?done=" + Http.enc("Erased " + n + (n == 1 ? " comment." : " comments.")), HttpStatus.SEE_OTHER);
    }

    // ---- sessions and CSRF

    private Admins.Session session(Context ctx) {
        String token = ctx.cookie(SESSION_COOKIE);
        if (token == null || token.length() > 100) return null;
        return web.admins().session(Signer.sha256(token), web.clock().millis()).orElse(null);
    }

    /** The session of a page request; redirects to the login page (and returns null) when there is none. */
    private Admins.Session requireSession(Context ctx) {
        adminHeaders(ctx);
        Admins.Session s = session(ctx);
        if (s == null) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/admin/login?next=" + Http.enc(next), HttpStatus.SEE_OTHER);
        }
        return s;
    }

    /** The session of a form post, whose CSRF token must match. */
    private Admins.Session requireSessionForPost(Context ctx) {
        adminHeaders(ctx);
        Admins.Session s = session(ctx);
        if (s == null) throw new HttpError(401, "Your session has ended. Log in again, then repeat what you did.");
        checkCsrf(ctx, s);
        return s;
    }

    private static void checkCsrf(Context ctx, Admins.Session s) {
        String given = nz(ctx.formParam("_csrf"));
        if (!MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8)))
            throw HttpError.forbidden("This form has expired or was not sent from this site. Reload the page and try again.");
    }

    private Map<String, Object> base(Admins.Session s, String tab) {
        Map<String, Object> p = new HashMap<>();
        p.put("user", s.username());
        p.put("csrf", s.csrf());
        p.put("tab", tab);
        return p;
    }

    private Site siteOr404(Context ctx) {
        long id = ReaderRoutes.parseId(ctx.pathParam("id")).orElseThrow(() -> HttpError.notFound("There is no such site."));
        return web.sites().byId(id).orElseThrow(() -> HttpError.notFound("There is no such site."));
    }

    private static void adminHeaders(Context ctx) {
        Http.pageHeaders(ctx, false);
        ctx.header("Cache-Control", "no-store");
    }

    /** scheme://host[:port] of a URL or origin, lower-cased; null when it is not one. */
    static String originOf(String raw) {
        try {
            java.net.URI u = new java.net.URI(raw.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) return null;
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String safeNext(String next) {
        return next != null && next.startsWith("/admin") && !next.startsWith("//") ? next : "/admin/queue";
    }

    private static int intParam(Context ctx, String name, int fallback, String label, List<String> problems) {
        String v = ctx.formParam(name);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            problems.add(label + " must be a whole number.");
            return fallback;
        }
    }

    private static double doubleParam(Context ctx, String name, double fallback, String label, List<String> problems) {
        String v = ctx.formParam(name);
        if (v == null) return fallback;
        try {
            double d = Double.parseDouble(v.strip());
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            problems.add(label + " must be a number between 0 and 1, like 0.5.");
            return fallback;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
