package org.winnow.engine.features;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureNameTest {
    @Test
    void prefixAndSuffixHashLikeTheWholeName() {
        FeatureName domain = new FeatureName(FeatureKind.LINK, "domain:");
        for (String d : new String[] {"", "example.com", "пример.рф", "a"}) {
            assertThat(domain.hash(d)).isEqualTo(Murmur.hash(FeatureKind.LINK.seed(), "domain:" + d));
        }
        assertThat(domain.hash("x")).isNotEqualTo(new FeatureName(FeatureKind.AUTHOR, "domain:").hash("x"));
    }

    @Test
    void numberedNamesAreIndexedByTheirValue() {
        FeatureName[] names = FeatureName.numbered(FeatureKind.SHAPE, "number_of_", 12, "_digits");
        Features f = new Features(0);
        names[7].add(f);
        assertThat(f.describe(0)).isEqualTo("number_of_7_digits");
        assertThat(f.hash(0)).isEqualTo(Murmur.hash(FeatureKind.SHAPE.seed(), "number_of_7_digits"));
        assertThat(f.value(0)).isEqualTo(Features.META);
    }
}
