package org.winnow.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.training.DefaultModel;

/**
 * Judges the rows of the peers' test file, so Winnow's items per second stand beside bogofilter's
 * and SpamAssassin's on exactly the same comments. {@code -p items=PATH} names the TSV;
 * {@code synthetic} (the default) uses generated typical comments instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class PeerItemsBench {

    @Param("synthetic")
    public String items;

    private Comment[] comments;
    private SpamEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        List<Items.Item> list = items.equals("synthetic") ? Items.typical(1000, 200, 1L) : Items.fromTsv(Path.of(items));
        comments = list.stream().map(Items.Item::comment).toArray(Comment[]::new);
        engine = SpamEngine.create(DefaultModel.load());
    }

    @Benchmark
    public Verdict judgeItem() {
        int i = next;
        next = i + 1 == comments.length ? 0 : i + 1;
        return engine.judge("1", comments[i]);
    }
}
