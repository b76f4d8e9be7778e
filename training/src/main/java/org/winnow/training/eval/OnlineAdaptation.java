package org.winnow.training.eval;

import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.List;

/**
 * Prequential test of learning from corrections: every comment of a stream is judged first, then, when
 * the verdict was wrong, the engine learns the right label (as a moderator's correction would teach
 * it). Figures are taken over consecutive windows of the stream.
 */
public final class OnlineAdaptation {
    private OnlineAdaptation() {}

    /** One window (a trailing part shorter than half a window is left out): comments seen so far, corrections so far, and the window's metrics. */
    public record Window(int seen, int corrections, Metrics metrics) {}

    public static List<Window> run(Model start, String site, List<Example> stream, int windowSize) {
        SpamEngine engine = SpamEngine.create(start);
        List<Window> out = new ArrayList<>();
        int corrections = 0;
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        for (int i = 0; i < stream.size(); i++) {
            Example e = stream.get(i);
            Verdict v = engine.judge(site, e.comment());
            scores.add(v.logOdds() - engine.threshold());
            labels.add(e.spam());
            if (v.isSpam() != e.spam()) {
                engine.learn(site, e.comment(), e.spam());
                corrections++;
            }
            boolean last = i == stream.size() - 1;
            if (scores.size() == windowSize || (last && scores.size() >= windowSize / 2)) {
                out.add(new Window(i + 1, corrections, metrics(scores, labels)));
                scores.clear();
                labels.clear();
            }
        }
        return out;
    }

    /**
     * The prequential figures of the whole stream after its first {@code skip} comments: each comment is
     * judged before its correction, as in {@link #run}, and the first ones are left out of the figures.
     */
    public static Metrics prequential(Model start, String site, List<Example> stream, int skip) {
        List<Double> scores = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        prequential(start, site, stream, skip, scores, labels);
        return metrics(scores, labels);
    }

    /** {@link #prequential(Model, String, List, int)}, adding each scored comment to {@code scores} and {@code labels} (to pool streams). */
    static void prequential(Model start, String site, List<Example> stream, int skip, List<Double> scores, List<Boolean> labels) {
        SpamEngine engine = SpamEngine.create(start);
        for (int i = 0; i < stream.size(); i++) {
            Example e = stream.get(i);
            Verdict v = engine.judge(site, e.comment());
            if (i >= skip) {
                scores.add(v.logOdds() - engine.threshold());
                labels.add(e.spam());
            }
            if (v.isSpam() != e.spam()) engine.learn(site, e.comment(), e.spam());
        }
    }

    /** The engine after the stream has been run through it (for forgetting checks). */
    public static SpamEngine adapt(Model start, String site, List<Example> stream) {
        SpamEngine engine = SpamEngine.create(start);
        for (Example e : stream) {
            if (engine.judge(site, e.comment()).isSpam() != e.spam()) engine.learn(site, e.comment(), e.spam());
        }
        return engine;
    }

    public static Metrics judgeAll(SpamEngine engine, String site, List<Example> data) {
        List<Double> s = new ArrayList<>();
        List<Boolean> l = new ArrayList<>();
        for (Example e : data) {
            s.add(engine.judge(site, e.comment()).logOdds() - engine.threshold());
            l.add(e.spam());
        }
        return metrics(s, l);
    }

    static Metrics metrics(List<Double> scores, List<Boolean> labels) {
        double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] l = new boolean[labels.size()];
        for (int i = 0; i < l.length; i++) l[i] = labels.get(i);
        return Metrics.of(s, l);
    }
}
