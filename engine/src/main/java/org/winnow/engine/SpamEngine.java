package org.winnow.engine;

import org.winnow.engine.authors.AuthorHistory;
import org.winnow.engine.explain.Explainer;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.model.ModelParams;
import org.winnow.engine.model.OnlineModel;
import org.winnow.engine.rules.HardRules;
import org.winnow.engine.traffic.RecentTraffic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The spam engine: judges comments, explains each verdict and learns from corrections, one at a
 * time, while it serves. Thread-safe: many threads may judge while one learns.
 *
 * <pre>{@code
 * SpamEngine engine = SpamEngine.create(Model.read(in));
 * Verdict v = engine.judge("site-1", Comment.ofText("Buy cheap pills at example[dot]com"));
 * engine.learn("site-1", comment, true);   // a moderator said: spam
 * }</pre>
 */
public final class SpamEngine {
    private static final int MAX_SIGNALS = 10;

    private final FeatureExtractor extractor;
    private final OnlineModel model;
    private final ModelParams params;
    private final Explainer explainer = new Explainer(MAX_SIGNALS);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Recent unlabelled traffic per site (bursts, waves of copies, script profile); not part of the model file. */
    private final RecentTraffic traffic;
    /** Moderators' labels per author e-mail, website and name; guarded by {@link #lock}, like the model. */
    private final AuthorHistory authors;

    private SpamEngine(Model model, RecentTraffic traffic, AuthorHistory authors) {
        this.traffic = traffic;
        this.authors = authors;
        this.model = OnlineModel.of(model);
        this.params = model.params();
        this.extractor = new FeatureExtractor(model.config());
    }

    /**
     * An engine with default settings that starts from {@code model} (it is copied, not shared). It
     * judges by the model and the labels it learns, without recent-traffic signals: right for data
     * sets, which have no times or addresses. A server passes {@link RecentTraffic#withDefaults()} to
     * {@link #create(Model, RecentTraffic)}.
     */
    public static SpamEngine create(Model model) {
        return create(model, RecentTraffic.off());
    }

    /**
     * An engine that starts from {@code model}, tracks each site's recent traffic with {@code traffic}
     * (its settings and clock) and keeps an {@link AuthorHistory#withDefaults() author history}.
     */
    public static SpamEngine create(Model model, RecentTraffic traffic) {
        return create(model, traffic, AuthorHistory.withDefaults());
    }

    /** An engine with the given recent-traffic tracking and author history (e.g. {@link AuthorHistory#off()} to measure without it). */
    public static SpamEngine create(Model model, RecentTraffic traffic, AuthorHistory authors) {
        return new SpamEngine(Objects.requireNonNull(model, "model"), Objects.requireNonNull(traffic, "traffic"),
                Objects.requireNonNull(authors, "authors"));
    }

    /** Judges one comment for one site ({@code site} keys the per-site adjustments; any stable id). */
    public Verdict judge(String site, Comment comment) {
        return judge(site, comment, true);
    }

    /**
     * Judges one comment; with {@code recordTraffic} false it is judged against the site's recent
     * traffic without joining it (test traffic, re-checks of a comment judged before).
     */
    public Verdict judge(String site, Comment comment, boolean recordTraffic) {
        Features f = extractor.extractTransient(comment); // this thread's scratch: nothing below keeps it
        int salt = OnlineModel.siteSalt(site);
        double[] contributions = f.contributionBuffer(); // logOdds fills the first f.size()
        double learned;
        OnlineModel.DuplicateMatch match;
        Signal author;
        lock.readLock().lock();
        try {
            learned = model.logOdds(salt, f, contributions);
            match = model.nearestLearned(salt, f);
            author = authors.assess(salt, comment);
        } finally {
            lock.readLock().unlock();
        }
        double memorySignal = 0;
        if (match != null && match.similarity() >= params.memorySimilarity()) {
            memorySignal = (match.spam() ? 1 : -1) * params.memoryWeight() * match.similarity() * match.similarity();
        }
        double logOdds = learned + memorySignal + (author == null ? 0 : author.weight());
        RecentTraffic.Assessment recent = traffic.observe(site, comment, f, logOdds - params.threshold(), recordTraffic);
        logOdds += recent.logOdds();
        double spamCopy = match != null && match.spam() ? match.similarity() : 0;
        HardRules.Outcome outcome = HardRules.decide(f.honeypotFilled(), logOdds, params.threshold(),
                params.discardMargin(), f.linkCount(), spamCopy);

        List<Signal> signals = new ArrayList<>(MAX_SIGNALS + 3);
        signals.addAll(outcome.ruleSignals());
        List<Signal> learnedSignals = explainer.explain(f, contributions); // a new list of our own
        int explained = learnedSignals.size();
        if (memorySignal != 0) {
            // Math.round prints what "%.0f" did, without a Formatter
            String detail = Math.round(100 * match.similarity()) + "% similar to a comment labelled "
                    + (match.spam() ? "spam" : "ham") + " on this site";
            learnedSignals.add(new Signal("near_duplicate", detail, memorySignal));
        }
        if (author != null) learnedSignals.add(author);
        learnedSignals.addAll(recent.signals());
        if (learnedSignals.size() > explained) {
            // the explainer's list is strongest first already; what was added after it takes its place
            learnedSignals.sort((a, b) -> Double.compare(Math.abs(b.weight()), Math.abs(a.weight())));
            if (learnedSignals.size() > MAX_SIGNALS) learnedSignals = learnedSignals.subList(0, MAX_SIGNALS);
        }
        signals.addAll(learnedSignals);
        return new Verdict(outcome.label(), sigmoid(logOdds), logOdds, signals);
    }

    /**
     * Adds a comment judged before (by another node sharing the database, or by this node before it
     * restarted) to the site's recent traffic, at the time it was judged and with the log-odds it got,
     * without judging it again: so bursts and near-copies count every node's traffic, and a restart
     * keeps them. Do not pass comments this engine judged with {@code recordTraffic} itself.
     *
     * @param judgedAt when it was judged, in epoch milliseconds
     * @param logOdds  the log-odds it was judged with
     */
    public void recordJudged(String site, Comment comment, long judgedAt, double logOdds) {
        if (!traffic.settings().anyOn()) return;
        Features f = extractor.extractTransient(comment);
        traffic.replay(site, comment, f, logOdds - params.threshold(), judgedAt);
    }

    /** Learns one labelled example at once: the next {@link #judge} already reflects it. */
    public void learn(String site, Comment comment, boolean spam) {
        Features f = extractor.extractTransient(comment);
        lock.writeLock().lock();
        try {
            model.learn(site == null ? "" : site, f, spam);
            authors.learn(OnlineModel.siteSalt(site), comment, spam);
        } finally {
            lock.writeLock().unlock();
        }
        if (!spam) traffic.learnedHam(site, comment, f); // ham teaches the site's script and language profiles; bursts count only judged traffic
    }

    /** A consistent copy of the current model, e.g. to persist it. */
    public Model snapshot() {
        lock.readLock().lock();
        try {
            return model.toModel();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The decision threshold on the log-odds that this engine uses. */
    public double threshold() {
        return params.threshold();
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
