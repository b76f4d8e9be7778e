package org.winnow.training.eval;

import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.model.Model;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prequential test of learning from corrections: every comment of a stream is judged first, then, when
 * the verdict was wrong, the engine learns the right label (as a moderator's correction would teach
 * it). One {@link #pass} walks a stream once; its figures (per window, or after the first comments) and
 * the adapted engine all come from that walk.
 */
public final class OnlineAdaptation {
    private OnlineAdaptation() {}

    /** One window: comments seen so far, corrections so far, and the window's metrics. */
    public record Window(int seen, int corrections, Metrics metrics) {}

    /** A stream walked once: each comment's score before its correction, and the engine afterwards. */
    public static final class Pass {
        private final double[] scores;   // log-odds minus the threshold
        private final boolean[] labels;
        private final int[] corrections; // corrections made up to and including each comment
        private final SpamEngine engine;

        private Pass(double[] scores, boolean[] labels, int[] corrections, SpamEngine engine) {
            this.scores = scores;
            this.labels = labels;
            this.corrections = corrections;
            this.engine = engine;
        }

        /** The engine after the whole stream (for forgetting checks); judging with it changes nothing. */
        public SpamEngine engine() {
            return engine;
        }

        /** Consecutive windows of {@code size} comments; a trailing part shorter than half a window is left out. */
        public List<Window> windows(int size) {
            List<Window> out = new ArrayList<>();
            for (int from = 0; from < scores.length; from += size) {
                int to = Math.min(from + size, scores.length);
                if (to - from < size && to - from < size / 2) break;
                out.add(new Window(to, corrections[to - 1], figures(from, to)));
            }
            return out;
        }

        /** The figures of the comments after the first {@code skip}. */
        public Metrics after(int skip) {
            return figures(Math.min(skip, scores.length), scores.length);
        }

        /** Adds the comments after the first {@code skip} to pooled lists (several streams, one set of figures). */
        void addAfter(int skip, List<Double> pooledScores, List<Boolean> pooledLabels) {
            for (int i = skip; i < scores.length; i++) {
                pooledScores.add(scores[i]);
                pooledLabels.add(labels[i]);
            }
        }

        /** Each comment's log-odds minus the threshold, before its correction, in stream order (not a copy). */
        double[] margins() {
            return scores;
        }

        /** Corrections made over the whole stream. */
        int corrections() {
            return corrections.length == 0 ? 0 : corrections[corrections.length - 1];
        }

        private Metrics figures(int from, int to) {
            return Metrics.of(Arrays.copyOfRange(scores, from, to), Arrays.copyOfRange(labels, from, to));
        }
    }

    /** Judges every comment of {@code stream} for {@code site}, then corrects the engine when it was wrong. */
    public static Pass pass(Model start, String site, List<Example> stream) {
        boolean[] labels = new boolean[stream.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = stream.get(i).spam();
        return pass(SpamEngine.create(start), site, stream.stream().map(Example::comment).toList(), labels, true);
    }

    /**
     * Judges each of {@code comments} for {@code site} on {@code engine}, in order; when {@code correct},
     * each wrong verdict is then corrected with its label at once, as a moderator would.
     */
    static Pass pass(SpamEngine engine, String site, List<Comment> comments, boolean[] labels, boolean correct) {
        int n = comments.size();
        double[] scores = new double[n];
        int[] corrections = new int[n];
        int made = 0;
        for (int i = 0; i < n; i++) {
            Comment c = comments.get(i);
            Verdict v = engine.judge(site, c);
            scores[i] = v.logOdds() - engine.threshold();
            if (correct && v.isSpam() != labels[i]) {
                engine.learn(site, c, labels[i]);
                made++;
            }
            corrections[i] = made;
        }
        return new Pass(scores, labels.clone(), corrections, engine);
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
