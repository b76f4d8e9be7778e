package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class LongLongMapTest {
    @Test
    void agreesWithAHashMapUnderRandomPutsAddsAndRemovals() {
        SplittableRandom r = new SplittableRandom(11);
        LongLongMap map = new LongLongMap(4);
        Map<Long, Long> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // few distinct keys, IPv6-/48-like (low 16 bits zero), so probe runs collide and deletions shift them
            long key = ((long) r.nextInt(300) << 16) | (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
            switch (r.nextInt(4)) {
                case 0 -> {
                    Long previous = expected.put(key, (long) i);
                    assertThat(map.put(key, i)).isEqualTo(previous == null ? LongLongMap.ABSENT : previous);
                }
                case 1 -> {
                    long delta = r.nextBoolean() ? 1 : -1;
                    map.add(key, delta);
                    long v = expected.getOrDefault(key, 0L) + delta;
                    if (v <= 0) expected.remove(key);
                    else expected.put(key, v);
                }
                case 2 -> {
                    long v = r.nextBoolean() ? expected.getOrDefault(key, 5L) : 5L;
                    map.removeIf(key, v);
                    expected.remove(key, v);
                }
                default -> assertThat(map.get(key)).isEqualTo(expected.getOrDefault(key, LongLongMap.ABSENT));
            }
            assertThat(map.size()).isEqualTo(expected.size());
        }
        for (Map.Entry<Long, Long> e : expected.entrySet()) assertThat(map.get(e.getKey())).isEqualTo(e.getValue());
    }
}
