package org.winnow.platform;

import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.winnow.platform.data.Admins;
import org.winnow.platform.data.Articles;
import org.winnow.platform.data.Comments;
import org.winnow.platform.data.Database;
import org.winnow.platform.data.Moderations;
import org.winnow.platform.data.Site;
import org.winnow.platform.data.SiteSettings;
import org.winnow.platform.data.Sites;
import org.winnow.platform.data.Threads;
import org.winnow.platform.intake.CommentIntake;
import org.winnow.platform.intake.CommentRateLimiter;
import org.winnow.platform.moderation.Moderator;
import org.winnow.platform.privacy.Retention;
import org.winnow.platform.security.Passwords;
import org.winnow.platform.security.Signer;
import org.winnow.platform.web.Routes;
import org.winnow.platform.web.Views;
import org.winnow.platform.web.Web;
import org.winnow.store.ApiKeys;
import org.winnow.store.Store;

/**
 * The comment platform: article pages and threads, the comment form and embed widget, feeds, the
 * privacy page, and the site owner's admin (login, moderation queue, sites, stats).
 *
 * <pre>{@code
 * Platform platform = Platform.create(store, spamFilter, PlatformConfig.of(secret, "https://comments.example.org"));
 * Javalin.create(config -> { Platform.register(config, platform); ... });
 * platform.setupLink().ifPresent(System.out::println);   // first start: where to create the first admin
 * }</pre>
 */
public final class Platform implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);
    private final Web web;
    private final Admins admins;
    private final Retention retention;
    /** How long a first-admin setup link works (each start without an admin prints a new one). */
    static final Duration SETUP_LINK_VALIDITY = Duration.ofHours(24);
    /** The setup link this process printed (its hash is in the database, so it works on every node). */
    private final AtomicReference<String> setupToken = new AtomicReference<>();
    private final ScheduledExecutorService scheduler;
    private final PlatformConfig config;

    private final Database.Connected own;
    private final CommentRateLimiter limiter;
    private final Comments comments;

    private Platform(Store store, Jdbi jdbi, Database.Connected own, SpamFilter filter, PlatformConfig config) {
        this.config = config;
        this.own = own;
        Sites sites = new Sites(jdbi);
        Articles articles = new Articles(jdbi);
        Threads threads = new Threads(jdbi);
        Comments comments = new Comments(jdbi);
        this.comments = comments;
        Moderations moderations = new Moderations(jdbi);
        this.admins = new Admins(jdbi);
        Signer signer = new Signer(config.secret());
        this.limiter = commentLimiter(jdbi, signer, config);
        CommentIntake intake = new CommentIntake(comments, filter, signer, config.clock(), limiter);
        Moderator moderator = new Moderator(comments, threads, sites, moderations, filter, config.clock());
        this.retention = new Retention(sites, comments, config.clock());
        ApiKeys keys = store.keys();
        Web.Setup setup = new Web.Setup() {
            @Override
            public boolean valid(String token) {
                return token != null && admins.setupTokenValid(Signer.sha256(token), config.clock().millis());
            }

            @Override
            public String complete(String token, String username, String password) {
                String problem = adminProblem(username, password);
                if (problem != null) return problem;
                if (!admins.createFirstAdmin(Signer.sha256(token), username, Passwords.hash(password), config.clock().millis()))
                    return "This setup link has been used or has expired, or an admin exists already. Log in instead.";
                return null;
            }
        };
        Web.SiteFactory factory = (name, baseUrl, origins) -> {
            ApiKeys.Created created = keys.create(baseUrl, "comment platform: " + name);
            Site site = sites.create(uniqueSlug(sites, name), name, baseUrl, created.site().id(), origins,
                    SiteSettings.defaults(), config.clock().millis());
            return new Web.NewSite(site, created.plaintext());
        };
        this.web = new Web(sites, articles, threads, comments, admins, moderations, intake, moderator, keys, signer,
                new Views(), config.clock(), config.publicUrl(), config.trustProxy(), setup, factory,
                config.commentLimits());
        firstStart(sites, articles, keys);
        if (admins.count() == 0) {
            String token = Signer.random(24);
            long now = config.clock().millis();
            admins.addSetupToken(Signer.sha256(token), now + SETUP_LINK_VALIDITY.toMillis(), now);
            setupToken.set(token);
            LOG.info("No admin yet. Create the first one at {} (works once, on any node, for {} hours)",
                    setupLink().orElseThrow(), SETUP_LINK_VALIDITY.toHours());
        }
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "winnow-platform-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::housekeeping, 1, 60, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(this::forgetFullRateBuckets, 5, 5, TimeUnit.MINUTES);
    }

    /** Comment limits must hold across nodes, so on PostgreSQL (shared) they live in the database. */
    private static CommentRateLimiter commentLimiter(Jdbi jdbi, Signer signer, PlatformConfig config) {
        String product;
        try {
            product = jdbi.withHandle(h -> h.getConnection().getMetaData().getDatabaseProductName());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot tell which database the platform runs on", e);
        }
        boolean shared = product.toLowerCase(Locale.ROOT).contains("postgres");
        return shared ? CommentRateLimiter.inDatabase(jdbi, config.commentLimits(), signer, config.clock())
                : CommentRateLimiter.inMemory(config.commentLimits(), signer, config.clock());
    }

    private void forgetFullRateBuckets() {
        try {
            limiter.removeExpired();
        } catch (RuntimeException e) {
            LOG.warn("could not delete expired comment rate limits; will retry in 5 minutes", e);
        }
    }

    /**
     * Opens the platform on a migrated store (the platform's tables come with the store's migrations,
     * from this jar's {@code db/migration}) through the store's own {@code jdbi()}. On the first start
     * it creates the demo site and article and prepares the one-time admin setup link. Starts one
     * daemon thread that applies the retention settings hourly.
     *
     * @throws IllegalStateException when this store version has no {@code jdbi()}: use
     *                               {@link #create(Store, String, SpamFilter, PlatformConfig)}
     */
    public static Platform create(Store store, SpamFilter filter, PlatformConfig config) {
        Jdbi jdbi = Database.fromStore(store).orElseThrow(() -> new IllegalStateException(
                "this Store has no jdbi(); pass the database URL to Platform.create instead"));
        return new Platform(store, jdbi, null, filter, config);
    }

    /**
     * Like {@link #create(Store, SpamFilter, PlatformConfig)}, but with connections of its own to
     * {@code databaseUrl}, the same URL the store was opened with (SQLite file or PostgreSQL).
     */
    public static Platform create(Store store, String databaseUrl, SpamFilter filter, PlatformConfig config) {
        Database.Connected own = Database.connect(databaseUrl);
        try {
            return new Platform(store, own.jdbi(), own, filter, config);
        } catch (RuntimeException e) {
            own.close();
            throw e;
        }
    }

    /** Adds the platform's routes (reader pages, widget, feeds, admin) to a Javalin config. */
    public static void register(JavalinConfig javalin, Platform platform) {
        Routes.mount(javalin, platform.web);
    }

    /**
     * Creates an admin, or sets a new password for an existing one (for the CLI).
     *
     * @throws IllegalArgumentException with a message for people when the name or password is not acceptable
     */
    public void createAdmin(String username, String password) {
        String problem = adminProblem(username, password);
        if (problem != null) throw new IllegalArgumentException(problem);
        admins.upsert(username.strip(), Passwords.hash(password), config.clock().millis());
        admins.endSetup();
        setupToken.set(null);
    }

    /**
     * Of the newest {@code limit} comments posted at or after {@code from}, those the spam filter judged
     * and whose id {@code known} does not accept, oldest first: for a filter that rebuilds its
     * recent-traffic signals from the database when it starts, and follows other nodes' comments.
     */
    public List<Comments.Judged> judgedSince(java.time.Instant from, int limit, java.util.function.LongPredicate known) {
        return comments.judgedSince(from.toEpochMilli(), limit, known);
    }

    /**
     * The one-time link that creates the first admin, made at this start while there was none: it works
     * on every node sharing the database, across restarts, once, for {@link #SETUP_LINK_VALIDITY}. Empty
     * once it can no longer be used.
     */
    public Optional<String> setupLink() {
        String t = setupToken.get();
        if (t == null || !admins.setupTokenValid(Signer.sha256(t), config.clock().millis())) return Optional.empty();
        return Optional.of(config.publicUrl() + "/admin/setup/" + t);
    }

    /** Applies every site's retention settings now; returns how many comments were changed or deleted. */
    public int runRetention() {
        return retention.run();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        if (own != null) own.close();
    }

    private void housekeeping() {
        try {
            retention.run();
            admins.purgeSessions(config.clock().millis());
        } catch (RuntimeException e) {
            LOG.warn("retention run failed; will retry in an hour", e);
        }
    }

    private void firstStart(Sites sites, Articles articles, ApiKeys keys) {
        // Several nodes started together on one empty PostgreSQL race to create the demo site and
        // article (unique slugs): a loser looks again, and finds the winner's rows or finishes them.
        for (int attempt = 1; ; attempt++) {
            try {
                createDemo(sites, articles, keys);
                return;
            } catch (RuntimeException e) {
                if (attempt == 5) throw e;
                LOG.info("another node is creating the demo content; looking again");
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void createDemo(Sites sites, Articles articles, ApiKeys keys) {
        if (sites.home().isEmpty()) {
            String url = config.publicUrl();
            // Share the store site of the app's first key for this URL when there is one, so the
            // Akismet API and the platform judge this site with the same per-site model.
            ApiKeys.Site apiSite = keys.list().stream().filter(ApiKeys.ApiKey::active).findFirst()
                    .map(k -> keys.site(k.id(), url))
                    .orElseGet(() -> keys.create(url, "comment platform demo").site());
            String origin = url.replaceAll("^(https?://[^/]+).*$", "$1").toLowerCase(Locale.ROOT);
            sites.create("demo", "Winnow demo", url, apiSite.id(), List.of(origin), SiteSettings.defaults(),
                    config.clock().millis());
        }
        if (articles.count() == 0) {
            Site home = sites.home().orElseThrow();
            articles.create(home.id(), DemoContent.SLUG, DemoContent.TITLE, DemoContent.SUMMARY, DemoContent.BODY,
                    config.clock().millis());
        }
    }

    private String adminProblem(String username, String password) {
        if (username == null || !username.strip().matches("[A-Za-z0-9._@-]{1,64}"))
            return "The user name must be 1 to 64 letters, digits, dots, dashes, underscores or @.";
        return Passwords.weakness(password);
    }

    private static String uniqueSlug(Sites sites, String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (base.isEmpty()) base = "site";
        if (base.length() > 40) base = base.substring(0, 40);
        String slug = base;
        for (int i = 2; sites.bySlug(slug).isPresent(); i++) slug = base + "-" + i;
        return slug;
    }
}
