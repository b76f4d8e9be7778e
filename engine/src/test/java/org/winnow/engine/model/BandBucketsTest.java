package org.winnow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BandBucketsTest {

    @Test
    void agreesWithAHashMapThroughPutsRemovalsAndGrowth() {
        BandBuckets buckets = new BandBuckets(4);
        Map<Long, int[]> expected = new HashMap<>();
        SplittableRandom r = new SplittableRandom(7);
        for (int step = 0; step < 200_000; step++) {
            // A small key space (with keys that differ only in high bits) forces long probe runs and
            // removals from their middle, which the backward shift must repair.
            long key = ((long) r.nextInt(600) << 40) ^ r.nextInt(3);
            if (r.nextInt(3) == 0) {
                buckets.remove(key);
                expected.remove(key);
            } else {
                int[] list = {step};
                buckets.put(key, list);
                expected.put(key, list);
            }
            if (step % 997 == 0) {
                for (long k = 0; k < 600; k++) {
                    for (int low = 0; low < 3; low++) {
                        long probe = (k << 40) ^ low;
                        assertThat(buckets.get(probe)).as("key %d", probe).isSameAs(expected.get(probe));
                    }
                }
                assertThat(buckets.size()).isEqualTo(expected.size());
            }
        }
    }

    @Test
    void longestIsTheLongestBucketAndAbsentKeysAreNull() {
        BandBuckets buckets = new BandBuckets(2);
        assertThat(buckets.get(42)).isNull();
        assertThat(buckets.longest()).isZero();
        buckets.put(1, new int[] {1, 2});
        buckets.put(-1, new int[] {3, 4, 5});
        buckets.put(Long.MIN_VALUE, new int[] {6});
        assertThat(buckets.longest()).isEqualTo(3);
        buckets.remove(-1);
        assertThat(buckets.longest()).isEqualTo(2);
        assertThat(buckets.get(-1)).isNull();
        assertThat(buckets.get(Long.MIN_VALUE)).containsExactly(6);
    }
}
