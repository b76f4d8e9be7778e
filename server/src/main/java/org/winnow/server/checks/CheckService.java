package org.winnow.server.checks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.winnow.engine.Label;
import org.winnow.engine.Signal;
import org.winnow.engine.Verdict;
import org.winnow.server.learning.LiveModel;
import org.winnow.server.learning.TrafficFeed;
import org.winnow.server.metrics.ServerMetrics;
import org.winnow.store.ApiKeys;
import org.winnow.store.Checks;
import org.winnow.store.Checks.Check;
import org.winnow.store.Corrections;
import org.winnow.store.Corrections.Correction;
import org.winnow.store.Store;

/**
 * What both APIs do with a comment: judge it and record the check; and learn from a correction
 * (submit-spam / submit-ham / feedback), matched to its check by GUID or by the comment's fields.
 */
public final class CheckService {

    private static final JsonFactory JSON = new JsonFactory();
    private static final double TRIGGER_LOG_ODDS = 10.0;

    private final Store store;
    private final LiveModel model;
    private final Limits limits;
    private final Clock clock;
    private final ServerMetrics metrics;
    private final TrafficFeed traffic;

    public CheckService(Store store, LiveModel model, Limits limits, Clock clock) {
        this(store, model, limits, clock, null);
    }

    /** With {@code metrics} (may be null) counting every recorded check by verdict. */
    public CheckService(Store store, LiveModel model, Limits limits, Clock clock, ServerMetrics metrics) {
        this(store, model, limits, clock, metrics, null);
    }

    /**
     * With {@code traffic} (may be null) told of every check this node records into its own recent
     * traffic, so that it does not replay it from the database.
     */
    public CheckService(Store store, LiveModel model, Limits limits, Clock clock, ServerMetrics metrics,
                        TrafficFeed traffic) {
        this.store = store;
        this.model = model;
        this.limits = limits;
        this.clock = clock;
        this.metrics = metrics;
        this.traffic = traffic;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * A new check id: 32 lowercase hex characters, as {@code X-akismet-guid} carries it. It is the
     * store's time-ordered guid (12 hex digits of milliseconds, then 80 random bits), so new checks
     * land at the end of the guid index instead of on a random page (docs/performance.md). Only the
     * last 20 characters are random: an id that must be unpredictable by itself should use those.
     */
    public static String newGuid() {
        return Checks.newGuid();
    }

    /**
     * The outcome of one check.
     *
     * @param guid    the check's id
     * @param verdict the verdict (from a test trigger or from the engine)
     * @param trigger true when an Akismet test trigger decided (never a discard then)
     */
    public record Outcome(String guid, Verdict verdict, boolean trigger) {
        public Label label() {
            return verdict.label();
        }

        public String verdictName() {
            return verdict.label().name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Judges one comment for one site and records the check.
     *
     * @param guid   the id to give the check (see {@link #newGuid()})
     * @param siteId the site, as {@link ApiKeys#site} gave it
     * @param test   the client said is_test: recorded as a test (not counted, never learned)
     */
    public Outcome check(String guid, long siteId, CommentFields fields, boolean test) {
        try {
            return checkAsync(guid, siteId, fields, test).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /**
     * Judges the comment on the calling thread, then records the check without waiting for it: the
     * future completes with the outcome once the check is durable (so an answer sent from it is a
     * recorded check), on the store's thread that releases committed checks.
     */
    public CompletableFuture<Outcome> checkAsync(String guid, long siteId, CommentFields fields, boolean test) {
        Optional<TestTriggers.Trigger> trigger = TestTriggers.find(fields);
        Verdict verdict;
        if (trigger.isPresent()) {
            TestTriggers.Trigger t = trigger.get();
            double logOdds = t.label() == Label.HAM ? -TRIGGER_LOG_ODDS : TRIGGER_LOG_ODDS;
            verdict = new Verdict(t.label(), t.label() == Label.HAM ? 0.0 : 1.0, logOdds,
                    List.of(new Signal(t.signalName(), t.detail(), logOdds)));
        } else {
            boolean record = recordsTraffic(test, fields);
            verdict = model.judge(Long.toString(siteId), fields.toComment(), record);
            if (record && traffic != null) traffic.judgedHere(guid);
        }
        Outcome outcome = new Outcome(guid, verdict, trigger.isPresent());
        double score = Double.isFinite(verdict.score()) ? Math.max(0, Math.min(1, verdict.score())) : 0.5;
        return store.checks().recordAsync(new Check(guid, siteId, clock.instant(), outcome.verdictName(), score,
                        explanationJson(verdict), fields.toStoredJson(test, Checks.MAX_COMMENT_CHARS), fields.matchKey(), test))
                .thenApply(ignored -> {
                    if (metrics != null) metrics.check(outcome.verdictName(), test); // counted once durable
                    return outcome;
                });
    }

    /**
     * Whether a check joins the site's recent traffic. Test traffic and re-checks of a comment judged
     * before are judged against it but do not join it: they would make bursts and near-copies out of
     * nothing. (Test triggers are not judged at all.)
     */
    private static boolean recordsTraffic(boolean test, CommentFields fields) {
        return !test && fields.recheckReason().isEmpty();
    }

    /**
     * The recorded checks that joined some node's recent traffic, as a {@link TrafficFeed} replays
     * them: of the newest {@code limit} since {@code from}, those not {@code known}, oldest first. Test
     * traffic, re-checks, test triggers and rows that cannot be read are left out.
     */
    public static TrafficFeed.Source trafficSource(Store store, Limits limits) {
        return (from, limit, known) -> judgedSince(store, limits, from, limit, known);
    }

    private static List<TrafficFeed.Judged> judgedSince(Store store, Limits limits, Instant from, int limit,
                                                        Predicate<String> known) {
        List<TrafficFeed.Judged> out = new ArrayList<>();
        for (Checks.Judged j : store.checks().judgedSince(from, limit, known)) {
            CommentFields.Stored stored;
            try {
                stored = CommentFields.fromStoredJson(j.comment(), limits);
            } catch (RuntimeException e) {
                continue; // unreadable: it only ever fed the traffic signals, nothing is lost
            }
            CommentFields fields = stored.fields();
            if (!recordsTraffic(stored.test(), fields) || TestTriggers.find(fields).isPresent()) continue;
            out.add(new TrafficFeed.Judged(j.guid(), Long.toString(j.siteId()), j.at(), fields.toComment(),
                    TrafficFeed.logOdds(j.score())));
        }
        return out;
    }

    /** How a correction was matched to an earlier check. */
    public enum MatchedBy { GUID, FIELDS, NONE }

    /**
     * The outcome of one correction.
     *
     * @param correction the appended correction, or null when nothing was appended (test traffic)
     * @param matchedBy  how the earlier check was found
     * @param check      the matched check, or null
     */
    public record Feedback(Correction correction, MatchedBy matchedBy, Check check) {
        public boolean learned() {
            return correction != null;
        }
    }

    /** The correction cannot be placed: no matching check and no site to file it under. */
    public static final class NoSiteException extends Exception {
        public NoSiteException() {
            super("no site", null, false, false);
        }
    }

    /**
     * Files a correction and learns it before returning, so this node's next check reflects it.
     * The earlier check is found by {@code guid} (it must belong to one of the key's sites), else by
     * the fields' match key among the site's checks; the correction then carries the comment as it
     * was checked and the verdict it got. Without a match the submitted fields are used as they are.
     * Test traffic (the request's is_test, or a matched check that was a test) is answered but
     * neither stored nor learned.
     *
     * @param keyId  the caller's key
     * @param siteId the site named by the request, or null when it named none
     * @param guid   the check id the client sent, or null
     * @param source "submit-spam", "submit-ham", "feedback"…
     */
    public Feedback correct(long keyId, Long siteId, String guid, CommentFields fields, boolean spam, boolean test,
                            String source) throws NoSiteException {
        Check match = null;
        MatchedBy by = MatchedBy.NONE;
        if (guid != null && !guid.isBlank()) {
            Optional<Check> g = store.checks().byGuid(guid.strip().toLowerCase(Locale.ROOT));
            if (g.isPresent() && belongsToKey(keyId, g.get().siteId())) {
                match = g.get();
                by = MatchedBy.GUID;
            }
        }
        if (match == null && siteId != null) {
            Optional<Check> f = store.checks().latestByMatchKey(siteId, fields.matchKey());
            if (f.isPresent()) {
                match = f.get();
                by = MatchedBy.FIELDS;
            }
        }
        long site;
        if (match != null) site = match.siteId();
        else if (siteId != null) site = siteId;
        else throw new NoSiteException();

        if (test || (match != null && match.test())) {
            return new Feedback(null, by, match);
        }
        String comment = match != null ? match.comment() : fields.toStoredJson(false, Corrections.MAX_COMMENT_CHARS);
        Correction appended = store.corrections().append(new Correction(0, site, match == null ? null : match.guid(),
                spam, source, comment, clock.instant(), match == null ? null : match.verdict()));
        model.applyThrough(appended.seq());
        return new Feedback(appended, by, match);
    }

    private boolean belongsToKey(long keyId, long siteId) {
        return store.keys().sites(keyId).stream().anyMatch(s -> s.id() == siteId);
    }

    /** The verdict as stored with a check: label, score, log-odds and signals (streamed, no JSON tree). */
    static String explanationJson(Verdict v) {
        StringWriter out = new StringWriter(64 + 96 * v.signals().size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("label", v.label().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("score", finite(v.score()));
            g.writeNumberField("log_odds", finite(v.logOdds()));
            g.writeArrayFieldStart("signals");
            for (Signal s : v.signals()) {
                g.writeStartObject();
                g.writeStringField("name", Text.clean(s.name(), 200));
                g.writeStringField("detail", Text.clean(s.detail(), 2000));
                g.writeNumberField("weight", finite(s.weight()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    private static double finite(double d) {
        return Double.isFinite(d) ? d : 0.0;
    }

    /** Turns a stored correction into the engine's input, or null for one that must not be learned. */
    public static org.winnow.engine.Comment learnable(Correction c, Limits limits) {
        if (c.comment().equals(Corrections.ERASED_COMMENT)) return null; // erased at its author's request
        CommentFields.Stored s = CommentFields.fromStoredJson(c.comment(), limits);
        return s.test() ? null : s.fields().toComment();
    }
}
