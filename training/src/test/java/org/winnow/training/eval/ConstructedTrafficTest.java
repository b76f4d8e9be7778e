package org.winnow.training.eval;

import org.junit.jupiter.api.Test;
import org.winnow.training.data.Example;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConstructedTrafficTest {
    private static List<Example> texts(boolean spam, String prefix, int n) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Example(spam, "test", "g", prefix + " number " + i + " with a few more words to make it long enough for a wave"));
        }
        return out;
    }

    @Test
    void theForeignLanguageItemsAreAddedWithoutChangingTheRest() {
        List<Example> ham = texts(false, "a reader writes", 600);
        List<Example> spam = texts(true, "buy cheap pills", 300);
        List<Example> otherSpam = texts(true, "ayo daftar di situs gacor", 300);
        List<Example> otherHam = texts(false, "terima kasih untuk videonya", 100);
        List<ConstructedTraffic.Item> with = ConstructedTraffic.build(ham, spam, otherSpam, otherHam, 7);
        List<ConstructedTraffic.Item> without = ConstructedTraffic.build(ham, spam, otherSpam, List.of(), 7);

        assertThat(ConstructedTraffic.counts(with).get("foreign-language ham")).isEqualTo(40);
        assertThat(ConstructedTraffic.counts(with).get("foreign-language spam")).isEqualTo(60);
        assertThat(ConstructedTraffic.counts(without).get("foreign-language ham")).isZero();
        assertThat(with).filteredOn(i -> i.kind().equals("foreign-language ham"))
                .allSatisfy(i -> assertThat(i.spam()).isFalse())
                .allSatisfy(i -> assertThat(i.comment().content()).startsWith("terima kasih"));
        // every other item is as it was: the new ones come from their own random stream
        List<String> before = without.stream().filter(i -> !i.kind().equals("foreign-language spam"))
                .map(i -> i.at() + " " + i.kind() + " " + i.comment().content()).toList();
        List<String> after = with.stream().filter(i -> !i.kind().startsWith("foreign-language"))
                .map(i -> i.at() + " " + i.kind() + " " + i.comment().content()).toList();
        assertThat(after).isEqualTo(before);
        for (int i = 1; i < with.size(); i++) assertThat(with.get(i).at()).isAfterOrEqualTo(with.get(i - 1).at());
        // deterministic for a seed
        assertThat(ConstructedTraffic.build(ham, spam, otherSpam, otherHam, 7)).isEqualTo(with);
    }
}
