package org.winnow.training.eval;

import java.util.Arrays;
import java.util.Locale;

/**
 * Binary classification figures with spam as the positive class. Scores are margins (log-odds minus
 * the model's threshold), so spam is predicted at score >= 0 and scores of different folds are comparable.
 */
public record Metrics(int tp, int fp, int tn, int fn, double auc, double recallAt05Fpr, double recallAt1Fpr) {

    public static Metrics of(double[] margins, boolean[] labels) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < margins.length; i++) {
            boolean predicted = margins[i] >= 0;
            if (labels[i]) {
                if (predicted) tp++;
                else fn++;
            } else if (predicted) fp++;
            else tn++;
        }
        return new Metrics(tp, fp, tn, fn, auc(margins, labels), recallAtFpr(margins, labels, 0.005),
                recallAtFpr(margins, labels, 0.01));
    }

    public int n() { return tp + fp + tn + fn; }
    public double accuracy() { return ratio(tp + tn, n()); }
    public double precision() { return ratio(tp, tp + fp); }
    public double recall() { return ratio(tp, tp + fn); }
    public double fpr() { return ratio(fp, fp + tn); }
    public double f1() { return ratio(2.0 * tp, 2.0 * tp + fp + fn); }
    /** F1 with ham as the positive class. */
    public double hamF1() { return ratio(2.0 * tn, 2.0 * tn + fn + fp); }
    /** Unweighted mean of spam F1 and ham F1 (the "macro F1" papers often report). */
    public double macroF1() { return (f1() + hamF1()) / 2; }

    public double mcc() {
        double d = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return d == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / d;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    /** Area under the ROC curve by the rank-sum formula, ties counted half. */
    static double auc(double[] s, boolean[] y) {
        int n = s.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(s[a], s[b]));
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && s[order[j + 1]] == s[order[i]]) j++;
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (y[order[k]]) { rankSumPos += rank; pos++; }
            i = j + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /** Best recall with at most {@code maxFpr} of ham flagged, threshold picked on these scores (optimistic). */
    static double recallAtFpr(double[] s, boolean[] y, double maxFpr) {
        int n = s.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        int pos = 0;
        for (boolean b : y) if (b) pos++;
        int neg = n - pos;
        if (pos == 0 || neg == 0) return Double.NaN;
        int tp = 0, fp = 0;
        double best = 0;
        for (int k = 0; k < n; k++) {
            if (y[order[k]]) tp++;
            else fp++;
            boolean boundary = k == n - 1 || s[order[k + 1]] < s[order[k]];
            if (!boundary) continue;
            if ((double) fp / neg > maxFpr) break;
            best = Math.max(best, (double) tp / pos);
        }
        return best;
    }

    public String summary() {
        return String.format(Locale.ROOT,
                "acc %.4f  prec %.4f  recall %.4f  F1 %.4f  MCC %.4f  FPR %.4f  AUC %.4f  R@0.5%%FPR %.4f  R@1%%FPR %.4f  (tp=%d fp=%d tn=%d fn=%d)",
                accuracy(), precision(), recall(), f1(), mcc(), fpr(), auc, recallAt05Fpr, recallAt1Fpr, tp, fp, tn, fn);
    }

    /** One JSON object with every figure. */
    public String toJson() {
        return String.format(Locale.ROOT,
                "{\"n\":%d,\"tp\":%d,\"fp\":%d,\"tn\":%d,\"fn\":%d,\"accuracy\":%.6f,\"precision\":%.6f,\"recall\":%.6f,"
                        + "\"f1\":%.6f,\"mcc\":%.6f,\"fpr\":%.6f,\"auc\":%s,\"recall_at_0_5pct_fpr\":%s,\"recall_at_1pct_fpr\":%s}",
                n(), tp, fp, tn, fn, accuracy(), precision(), recall(), f1(), mcc(), fpr(), num(auc), num(recallAt05Fpr), num(recallAt1Fpr));
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.6f", v);
    }
}
