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
import org.winnow.engine.model.Model;
import org.winnow.training.DefaultModel;

/**
 * One correction (submit-spam / submit-ham): the time from {@code learn} being called to the model
 * having taken it in, in microseconds. Every iteration starts again from the shipped model, so the
 * near-duplicate memory does not grow without bound across the run; within an iteration it grows as
 * it would on a busy site.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Threads(1)
public class LearnBench {

    private static final int N = 4096;

    private Model base;
    private Comment[] comments;
    private boolean[] labels;
    private SpamEngine engine;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        base = DefaultModel.load();
        List<Items.Item> items = Items.typical(N, 200, 7L);
        comments = new Comment[N];
        labels = new boolean[N];
        for (int i = 0; i < N; i++) {
            comments[i] = items.get(i).comment();
            labels[i] = items.get(i).spam();
        }
    }

    @Setup(Level.Iteration)
    public void freshEngine() {
        engine = SpamEngine.create(base);
    }

    @Benchmark
    public SpamEngine learn() {
        int i = next;
        next = (i + 1) & (N - 1);
        // Sites 1..8: per-site adjustments and memories are spread as on a multi-site server.
        engine.learn(Integer.toString(1 + (i & 7)), comments[i], labels[i]);
        return engine;
    }
}
