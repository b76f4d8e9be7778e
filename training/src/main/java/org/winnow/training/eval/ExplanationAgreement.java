package org.winnow.training.eval;

import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.text.TextNormalizer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Do the explanations agree with the model? For each spam text: remove the words the verdict names as
 * its strongest spam tokens, judge again, and see whether the score fell; as a control, remove as many
 * words drawn at random from the same text. Texts are compared in their folded form (what the
 * features see), so a removal is never undone by case or lookalike letters.
 */
public final class ExplanationAgreement {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}\\p{M}]+");
    private static final String TOKEN = "token";
    private static final double EPS = 1e-9;

    private ExplanationAgreement() {}

    /**
     * @param items         spam texts with at least one explained spam token
     * @param skipped       spam texts whose verdict named no spam token
     * @param topDropShare  share of items whose log-odds fell when the top tokens were removed
     * @param topMeanDrop   mean fall of the log-odds (negative: it rose)
     * @param topFlipShare  share of items judged spam before and ham after
     * @param randomDropShare, randomMeanDrop, randomFlipShare: the same with random words removed
     */
    public record Result(int k, int items, int skipped, double topDropShare, double topMeanDrop, double topFlipShare,
                         double randomDropShare, double randomMeanDrop, double randomFlipShare) {}

    /** Measures with the top {@code k} spam tokens of each verdict against {@code k} random words. */
    public static Result measure(SpamEngine engine, List<String> spamTexts, int k, long seed) {
        TextNormalizer normalizer = new TextNormalizer(true);
        Random random = new Random(seed);
        int items = 0, skipped = 0, topDrops = 0, randomDrops = 0, topFlips = 0, randomFlips = 0;
        double topSum = 0, randomSum = 0;
        for (String raw : spamTexts) {
            String text = normalizer.fold(raw).text();
            Verdict base = engine.judge("", Comment.ofText(text));
            Set<String> top = new LinkedHashSet<>();
            for (Signal s : base.signals()) {
                if (s.name().equals(TOKEN) && s.weight() > 0 && top.size() < k) top.add(s.detail());
            }
            List<String> words = distinctWords(text);
            if (top.isEmpty() || words.size() < top.size()) {
                skipped++;
                continue;
            }
            List<String> pool = new ArrayList<>(words);
            java.util.Collections.shuffle(pool, random);
            Set<String> control = new LinkedHashSet<>(pool.subList(0, top.size()));
            Verdict withoutTop = engine.judge("", Comment.ofText(without(text, top)));
            Verdict withoutRandom = engine.judge("", Comment.ofText(without(text, control)));
            double topDrop = base.logOdds() - withoutTop.logOdds();
            double randomDrop = base.logOdds() - withoutRandom.logOdds();
            items++;
            topSum += topDrop;
            randomSum += randomDrop;
            if (topDrop > EPS) topDrops++;
            if (randomDrop > EPS) randomDrops++;
            if (base.isSpam() && !withoutTop.isSpam()) topFlips++;
            if (base.isSpam() && !withoutRandom.isSpam()) randomFlips++;
        }
        double n = Math.max(items, 1);
        return new Result(k, items, skipped, topDrops / n, topSum / n, topFlips / n,
                randomDrops / n, randomSum / n, randomFlips / n);
    }

    /** The distinct words of a folded text, in order (runs of letters, digits and marks). */
    static List<String> distinctWords(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(m.group());
        return new ArrayList<>(out);
    }

    /** The text with every whole-word occurrence of the given words replaced by a space. */
    static String without(String text, Set<String> words) {
        StringBuilder b = new StringBuilder(text.length());
        Matcher m = WORD.matcher(text);
        int last = 0;
        while (m.find()) {
            b.append(text, last, m.start());
            b.append(words.contains(m.group()) ? " " : m.group());
            last = m.end();
        }
        return b.append(text, last, text.length()).toString();
    }
}
