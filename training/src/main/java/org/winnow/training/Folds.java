package org.winnow.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Deterministic fold assignment. */
public final class Folds {
    private Folds() {}

    /** Stratified: each class is shuffled with the seed and dealt round-robin into k folds. */
    public static int[] stratified(boolean[] labels, int k, long seed) {
        int[] fold = new int[labels.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (boolean cls : new boolean[] {true, false}) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) if (labels[i] == cls) idx.add(i);
            for (int i = idx.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer t = idx.get(i);
                idx.set(i, idx.get(j));
                idx.set(j, t);
            }
            for (int p = 0; p < idx.size(); p++) fold[idx.get(p)] = p % k;
        }
        return fold;
    }
}
