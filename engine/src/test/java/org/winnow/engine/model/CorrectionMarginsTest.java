package org.winnow.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.features.Features;

/**
 * A site's correction moves its comment past the threshold by its label's margin: a little for spam,
 * a lot for ham. The model file keeps both margins, and older files still read.
 */
class CorrectionMarginsTest {

    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(FeatureConfig.all());
    private static final String SITE = "shop-1";
    private static final String MISSED_SPAM = "Great product, fast delivery, five stars, I recommend this seller to everyone";
    /** Another comment of the same site that shares many of the missed spam's words. */
    private static final String REAL_REVIEW = "Great product, fast delivery, it fits well and the colour is as shown";

    @Test
    void aSpamCorrectionEndsJustAboveTheThresholdAndAHamCorrectionFarBelow() {
        ModelParams params = ModelParams.defaults();
        OnlineModel model = siteWithHistory(params);
        int salt = OnlineModel.siteSalt(SITE);

        Features spam = EXTRACTOR.extract(Comment.ofText(MISSED_SPAM));
        assertThat(model.logOdds(salt, spam, null)).isLessThan(params.threshold()); // the site's history says ham
        model.learn(SITE, spam, true);
        double spamMargin = model.logOdds(salt, spam, null) - params.threshold();
        // at least the margin; a little more when a feature occurs twice in the comment (a step then overshoots)
        assertThat(spamMargin).isBetween(params.spamCorrectionMargin() - 1e-6, params.spamCorrectionMargin() + 0.5);

        Features ham = EXTRACTOR.extract(Comment.ofText("Click here for cheap watches at www.example-watches.biz"));
        for (int i = 0; i < 3; i++) model.learn(SITE, ham, true); // taught as spam first ...
        assertThat(model.logOdds(salt, ham, null)).isGreaterThan(params.threshold());
        model.learn(SITE, ham, false); // ... then a moderator says it was a real comment
        double hamMargin = params.threshold() - model.logOdds(salt, ham, null);
        assertThat(hamMargin).isBetween(params.hamCorrectionMargin() - 1e-6, params.hamCorrectionMargin() + 1);
        assertThat(params.spamCorrectionMargin()).isLessThan(params.hamCorrectionMargin());
    }

    @Test
    void aSmallSpamMarginPushesTheSitesOtherCommentsLessThanTheOldEqualMargins() {
        ModelParams asymmetric = ModelParams.defaults();
        ModelParams equal = asymmetric.withCorrectionMargins(asymmetric.hamCorrectionMargin(), asymmetric.hamCorrectionMargin());
        double moveAsymmetric = moveOfOtherComment(asymmetric);
        double moveEqual = moveOfOtherComment(equal);
        assertThat(moveAsymmetric).isPositive(); // shared words still count: the review moves towards spam ...
        assertThat(moveAsymmetric).isLessThan(moveEqual / 2); // ... but far less than with the old margins
    }

    /** How far one spam correction moves {@link #REAL_REVIEW}'s score on the same site. */
    private static double moveOfOtherComment(ModelParams params) {
        OnlineModel model = siteWithHistory(params);
        int salt = OnlineModel.siteSalt(SITE);
        Features review = EXTRACTOR.extract(Comment.ofText(REAL_REVIEW));
        double before = model.logOdds(salt, review, null);
        model.learn(SITE, EXTRACTOR.extract(Comment.ofText(MISSED_SPAM)), true);
        return model.logOdds(salt, review, null) - before;
    }

    /** A new model whose site has learned a few real reviews, so the missed spam, which reads like them, scores ham. */
    private static OnlineModel siteWithHistory(ModelParams params) {
        OnlineModel model = OnlineModel.of(Model.empty(FeatureConfig.all(), params));
        for (String text : new String[] {"Great product, fast delivery, thank you",
                "Fast delivery and the product is great, I recommend it", "Five stars, great seller, arrived fast"}) {
            model.learn(SITE, EXTRACTOR.extract(Comment.ofText(text)), false);
        }
        return model;
    }

    @Test
    void theModelFileKeepsBothMargins() throws IOException {
        Model m = Model.empty(FeatureConfig.all(), ModelParams.defaults().withCorrectionMargins(0.3, 1.7));
        ModelParams read = Model.read(new ByteArrayInputStream(bytes(m))).params();
        assertThat(read.spamCorrectionMargin()).isEqualTo(0.3);
        assertThat(read.hamCorrectionMargin()).isEqualTo(1.7);
        assertThat(read).isEqualTo(m.params());
    }

    @Test
    void aVersionTwoFileReadsItsOneMarginAsTheHamMargin() throws IOException {
        Model m = Model.empty(FeatureConfig.all(), ModelParams.defaults().withCorrectionMargins(0.3, 1.7));
        Model old = Model.read(new ByteArrayInputStream(asVersionTwo(bytes(m))));
        assertThat(old.params().hamCorrectionMargin()).isEqualTo(1.7);
        assertThat(old.params().spamCorrectionMargin()).isEqualTo(ModelParams.defaults().spamCorrectionMargin());
        assertThat(old.params().memoryCapacity()).isEqualTo(m.params().memoryCapacity()); // the fields after it line up
        assertThat(old.params().threshold()).isEqualTo(m.params().threshold());
    }

    @Test
    void aFileFromANewerVersionIsRefused() throws IOException {
        byte[] b = bytes(Model.empty());
        b[7] = 99; // the version, after the magic number
        assertThatThrownBy(() -> Model.read(new ByteArrayInputStream(b))).isInstanceOf(IOException.class)
                .hasMessageContaining("unsupported model version 99");
    }

    @Test
    void negativeMarginsAreRefused() {
        assertThatThrownBy(() -> ModelParams.defaults().withCorrectionMargins(-0.1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModelParams.defaults().withCorrectionMargins(0.1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    /**
     * The same file as version 2 wrote it: version number 2 and one margin (the ham one) where version 3
     * has two. Header: magic, version, feature bits, two ints of hash sizes, three doubles, then the margins.
     */
    private static byte[] asVersionTwo(byte[] v3) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(v3));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(in.readInt());
        in.readInt();
        out.writeInt(2);
        for (int i = 0; i < 3; i++) out.writeInt(in.readInt());
        for (int i = 0; i < 3; i++) out.writeDouble(in.readDouble());
        in.readDouble(); // the spam margin, which version 2 did not have
        out.write(in.readAllBytes());
        out.flush();
        return bytes.toByteArray();
    }
}
