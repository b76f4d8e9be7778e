package org.winnow.training;

import java.util.Arrays;

/** Choosing a decision threshold from scored, labelled examples. */
public final class Thresholds {
    private Thresholds() {}

    /**
     * Among thresholds that flag at most {@code maxFpr} of the ham, the one with the best F1; midway
     * between neighbouring scores so it generalises a little. Ties prefer the higher threshold.
     */
    public static double bestF1AtMostFpr(double[] scores, boolean[] labels, double maxFpr) {
        return best(scores, labels, maxFpr, 0);
    }

    /**
     * Among thresholds that flag at most {@code maxFpr} of the ham, the one with the fewest
     * {@code fpCost * falsePositives + falseNegatives}; with {@code fpCost} 0, the best F1 instead.
     */
    public static double best(double[] scores, boolean[] labels, double maxFpr, double fpCost) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int spam = 0;
        for (boolean l : labels) if (l) spam++;
        int ham = n - spam;
        double best = Double.NEGATIVE_INFINITY;
        double bestThreshold = scores.length == 0 ? 0 : scores[order[0]] + 1;
        int tp = 0, fp = 0;
        for (int k = 0; k < n; k++) {
            if (labels[order[k]]) tp++;
            else fp++;
            boolean boundary = k == n - 1 || scores[order[k + 1]] < scores[order[k]];
            if (!boundary) continue;
            if (ham > 0 && (double) fp / ham > maxFpr) break;
            double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + (spam - tp));
            double merit = fpCost > 0 ? -(fpCost * fp + (spam - tp)) : f1;
            if (merit > best) {
                best = merit;
                bestThreshold = k == n - 1 ? scores[order[k]] - 1e-6 : (scores[order[k]] + scores[order[k + 1]]) / 2;
            }
        }
        return bestThreshold;
    }
}
