package org.winnow.engine.model;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NearDuplicateMemoryTest {
    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(FeatureConfig.all());
    private static final List<String> WORDS = List.of("cheap", "free", "instant", "real", "fast", "daily", "legit", "huge");

    /** The i-th comment of a campaign: one template, a varying word and a varying number. */
    private static String campaign(int i) {
        return "Get " + WORDS.get(i % WORDS.size()) + " followers and likes for your channel today, "
                + "visit followers-boost.example/offer and use the code BOOST" + (i % 97);
    }

    private static int[] sig(String text) {
        return NearDuplicateMemory.signature(EXTRACTOR.extract(Comment.ofText(text)));
    }

    private static byte[] bytes(Model m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        return out.toByteArray();
    }

    @Test
    void aSpamCampaignTakesAHandfulOfEntriesAndBucketsStayBounded() throws IOException {
        SpamEngine engine = SpamEngine.create(Model.empty());
        for (int i = 0; i < 5_000; i++) engine.learn("blog", Comment.ofText(campaign(i)), true);
        NearDuplicateMemory memory = engine.snapshot().memory;
        // 8 words x 97 codes give 776 distinct texts, all near-identical: far fewer entries are kept
        assertThat(memory.size()).isPositive().isLessThan(200);
        assertThat(memory.longestBucket()).isLessThanOrEqualTo(NearDuplicateMemory.BUCKET_CAPACITY);
        // the campaign is still recognised at once, on this site only
        Verdict v = engine.judge("blog", Comment.ofText(campaign(5_000) + "!!"));
        assertThat(v.isSpam()).isTrue();
        assertThat(v.signals()).anyMatch(s -> s.name().equals("near_duplicate") && s.weight() > 0);
        assertThat(engine.judge("other", Comment.ofText(campaign(5_000))).signals())
                .noneMatch(s -> s.name().equals("near_duplicate"));
    }

    @Test
    void conflictingLabelsOnOneTextKeepBucketsBoundedAndTheLatestLabelWins() {
        NearDuplicateMemory memory = new NearDuplicateMemory(20_000);
        int[] sig = sig("Please visit my page for a free gift card, only today");
        // a moderator changing their mind 5,000 times: every entry differs in label from the one before
        for (int i = 0; i < 5_000; i++) memory.add(7, sig, i % 2 == 0);
        assertThat(memory.longestBucket()).isLessThanOrEqualTo(NearDuplicateMemory.BUCKET_CAPACITY);
        assertThat(memory.nearest(7, sig)).isEqualTo(new NearDuplicateMemory.Match(1.0, false));
        memory.add(7, sig, true);
        assertThat(memory.nearest(7, sig)).isEqualTo(new NearDuplicateMemory.Match(1.0, true));
        assertThat(memory.nearest(8, sig)).isNull();
    }

    @Test
    void aNearlyIdenticalExampleWithTheSameLabelIsNotStoredTwice() {
        NearDuplicateMemory memory = new NearDuplicateMemory(100);
        String text = "Great tutorial, I learned a lot about sourdough baking from this one, thank you";
        memory.add(1, sig(text), false);
        memory.add(1, sig(text), false);
        assertThat(memory.size()).isEqualTo(1);
        memory.add(1, sig(text), true);   // a different label is stored
        memory.add(2, sig(text), false);  // and so is another site
        memory.add(1, sig("Something else entirely: the weather in Oslo was cold and rainy all week"), false);
        assertThat(memory.size()).isEqualTo(4);
    }

    @Test
    void theRingStillEvictsTheOldestAndDropsItFromTheIndex() {
        NearDuplicateMemory memory = new NearDuplicateMemory(3);
        memory.add(1, sig("first comment about red apples in the orchard"), true);
        memory.add(1, sig("second comment about blue boats in the harbour"), false);
        memory.add(1, sig("third comment about green trains in the valley"), false);
        memory.add(1, sig("fourth comment about yellow kites on the beach"), false);
        assertThat(memory.size()).isEqualTo(3);
        NearDuplicateMemory.Match m = memory.nearest(1, sig("first comment about red apples in the orchard"));
        assertThat(m == null || m.similarity() < 0.6).isTrue();
        assertThat(memory.nearest(1, sig("fourth comment about yellow kites on the beach")).similarity()).isEqualTo(1.0);
    }

    @Test
    void campaignLearningIsDeterministicAndSurvivesASnapshotRoundTrip() throws IOException {
        SpamEngine a = SpamEngine.create(Model.empty());
        SpamEngine b = SpamEngine.create(Model.empty());
        for (int i = 0; i < 600; i++) {
            a.learn("s", Comment.ofText(campaign(i)), i % 5 != 0);
            b.learn("s", Comment.ofText(campaign(i)), i % 5 != 0);
        }
        byte[] first = bytes(a.snapshot());
        assertThat(bytes(b.snapshot())).isEqualTo(first);
        // read back, write again: the same bytes; then both go on learning the same way: still the same
        SpamEngine restored = SpamEngine.create(Model.read(new ByteArrayInputStream(first)));
        assertThat(bytes(restored.snapshot())).isEqualTo(first);
        for (int i = 600; i < 900; i++) {
            a.learn("s", Comment.ofText(campaign(i)), i % 3 != 0);
            restored.learn("s", Comment.ofText(campaign(i)), i % 3 != 0);
        }
        assertThat(bytes(restored.snapshot())).isEqualTo(bytes(a.snapshot()));
        for (String t : List.of(campaign(1), campaign(2) + "!!", "an unrelated comment about gardening")) {
            assertThat(restored.judge("s", Comment.ofText(t))).isEqualTo(a.judge("s", Comment.ofText(t)));
        }
    }
}
