package org.winnow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.winnow.engine.features.FeatureConfig;

/** The slot mapping a trainer gets without a model is the one a model of the same params uses. */
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
}
