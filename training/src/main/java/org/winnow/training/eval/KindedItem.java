package org.winnow.training.eval;

import java.util.List;

/** An item of a constructed stream: its label and the kind of traffic it stands for. */
interface KindedItem {
    boolean spam();

    String kind();

    /** The metrics of {@code margins} (log-odds minus threshold, in item order) against the items' labels. */
    static Metrics metrics(List<? extends KindedItem> items, double[] margins) {
        boolean[] labels = new boolean[items.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = items.get(i).spam();
        return Metrics.of(margins, labels);
    }

    /** Share of the items of {@code kind} judged spam (margin at or above 0), or NaN when there are none. */
    static double flagged(List<? extends KindedItem> items, double[] margins, String kind) {
        int n = 0, flagged = 0;
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).kind().equals(kind)) continue;
            n++;
            if (margins[i] >= 0) flagged++;
        }
        return n == 0 ? Double.NaN : (double) flagged / n;
    }
}
