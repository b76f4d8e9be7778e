package org.winnow.engine;

import org.junit.jupiter.api.Test;
import org.winnow.engine.authors.AuthorHistory;
import org.winnow.engine.model.Model;
import org.winnow.engine.traffic.RecentTraffic;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpamEngineTest {
    static final List<String> SPAM = List.of(
            "Check out my channel for free iphone giveaway http://bit.ly/free-iphone",
            "subscribe to my channel please, I make music videos www.youtube.com/user/xyz",
            "Earn money from home, 5000 dollars a week, visit cashnow.example.com",
            "FREE ringtones! text WIN to 80808 now to claim your prize",
            "Cheap pills online, no prescription needed, buy now at pharma-shop.ru",
            "hey guys check out my new song on my channel and subscribe",
            "Win a free vacation, click here http://prize.example.net/claim",
            "Make money fast with this one trick, visit my website");
    static final List<String> HAM = List.of(
            "This song always makes me happy, love it",
            "I saw them live in 2012, the concert was amazing",
            "Who is still listening to this in 2015?",
            "The dance in this video is so funny haha",
            "My daughter loves this song so much",
            "The lyrics are really meaningful, great job",
            "Best music video ever, the colours are beautiful",
            "I wonder how many times I have watched this");

    static SpamEngine trainedEngine() {
        SpamEngine engine = SpamEngine.create(Model.empty());
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < SPAM.size(); i++) {
                engine.learn("", Comment.ofText(SPAM.get(i)), true);
                engine.learn("", Comment.ofText(HAM.get(i)), false);
            }
        }
        return engine;
    }

    @Test
    void emptyModelScoresAtThePrior() {
        Verdict v = SpamEngine.create(Model.empty()).judge("s", Comment.ofText("hello there"));
        assertThat(v.logOdds()).isEqualTo(0.0);
        assertThat(v.score()).isEqualTo(0.5);
    }

    @Test
    void trainedEngineSeparatesUnseenExamples() {
        SpamEngine engine = trainedEngine();
        Verdict spam = engine.judge("s", Comment.ofText("subscribe to my channel for a free giveaway http://bit.ly/xyz"));
        Verdict ham = engine.judge("s", Comment.ofText("I love this song, the video is amazing"));
        assertThat(spam.isSpam()).isTrue();
        assertThat(ham.isSpam()).isFalse();
        assertThat(spam.score()).isGreaterThan(ham.score());
    }

    @Test
    void honeypotIsDiscardedWhateverTheText() {
        Verdict v = trainedEngine().judge("s", Comment.builder().content("I love this song").honeypotValue("x").build());
        assertThat(v.label()).isEqualTo(Label.DISCARD);
        assertThat(v.signals().getFirst().name()).isEqualTo("rule:honeypot");
    }

    @Test
    void correctionFlipsTheNextVerdictOnANearIdenticalComment() {
        SpamEngine engine = trainedEngine();
        String original = "Wow this song is great, greetings from Jakarta, cheers everyone";
        assertThat(engine.judge("site-a", Comment.ofText(original)).isSpam()).isFalse();
        engine.learn("site-a", Comment.ofText(original), true);
        Verdict next = engine.judge("site-a", Comment.ofText("Wow this song is great, greetings from Jakarta, cheers everyone!!"));
        assertThat(next.isSpam()).isTrue();
        assertThat(next.signals()).anyMatch(s -> s.name().equals("near_duplicate") && s.weight() > 0);
        // another site is not affected by this site's correction beyond the shared global step
        assertThat(engine.judge("site-b", Comment.ofText(original)).signals()).noneMatch(s -> s.name().equals("near_duplicate"));
    }

    @Test
    void aVerdictDoesNotDependOnWhatTheThreadJudgedBefore() {
        // judging reuses this thread's feature and contribution arrays: a long comment judged first must leave nothing behind
        SpamEngine engine = trainedEngine();
        Comment shortOne = Comment.ofText("free giveaway on my channel");
        Verdict alone = trainedEngine().judge("s", shortOne);
        engine.judge("s", Comment.ofText("subscribe to my channel, free music and videos ".repeat(40) + "http://bit.ly/x"));
        Verdict after = engine.judge("s", shortOne);
        assertThat(after).isEqualTo(alone);
    }

    @Test
    void theNearDuplicateSignalSaysHowSimilarInWholePercent() {
        SpamEngine engine = trainedEngine();
        String original = "Wow this song is great, greetings from Jakarta, cheers everyone";
        engine.learn("site-a", Comment.ofText(original), true);
        Signal s = engine.judge("site-a", Comment.ofText(original + "!! yes")).signals().stream()
                .filter(x -> x.name().equals("near_duplicate")).findFirst().orElseThrow();
        // the same text as the former String.format("%.0f%% similar ...") for similarities in 32nds
        assertThat(s.detail()).matches("\\d{1,3}% similar to a comment labelled spam on this site");
        for (int bins = 0; bins <= 32; bins++) {
            double similarity = bins / 32.0;
            assertThat(Math.round(100 * similarity) + "%")
                    .isEqualTo(String.format(java.util.Locale.ROOT, "%.0f%%", 100 * similarity));
        }
    }

    @Test
    void hamCorrectionFlipsSpamVerdict() {
        SpamEngine engine = trainedEngine();
        String text = "Check out my channel, I review free software tools";
        assertThat(engine.judge("blog", Comment.ofText(text)).isSpam()).isTrue();
        engine.learn("blog", Comment.ofText(text), false);
        assertThat(engine.judge("blog", Comment.ofText("check out my channel, i review free software tools")).isSpam()).isFalse();
    }

    @Test
    void blatantCopyOfLabelledSpamWithLinkIsDiscarded() {
        SpamEngine engine = trainedEngine();
        String text = "Win a free vacation, click here http://prize.example.net/claim";
        engine.learn("s", Comment.ofText(text), true);
        assertThat(engine.judge("s", Comment.ofText(text)).label()).isEqualTo(Label.DISCARD);
    }

    @Test
    void signalsAreOrderedStrongestFirstAndRemovingTopTokenLowersTheScore() {
        SpamEngine engine = trainedEngine();
        String text = "subscribe to my channel please for music";
        Verdict v = engine.judge("s", Comment.ofText(text));
        assertThat(v.signals()).isNotEmpty();
        for (int i = 1; i < v.signals().size(); i++) {
            assertThat(Math.abs(v.signals().get(i - 1).weight())).isGreaterThanOrEqualTo(Math.abs(v.signals().get(i).weight()));
        }
        Signal top = v.signals().stream().filter(s -> s.name().equals("token") && s.weight() > 0).findFirst().orElseThrow();
        String without = text.replace(top.detail(), " ");
        assertThat(engine.judge("s", Comment.ofText(without)).logOdds()).isLessThan(v.logOdds());
    }

    @Test
    void snapshotRoundTripKeepsVerdictsAndMemory() throws IOException {
        SpamEngine engine = trainedEngine();
        engine.learn("s", Comment.ofText("a very particular comment about gardening and roses"), true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.snapshot().write(out);
        SpamEngine copy = SpamEngine.create(Model.read(new ByteArrayInputStream(out.toByteArray())));
        for (String t : List.of("a very particular comment about gardening and roses", SPAM.get(0), HAM.get(3))) {
            assertThat(copy.judge("s", Comment.ofText(t))).isEqualTo(engine.judge("s", Comment.ofText(t)));
        }
    }

    @Test
    void sameLearnSequenceGivesIdenticalModels() throws IOException {
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        SpamEngine first = trainedEngine();
        SpamEngine second = trainedEngine();
        first.learn("x", Comment.ofText("one more"), true);
        second.learn("x", Comment.ofText("one more"), true);
        first.snapshot().write(a);
        second.snapshot().write(b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        trainedEngine().snapshot().write(c);
        assertThat(c.toByteArray()).isNotEqualTo(a.toByteArray());
    }

    @Test
    void lookalikeSpellingScoresLikeThePlainSpelling() {
        SpamEngine engine = trainedEngine();
        double plain = engine.judge("s", Comment.ofText("subscribe to my channel")).logOdds();
        double disguised = engine.judge("s", Comment.ofText("\uD835\uDDCC\uD835\uDDCE\uD835\uDDBB\uD835\uDDCC\uD835\uDDBC\uD835\uDDCB\uD835\uDDC2\uD835\uDDBB\uD835\uDDBE to my ch\u0430nnel")).logOdds();
        assertThat(disguised).isGreaterThan(plain - 1.0);
        assertThat(disguised).isGreaterThan(0);
    }

    @Test
    void styledLettersCarryAFixedPriorButPlainCyrillicDoesNot() {
        SpamEngine engine = SpamEngine.create(Model.empty());
        Verdict styled = engine.judge("s", Comment.ofText("main di \uD835\uDC12\uD835\uDC06\uD835\uDC08\uD835\uDFD6\uD835\uDFD6 sekarang"));
        assertThat(styled.logOdds()).isGreaterThan(2.0);
        assertThat(styled.signals()).anyMatch(s -> s.detail().equals("styled_letters") && s.weight() > 0);
        Verdict cyrillic = engine.judge("s", Comment.ofText("\u043E\u0447\u0435\u043D\u044C \u0445\u043E\u0440\u043E\u0448\u0430\u044F \u043F\u0435\u0441\u043D\u044F"));
        assertThat(cyrillic.logOdds()).isEqualTo(0.0);
    }

    @Test
    void aModeratorsLabelOnAnAuthorMovesTheirNextCommentByTheAuthorHistoryAloneBeyondWhatTheModelLearned() {
        // the same labels on two engines, one keeping no author history: the difference is the history's signal
        Model start = trainedEngine().snapshot();
        SpamEngine withHistory = SpamEngine.create(start, RecentTraffic.off());
        SpamEngine without = SpamEngine.create(start, RecentTraffic.off(), AuthorHistory.off());
        Comment reported = Comment.builder().content("Great article, thanks for sharing, I bookmarked your site")
                .author("seo services").authorEmail("kabu4411@gmail.com").authorUrl("http://seo-services-pro.example").build();
        for (SpamEngine e : List.of(withHistory, without)) e.learn("site", reported, true);

        Comment next = Comment.builder().content("Nice post, I learn something new here every day")
                .author("seo services").authorEmail("zemo9081@gmail.com").authorUrl("https://seo-services-pro.example/").build();
        Verdict v = withHistory.judge("site", next);
        Verdict w = without.judge("site", next);
        assertThat(v.logOdds() - w.logOdds()).isCloseTo(Math.log(3), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(v.signals()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("author_history");
            assertThat(s.detail()).isEqualTo("this website was labelled spam once and ham 0 times on this site");
        });
        assertThat(w.signals()).noneSatisfy(s -> assertThat(s.name()).isEqualTo("author_history"));
        // another site has no such history
        assertThat(withHistory.judge("elsewhere", next).logOdds()).isEqualTo(without.judge("elsewhere", next).logOdds());
    }
}
