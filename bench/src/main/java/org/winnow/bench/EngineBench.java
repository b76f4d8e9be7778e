package org.winnow.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;
import org.winnow.engine.model.Model;
import org.winnow.engine.text.TextNormalizer;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.training.DefaultModel;

/**
 * The engine's steps on typical comments (about 200 characters with one link), one thread, so the
 * figures are per core. Each invocation takes the next comment of 4,096 generated ones, so branch
 * predictors and caches see varied input, as a server does; that is more than a site's recent-traffic
 * record holds (1,024), so a comment has left it before it comes round again and is not judged a
 * near-copy of itself (real traffic rarely repeats a comment exactly).
 *
 * <pre>java -jar bench/target/benchmarks.jar EngineBench</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class EngineBench {

    private static final int N = 4096;
    private static final String SITE = "1";

    private Comment[] comments;
    private String[] texts;
    private TextNormalizer normalizer;
    private FeatureExtractor extractor;
    private SpamEngine engine;
    private SpamEngine modelOnly;
    private SpamEngine taught;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<Items.Item> items = Items.typical(N, 200, 20261125L);
        comments = new Comment[N];
        texts = new String[N];
        for (int i = 0; i < N; i++) {
            comments[i] = items.get(i).comment();
            texts[i] = comments[i].content();
        }
        Model model = DefaultModel.load();
        normalizer = new TextNormalizer(model.config().deobfuscation());
        extractor = new FeatureExtractor(model.config());
        engine = SpamEngine.create(model, RecentTraffic.withDefaults());
        modelOnly = SpamEngine.create(model);
        // A site whose moderators have corrected the engine: its site adjustments are read for every
        // feature, and the author history holds labels (on generated comments that are not judged below).
        taught = SpamEngine.create(model, RecentTraffic.withDefaults());
        List<Items.Item> corrections = Items.typical(TAUGHT_LABELS, 200, 20261126L);
        for (Items.Item item : corrections) taught.learn(SITE, item.comment(), item.spam());
    }

    /** Corrections the taught site has made before the benchmark. */
    private static final int TAUGHT_LABELS = 500;

    private int nextIndex() {
        int i = next;
        next = (i + 1) & (N - 1);
        return i;
    }

    /** Step 1: HTML entities, invisible characters, case-folding, lookalikes. */
    @Benchmark
    public TextNormalizer.Folded normalise() {
        return normalizer.fold(texts[nextIndex()]);
    }

    /** Steps 1–2: normalisation, tokens, links, hashed features. */
    @Benchmark
    public Features features() {
        return extractor.extract(comments[nextIndex()]);
    }

    /**
     * The whole verdict as the server makes it: features, score, near-duplicate memory, rules, the
     * recent-traffic signals (each comment recorded in the site's recent traffic) and the explanation.
     */
    @Benchmark
    public Verdict judge() {
        return engine.judge(SITE, comments[nextIndex()]);
    }

    /**
     * The whole verdict on a site that has taught the engine {@value #TAUGHT_LABELS} corrections: what a
     * server pays once moderators have worked (site adjustments per feature, author history look-ups).
     */
    @Benchmark
    public Verdict judgeOnATaughtSite() {
        return taught.judge(SITE, comments[nextIndex()]);
    }

    /** The same without the recent-traffic signals (what a library user of the engine alone pays). */
    @Benchmark
    public Verdict judgeWithoutTraffic() {
        return modelOnly.judge(SITE, comments[nextIndex()]);
    }

    /** The shipped model, read from the jar: what server start pays once. */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3, batchSize = 1)
    @Measurement(iterations = 5, batchSize = 1)
    public Model loadDefaultModel() {
        return DefaultModel.load();
    }

}
