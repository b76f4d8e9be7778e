package org.winnow.engine.model;

import org.winnow.engine.features.FeatureConfig;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A trained model: feature settings, hyper-parameters, weights, naive-Bayes counts, per-site
 * adjustments and the near-duplicate memory. Immutable once built (its arrays are never changed, so
 * copies may share them); read and written as a versioned binary.
 */
public final class Model {
    private static final int MAGIC = 0x574E4E57; // "WNNW"
    /**
     * 4: a site's adjustments at {@code OnlineModel.siteSlot} (older files' site adjustments are dropped on
     * read); 3: separate correction margins for spam and ham (2 had one margin for both).
     */
    private static final int VERSION = 4;

    final FeatureConfig config;
    final ModelParams params;
    final float[] weights;
    final float[] spamCounts;
    final float[] hamCounts;
    final float[] siteWeights;
    final int[] trainedSites;
    final double bias;
    final long spamExamples;
    final long hamExamples;
    final NearDuplicateMemory memory;

    Model(FeatureConfig config, ModelParams params, float[] weights, float[] spamCounts,
          float[] hamCounts, float[] siteWeights, int[] trainedSites, double bias,
          long spamExamples, long hamExamples, NearDuplicateMemory memory) {
        this.config = config;
        this.params = params;
        this.weights = weights;
        this.spamCounts = spamCounts;
        this.hamCounts = hamCounts;
        this.siteWeights = siteWeights;
        this.trainedSites = trainedSites;
        this.bias = bias;
        this.spamExamples = spamExamples;
        this.hamExamples = hamExamples;
        this.memory = memory;
    }

    /** A model that knows nothing yet (every comment scores at the prior). */
    public static Model empty() {
        return empty(FeatureConfig.all(), ModelParams.defaults());
    }

    /** An untrained model with the given features and hyper-parameters. */
    public static Model empty(FeatureConfig config, ModelParams params) {
        int d = 1 << params.hashBits();
        return new Model(config, params, new float[d], new float[d], new float[d],
                new float[1 << params.siteHashBits()], new int[0], 0, 0, 0,
                new NearDuplicateMemory(params.memoryCapacity()));
    }

    public FeatureConfig config() {
        return config;
    }

    public ModelParams params() {
        return params;
    }

    /** The decision threshold on the log-odds. */
    public double threshold() {
        return params.threshold();
    }

    /** The same model with another decision threshold (arrays are shared: both stay immutable). */
    public Model withThreshold(double threshold) {
        return new Model(config, params.withThreshold(threshold), weights, spamCounts, hamCounts,
                siteWeights, trainedSites, bias, spamExamples, hamExamples, memory);
    }

    /** The same model with other correction margins (see {@link ModelParams}); arrays are shared. */
    public Model withCorrectionMargins(double spam, double ham) {
        return new Model(config, params.withCorrectionMargins(spam, ham), weights, spamCounts, hamCounts,
                siteWeights, trainedSites, bias, spamExamples, hamExamples, memory);
    }

    /**
     * The same model with every score mapped to {@code scale * score + shift} (and the threshold with it),
     * e.g. to calibrate a margin-trained model to log-odds. The naive-Bayes weight scales too, so counts
     * learned later stay on the same scale.
     */
    public Model rescaled(double scale, double shift) {
        if (!(scale > 0)) throw new IllegalArgumentException("scale must be positive: " + scale);
        float[] w = weights.clone();
        for (int i = 0; i < w.length; i++) w[i] = (float) (w[i] * scale);
        float[] s = siteWeights.clone();
        for (int i = 0; i < s.length; i++) s[i] = (float) (s[i] * scale);
        ModelParams p = params.withNbWeight(params.nbWeight() * scale).withThreshold(params.threshold() * scale + shift);
        return new Model(config, p, w, spamCounts, hamCounts, s, trainedSites, bias * scale + shift,
                spamExamples, hamExamples, memory);
    }

    /** How many spam and ham examples the model has learned from in total. */
    public long examplesLearned() {
        return spamExamples + hamExamples;
    }

    public static Model read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) throw new IOException("not a Winnow model");
        int version = data.readInt();
        if (version < 1 || version > VERSION) throw new IOException("unsupported model version " + version);
        FeatureConfig config = FeatureConfig.fromBits(data.readInt());
        int hashBits = data.readInt(), siteHashBits = data.readInt();
        double learningRate = data.readDouble(), nbWeight = data.readDouble(), nbPrior = data.readDouble();
        // before version 3 one margin served both labels: it stays the ham margin, and spam gets today's default
        double spamMargin = version >= 3 ? data.readDouble() : ModelParams.defaults().spamCorrectionMargin();
        double hamMargin = data.readDouble();
        ModelParams params = new ModelParams(hashBits, siteHashBits, learningRate, nbWeight, nbPrior, spamMargin, hamMargin,
                data.readInt(), data.readDouble(), data.readDouble(), data.readDouble(), data.readDouble());
        double bias = data.readDouble();
        if (version == 1) data.readDouble(); // AdaGrad state of the bias, no longer kept
        long spamExamples = data.readLong();
        long hamExamples = data.readLong();
        int d = 1 << params.hashBits();
        float[] weights = readSparse(data, d);
        if (version == 1) readSparse(data, d); // AdaGrad state, no longer kept
        float[] spamCounts = version == 1 ? readSparse(data, d) : readCounts(data, d);
        float[] hamCounts = version == 1 ? readSparse(data, d) : readCounts(data, d);
        float[] siteWeights = readSparse(data, 1 << params.siteHashBits());
        int sites = data.readInt();
        if (sites < 0) throw new IOException("corrupt site count");
        int[] trainedSites = new int[sites];
        for (int i = 0; i < sites; i++) trainedSites[i] = data.readInt();
        if (version < 4) {
            // Before format 4 a site's adjustments sat at other slots (OnlineModel.siteSlot), and the features
            // behind them are not in the file: they are dropped, and the sites judge by the global model until
            // they teach it again. A server loses nothing: it rebuilds them from its correction log at start.
            siteWeights = new float[siteWeights.length];
            trainedSites = new int[0];
        }
        NearDuplicateMemory memory = NearDuplicateMemory.read(data, params.memoryCapacity());
        return new Model(config, params, weights, spamCounts, hamCounts, siteWeights, trainedSites,
                bias, spamExamples, hamExamples, memory);
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        data.writeInt(MAGIC);
        data.writeInt(VERSION);
        data.writeInt(config.toBits());
        data.writeInt(params.hashBits());
        data.writeInt(params.siteHashBits());
        data.writeDouble(params.learningRate());
        data.writeDouble(params.nbWeight());
        data.writeDouble(params.nbPrior());
        data.writeDouble(params.spamCorrectionMargin());
        data.writeDouble(params.hamCorrectionMargin());
        data.writeInt(params.memoryCapacity());
        data.writeDouble(params.memorySimilarity());
        data.writeDouble(params.memoryWeight());
        data.writeDouble(params.threshold());
        data.writeDouble(params.discardMargin());
        data.writeDouble(bias);
        data.writeLong(spamExamples);
        data.writeLong(hamExamples);
        writeSparse(data, weights);
        writeCounts(data, spamCounts);
        writeCounts(data, hamCounts);
        writeSparse(data, siteWeights);
        data.writeInt(trainedSites.length);
        for (int s : trainedSites) data.writeInt(s);
        memory.write(data);
        data.flush();
    }

    /** Non-zero entries only: count, then (gap to previous index as varint, float bits). */
    private static void writeSparse(DataOutputStream out, float[] a) throws IOException {
        int nonZero = 0;
        for (float v : a) if (v != 0f) nonZero++;
        out.writeInt(nonZero);
        int prev = -1;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == 0f) continue;
            writeVarint(out, i - prev);
            out.writeFloat(a[i]);
            prev = i;
        }
    }

    /**
     * Counts: whole non-negative numbers in practice, so (gap varint, count varint); a fractional
     * count, which only a hand-built model could hold, is written as varint 0 followed by its float bits.
     */
    private static void writeCounts(DataOutputStream out, float[] a) throws IOException {
        int nonZero = 0;
        for (float v : a) if (v != 0f) nonZero++;
        out.writeInt(nonZero);
        int prev = -1;
        for (int i = 0; i < a.length; i++) {
            float v = a[i];
            if (v == 0f) continue;
            writeVarint(out, i - prev);
            int whole = (int) v;
            if (whole == v && whole > 0) {
                writeVarint(out, whole);
            } else {
                writeVarint(out, 0);
                out.writeFloat(v);
            }
            prev = i;
        }
    }

    private static float[] readCounts(DataInputStream in, int length) throws IOException {
        float[] a = new float[length];
        int n = in.readInt();
        if (n < 0 || n > length) throw new IOException("corrupt sparse array");
        int i = -1;
        for (int k = 0; k < n; k++) {
            i += readVarint(in);
            if (i < 0 || i >= length) throw new IOException("corrupt sparse index");
            int whole = readVarint(in);
            a[i] = whole == 0 ? in.readFloat() : whole;
        }
        return a;
    }

    private static float[] readSparse(DataInputStream in, int length) throws IOException {
        float[] a = new float[length];
        int n = in.readInt();
        if (n < 0 || n > length) throw new IOException("corrupt sparse array");
        int i = -1;
        for (int k = 0; k < n; k++) {
            i += readVarint(in);
            if (i < 0 || i >= length) throw new IOException("corrupt sparse index");
            a[i] = in.readFloat();
        }
        return a;
    }

    private static void writeVarint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static int readVarint(DataInputStream in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return v;
        }
        throw new IOException("corrupt varint");
    }
}
