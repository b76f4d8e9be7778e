package org.winnow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;

/** Where features' weights and site adjustments go, and what a file of an older format keeps of them. */
class OnlineModelSlotsTest {

    @Test
    void slotsWithoutAModelAreTheModelsOwn() {
        for (ModelParams params : new ModelParams[] {ModelParams.defaults(), ModelParams.defaults().withHashBits(12)}) {
            OnlineModel model = OnlineModel.of(Model.empty(FeatureConfig.all(), params));
            IntUnaryOperator slots = OnlineModel.slots(params);
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < 10_000; i++) {
                int hash = random.nextInt();
                assertThat(slots.applyAsInt(hash)).isEqualTo(model.slot(hash)).isBetween(0, model.slots() - 1);
            }
        }
    }

    @Test
    void siteSlotsSpreadEvenlyAndDifferBySite() {
        int bits = ModelParams.defaults().siteHashBits(), shift = 32 - bits, slots = 1 << bits;
        SplittableRandom random = new SplittableRandom(11);
        int[] perSlot = new int[slots];
        int n = 4 * slots, sameForTwoSites = 0;
        for (int i = 0; i < n; i++) {
            int hash = random.nextInt();
            int slot = OnlineModel.siteSlot(OnlineModel.siteSalt("site-a"), hash, shift);
            assertThat(slot).isBetween(0, slots - 1);
            perSlot[slot]++;
            if (slot == OnlineModel.siteSlot(OnlineModel.siteSalt("site-b"), hash, shift)) sameForTwoSites++;
        }
        // 4 features per slot on average: a Poisson(4) spread leaves about e^-4 (1.8 %) of slots empty
        int empty = 0, most = 0;
        for (int c : perSlot) {
            if (c == 0) empty++;
            most = Math.max(most, c);
        }
        assertThat((double) empty / slots).isBetween(0.014, 0.023);
        assertThat(most).isLessThan(20);
        assertThat(sameForTwoSites).isLessThan(20); // about n / slots = 4 by chance
    }

    @Test
    void aFormatThreeFileDropsItsSiteAdjustmentsWhichSatElsewhere() throws IOException {
        OnlineModel taught = OnlineModel.of(Model.empty());
        FeatureExtractor extractor = new FeatureExtractor(FeatureConfig.all());
        Features f = extractor.extract(Comment.ofText("cheap pills for sale at the online pharmacy"));
        taught.learn("site", f, false); // a ham correction moves the site's adjustments 2 log-odds clear
        Model model = taught.toModel();
        int salt = OnlineModel.siteSalt("site");
        double globalOnly = OnlineModel.of(model).logOdds(0, f, null);
        assertThat(OnlineModel.of(model).logOdds(salt, f, null)).isLessThan(globalOnly - 1);

        byte[] file = bytes(model);
        assertThat(OnlineModel.of(Model.read(new ByteArrayInputStream(file))).logOdds(salt, f, null))
                .isEqualTo(OnlineModel.of(model).logOdds(salt, f, null)); // format 4 keeps them
        file[7] = 3; // the version, after the magic number; the layout is the same
        OnlineModel old = OnlineModel.of(Model.read(new ByteArrayInputStream(file)));
        assertThat(old.logOdds(salt, f, null)).isEqualTo(globalOnly);
        assertThat(old.logOdds(0, f, null)).isEqualTo(globalOnly); // the global model is read as it was
    }

    private static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }
}
