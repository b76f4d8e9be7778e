package org.winnow.engine.traffic;

import org.junit.jupiter.api.Test;
import org.winnow.engine.Comment;
import org.winnow.engine.Signal;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.Verdict;
import org.winnow.engine.features.FeatureConfig;
import org.winnow.engine.features.FeatureExtractor;
import org.winnow.engine.model.Model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RecentTrafficTest {
    private static final FeatureExtractor EXTRACTOR = new FeatureExtractor(FeatureConfig.all());
    private static final String[] HAM = {
            "I tried this recipe last night and it worked well",
            "Does anyone know whether the second edition fixes chapter four?",
            "Thanks, the part about the garden soil was really helpful",
            "My grandmother used to make this every winter, lovely memories",
            "I disagree with the conclusion but the data section is solid",
            "Could you post a photo of the finished shelf?",
            "We visited the museum in May and the new wing is worth it",
            "The link in the third paragraph seems broken for me"};

    private static final String[] WORDS = ("the a garden recipe winter museum photo shelf chapter edition data "
            + "conclusion soil memories grandmother paragraph link broken lovely helpful visited worth finished "
            + "second fixes know anyone really night worked tried section solid wing new May post could").split(" ");

    private final ManualClock clock = new ManualClock(java.time.Instant.parse("2026-03-01T12:00:00Z"));

    private RecentTraffic traffic(TrafficSettings s) {
        return new RecentTraffic(s, clock);
    }

    private static Comment comment(String text, String ip) {
        return Comment.builder().content(text).userIp(ip).build();
    }

    private static RecentTraffic.Assessment observe(RecentTraffic t, String site, Comment c) {
        return t.observe(site, c, EXTRACTOR.extract(c), -5, true);
    }

    /** Assessed, not recorded. */
    private static RecentTraffic.Assessment probe(RecentTraffic t, String site, Comment c) {
        return t.observe(site, c, EXTRACTOR.extract(c), -5, false);
    }

    private static void learnHam(RecentTraffic t, String site, Comment c) {
        t.learnedHam(site, c, EXTRACTOR.extract(c));
    }

    private static List<String> names(RecentTraffic.Assessment a) {
        return a.signals().stream().map(Signal::name).toList();
    }

    /** One ordinary comment a minute from scattered addresses, each text different. */
    private void normalTraffic(RecentTraffic t, String site, int n) {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < n; i++) {
            clock.advance(Duration.ofMinutes(1));
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
            RecentTraffic.Assessment a = observe(t, site, comment(text.toString(), "198.51." + (i % 200) + "." + (i * 7 % 250)));
            assertThat(a.signals()).as("normal comment %d", i).isEmpty();
        }
    }

    @Test
    void aBurstFromOneSlash24FiresAndNormalTrafficDoesNot() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        normalTraffic(t, "blog", 60);
        List<RecentTraffic.Assessment> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            clock.advance(Duration.ofSeconds(30));
            burst.add(observe(t, "blog", comment("Visit my profile for great offers number " + i, "203.0.113." + (10 + i))));
        }
        for (int i = 0; i < 4; i++) assertThat(names(burst.get(i))).as("comment %d of the burst", i).doesNotContain("ip_burst");
        RecentTraffic.Assessment fifth = burst.get(4);
        assertThat(names(fifth)).contains("ip_burst");
        assertThat(fifth.signals().getFirst().detail()).startsWith("5 comments from 203.0.113.0/24 in the last 10 minutes");
        assertThat(fifth.logOdds()).isEqualTo(TrafficSettings.defaults().burstWeight());
        assertThat(burst.get(7).logOdds()).isGreaterThan(fifth.logOdds()); // graded by size
        // another site does not see this site's burst
        assertThat(observe(t, "other", comment("hello there from the same network", "203.0.113.99")).signals()).isEmpty();
    }

    @Test
    void aBurstExpiresWithItsWindow() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(20));
            observe(t, "blog", comment("comment number " + i + " from the office", "203.0.113." + i));
        }
        assertThat(names(observe(t, "blog", comment("one more from the office", "203.0.113.77")))).contains("ip_burst");
        clock.advance(Duration.ofMinutes(11));
        assertThat(observe(t, "blog", comment("back after lunch, from the office", "203.0.113.78")).signals()).isEmpty();
        // the same six comments spread over an hour never make a burst
        RecentTraffic slow = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 12; i++) {
            clock.advance(Duration.ofMinutes(6));
            assertThat(observe(slow, "blog", comment("slow comment " + i, "203.0.113." + i)).signals()).isEmpty();
        }
    }

    @Test
    void aBusySitesSharedNetworkIsNoBurst() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 200; i++) {
            clock.advance(Duration.ofSeconds(2));
            String ip = i % 20 == 0 ? "203.0.113." + i % 250 : "198.51." + (i % 200) + "." + (i % 250);
            assertThat(names(observe(t, "big", comment(HAM[i % HAM.length] + " " + i, ip)))).doesNotContain("ip_burst");
        }
    }

    @Test
    void ipv6BurstsCountPerSlash64AndSlash48() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        RecentTraffic.Assessment last = null;
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            last = observe(t, "blog", comment("message " + i, "2001:db8:77:" + Integer.toHexString(i) + "::1"));
        }
        assertThat(last.signals()).extracting(Signal::detail).anyMatch(d -> d.contains("2001:db8:77::/48"));
    }

    @Test
    void aLinkCampaignFiresButLinksToTheSiteItselfDoNot() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        normalTraffic(t, "blog", 20);
        RecentTraffic.Assessment a = null;
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(1));
            a = observe(t, "blog", comment("text " + i + " see https://www.cheap-deals.top/p/" + i, "192.0.2." + (i * 40)));
        }
        assertThat(names(a)).contains("link_burst");
        assertThat(a.signals()).extracting(Signal::detail).anyMatch(d -> d.startsWith("3 comments linking cheap-deals.top"));
        RecentTraffic own = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(1));
            Comment c = Comment.builder().content("as I said in https://blog.example.org/post-" + i).permalink("https://blog.example.org/today")
                    .userIp("192.0.2." + i * 30).build();
            assertThat(names(observe(own, "blog", c))).doesNotContain("link_burst");
        }
    }

    @Test
    void aWaveOfVariedCopiesIsCaughtAfterAFewCopies() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        normalTraffic(t, "blog", 30);
        String[] names = {"Anna", "Ben", "Chloe", "Dmitri", "Eve", "Farid"};
        List<RecentTraffic.Assessment> wave = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            clock.advance(Duration.ofMinutes(7)); // spread out: no burst, other addresses
            String text = "Hi " + names[i] + ", I earned 4" + i + "00 dollars this week working from home with the method "
                    + "on my profile, it is simple and anyone can start today";
            wave.add(observe(t, "blog", comment(text, "192.0.2." + i * 37)));
        }
        assertThat(names(wave.get(0))).doesNotContain("recent_copies");
        assertThat(names(wave.get(1))).doesNotContain("recent_copies");
        assertThat(names(wave.get(2))).contains("recent_copies");
        assertThat(wave.get(5).signals()).extracting(Signal::detail).anyMatch(d -> d.startsWith("6 near-copies"));
        // short texts repeat innocently and are not compared
        for (int i = 0; i < 5; i++) assertThat(observe(t, "blog", comment("Great post, thanks!", "198.51." + i + ".9")).signals()).isEmpty();
    }

    @Test
    void unrecordedTrafficIsAssessedButNotRemembered() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 10; i++) {
            Comment c = comment("test comment " + i, "203.0.113.5");
            t.observe("blog", c, EXTRACTOR.extract(c), 0, false);
        }
        assertThat(t.remembered("blog")).isZero();
        for (int i = 0; i < 4; i++) observe(t, "blog", comment("real " + i, "203.0.113.5"));
        Comment probe = comment("a test after real traffic", "203.0.113.6");
        assertThat(names(t.observe("blog", probe, EXTRACTOR.extract(probe), 0, false))).contains("ip_burst");
        assertThat(t.remembered("blog")).isEqualTo(4);
    }

    /** Replays {@code c} as judged at the clock's time with the given margin (another node's check). */
    private void replay(RecentTraffic t, String site, Comment c, double margin) {
        t.replay(site, c, EXTRACTOR.extract(c), margin, clock.millis());
    }

    @Test
    void replayedTrafficCountsTowardsBurstsAndCopiesButIsNotAssessed() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        // four comments from one /24 judged by another node, one copy of a long text among them
        String wave = "I earned 4000 dollars this week working from home with the method on my profile, "
                + "it is simple and anyone can start today";
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(20));
            replay(t, "blog", comment(i == 0 ? wave : "comment number " + i + " from the office", "203.0.113." + i), -5);
        }
        assertThat(t.remembered("blog")).isEqualTo(4);
        // the fifth, judged here, completes the burst that none of the nodes saw whole
        assertThat(names(probe(t, "blog", comment("one more from the office", "203.0.113.77")))).contains("ip_burst");
        // and a copy judged here is the second of the wave; a third makes the signal
        clock.advance(Duration.ofMinutes(20));
        assertThat(names(observe(t, "blog", comment("Hi Ben, " + wave, "192.0.2.40")))).doesNotContain("recent_copies");
        assertThat(names(probe(t, "blog", comment("Hi Eve, " + wave, "192.0.2.80")))).contains("recent_copies");
    }

    @Test
    void replayedCommentsOlderThanTheWindowsLeaveTheBurstsAlone() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        long old = clock.millis();
        clock.advance(Duration.ofHours(7)); // beyond the 10-minute burst and 6-hour copy windows
        for (int i = 0; i < 6; i++) t.replay("blog", comment("old comment " + i, "203.0.113." + i),
                EXTRACTOR.extract(comment("old comment " + i, "203.0.113." + i)), -5, old + i * 1000);
        assertThat(t.remembered("blog")).isZero();
        assertThat(probe(t, "blog", comment("a new comment from the office", "203.0.113.77")).signals()).isEmpty();
        // a comment that arrives late but within the window counts, and leaves it with the ones before it
        replay(t, "blog", comment("late but recent", "203.0.113.9"), -5);
        assertThat(t.remembered("blog")).isEqualTo(1);
        clock.advance(Duration.ofHours(6).plusMinutes(1));
        observe(t, "blog", comment("much later", "198.51.100.1"));
        assertThat(t.remembered("blog")).isEqualTo(1);
    }

    @Test
    void replayedClearHamTeachesTheProfilesAndUnclearTrafficDoesNot() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        Comment cyrillic = comment("Лучшие кредиты без проверки, пишите нам прямо сейчас", "192.0.2.1");
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(1));
            replay(t, "blog", comment(HAM[i % HAM.length] + " " + i, "198.51." + i + ".1"), -1); // near the threshold
        }
        assertThat(probe(t, "blog", cyrillic).signals()).as("unclear traffic taught nothing").isEmpty();
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(1));
            replay(t, "blog", comment(HAM[i % HAM.length] + " " + i, "198.51." + i + ".2"), -5);
        }
        assertThat(names(probe(t, "blog", cyrillic))).containsExactly("script_mismatch");
    }

    @Test
    void textInAScriptForeignToTheSitesHamIsFlagged() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        Comment cyrillic = comment("Лучшие кредиты без проверки, пишите нам прямо сейчас", "192.0.2.1");
        assertThat(probe(t, "blog", cyrillic).signals()).as("no profile yet").isEmpty();
        for (int i = 0; i < 29; i++) learnHam(t, "blog", comment(HAM[i % HAM.length], ""));
        assertThat(probe(t, "blog", cyrillic).signals()).as("29 ham: not trusted yet").isEmpty();
        learnHam(t, "blog", comment(HAM[0], ""));
        RecentTraffic.Assessment a = probe(t, "blog", cyrillic);
        assertThat(names(a)).containsExactly("script_mismatch");
        assertThat(a.signals().getFirst().detail()).isEqualTo("Cyrillic text; 0 of the site's last 30 ham comments were, mostly Latin");
        assertThat(observe(t, "blog", comment("An ordinary English comment about the article", "192.0.2.2")).signals()).isEmpty();
        // a Cyrillic site is the other way round; comments judged clearly ham teach the profile too
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofMinutes(5));
            observe(t, "ru", comment("Спасибо за статью " + i, "198.51." + i + ".1"));
        }
        assertThat(names(observe(t, "ru", comment("Cheap loans without checks, write to us right now", "192.0.2.3")))).contains("script_mismatch");
        assertThat(probe(t, "ru", cyrillic).signals()).isEmpty();
    }

    @Test
    void declaredLanguagesStandInUntilTheProfileIsTrusted() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        Comment c = Comment.builder().content("最便宜的手机和电脑就在我们的网店里快来买吧").siteLanguages("en_us").build();
        RecentTraffic.Assessment a = t.observe("new", c, EXTRACTOR.extract(c), 0, true);
        assertThat(a.signals()).extracting(Signal::detail).containsExactly("Han text; the site declares en_us");
        Comment zh = c.toBuilder().siteLanguages("zh, en").build();
        assertThat(t.observe("new", zh, EXTRACTOR.extract(zh), 0, true).signals()).isEmpty();
    }

    /** A site's English ham, varied enough to give it the common words of English comments. */
    private static final String[] ENGLISH_HAM = {
            "I read this twice and I still think the second half is the better part of the article",
            "Thanks for writing this up, it is exactly what I was looking for last week",
            "We tried the same thing at home and it did not work as well as you said it would",
            "Has anyone else noticed that the photos in the gallery are not loading on my phone?",
            "My brother works in the field and he says most of these numbers are about right",
            "You should have mentioned the price, because that is what most people want to know first",
            "This is the kind of post that makes me come back to the site every morning",
            "I have been following the series since the start and this one was the best so far",
            "Could you explain what you meant by the last paragraph, it was a bit confusing to me",
            "It would be great if there was a follow up with more details about the costs",
            "Our local library has the book, so I will pick it up this weekend and read it",
            "The part about the old bridge brought back memories of walking there with my father",
            "I am not sure I agree, but it is a fair point and well argued, thank you",
            "They changed the opening hours again, so check before you go there on a Sunday",
            "What a lovely story, my kids and I read it together after dinner tonight",
            "If you ask me, the first version of the recipe was better than this new one",
            "There is a small typo in the third line, but otherwise this was really helpful",
            "Just wanted to say thanks, your guide saved me a lot of time with the garden",
            "I think he is right about the weather, it has been much colder than usual this year",
            "She told me about this blog and now I read it with my coffee most days",
            "Do you know if the event will be recorded for those of us who cannot attend?",
            "The comments here are always so kind, which is rare on the internet these days",
            "We should all be more careful with what we share online, good reminder",
            "Would love to see a post about the history of the town hall and its clock"};

    /** Indonesian gambling-style spam, written for these tests. */
    private static final String JUDI = "Ayo gabung sekarang di situs gacor hari ini, dijamin menang terus dan bonus "
            + "besar untuk semua member baru yang daftar";

    /** Teaches the site English ham until its language profile is trusted; returns the words learned. */
    private static int teachEnglish(RecentTraffic t, String site) {
        int i = 0;
        while (t.languageProfile(site) == null || t.languageProfile(site).learned() < TrafficSettings.defaults().languageMinProfile()) {
            learnHam(t, site, comment(ENGLISH_HAM[i++ % ENGLISH_HAM.length], ""));
        }
        return t.languageProfile(site).learned();
    }

    @Test
    void anotherLanguageInTheSitesScriptIsFlaggedOnceTheProfileIsTrusted() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        Comment spam = comment(JUDI, "192.0.2.1");
        for (int i = 0; i < 40; i++) {
            learnHam(t, "blog", comment(ENGLISH_HAM[i % ENGLISH_HAM.length], ""));
            assertThat(probe(t, "blog", spam).signals()).as("after %d ham comments: not trusted yet", i + 1).isEmpty();
        }
        teachEnglish(t, "blog");
        RecentTraffic.Assessment a = probe(t, "blog", spam);
        assertThat(names(a)).containsExactly("language_mismatch");
        assertThat(a.signals().getFirst().detail())
                .isEqualTo("language unlike this site's comments (20 of 20 words, 100%, never seen in its ham; looks Indonesian)");
        assertThat(a.logOdds()).isEqualTo(TrafficSettings.defaults().languageWeight());
        // English from elsewhere: other topics, other words, the same language
        String[] otherEnglish = {
                "Honestly the referee made the wrong call in the final minute and everyone saw it",
                "Where did you buy that jacket? I have been looking for one like it all winter",
                "Thanks for the update, we will try the new settings when we get back from the trip",
                "My cat knocked the laptop off the desk while I was writing this comment, sorry for typos",
                "The train was late again this morning, so I missed half of the meeting"};
        for (String text : otherEnglish) assertThat(probe(t, "blog", comment(text, "192.0.2.2")).signals()).as(text).isEmpty();
        // short comments say too little, in any language
        assertThat(probe(t, "blog", comment("mantap bang, gacor terus", "192.0.2.3")).signals()).isEmpty();
    }

    @Test
    void theLanguageSharePrintsAsTheFormerFormatDid() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        teachEnglish(t, "blog");
        // 20 unknown words of 23: 86.96 %, printed rounded as "%.0f" did
        RecentTraffic.Assessment a = probe(t, "blog", comment(JUDI + " and the you", "192.0.2.1"));
        assertThat(names(a)).containsExactly("language_mismatch");
        assertThat(a.signals().getFirst().detail()).startsWith("language unlike this site's comments (20 of 23 words, "
                + String.format(Locale.ROOT, "%.0f%%", 100.0 * 20 / 23) + ", never seen in its ham");
        // the detail rounds with Math.round: the same text as "%.0f" for every share it can show
        for (int words = 1; words <= LanguageProfile.MAX_WORDS_PER_COMMENT; words++) {
            for (int unknown = 0; unknown <= words; unknown++) {
                double share = 100.0 * unknown / words;
                assertThat(Long.toString(Math.round(share))).isEqualTo(String.format(Locale.ROOT, "%.0f", share));
            }
        }
    }

    @Test
    void onlyCommentsInTheSitesLanguageTeachItButModeratorsHamAlwaysDoes() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        int learned = teachEnglish(t, "blog");
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(3));
            assertThat(names(observe(t, "blog", comment(JUDI + " " + i, "198.51.100." + i)))).contains("language_mismatch");
        }
        assertThat(t.languageProfile("blog").learned()).as("judged foreign comments teach nothing").isEqualTo(learned);
        observe(t, "blog", comment(ENGLISH_HAM[3], "198.51.100.9"));
        assertThat(t.languageProfile("blog").learned()).as("a judged clear-ham English comment teaches").isGreaterThan(learned);
        // the site's moderators approve readers who write Indonesian: the site follows them
        Comment reader = comment("Terima kasih, videonya bagus dan sangat membantu untuk saya yang baru belajar", "192.0.2.5");
        assertThat(names(probe(t, "blog", reader))).contains("language_mismatch");
        String[] approved = {
                "Terima kasih atas informasinya, sangat membantu untuk saya",
                "Videonya bagus sekali, saya baru tahu tentang ini",
                "Saya setuju dengan pendapat ini, terima kasih sudah berbagi",
                "Penjelasannya jelas dan mudah dipahami untuk yang baru belajar",
                "Bagus, saya tunggu video berikutnya yang lebih lengkap"};
        for (String text : approved) {
            learnHam(t, "blog", comment(text, ""));
            learnHam(t, "blog", comment(text, ""));
        }
        assertThat(probe(t, "blog", reader).signals()).isEmpty();
    }

    @Test
    void aForeignScriptIsOneSignalNotTwo() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        teachEnglish(t, "blog");
        Comment cyrillic = comment("Лучшие кредиты без проверки, пишите нам прямо сейчас и получите бонус", "192.0.2.1");
        assertThat(names(probe(t, "blog", cyrillic))).containsExactly("script_mismatch");
        // with the script signal off, the language signal sees it
        RecentTraffic languageOnly = traffic(TrafficSettings.defaults().with(false, false, false, false, true));
        teachEnglish(languageOnly, "blog");
        assertThat(names(probe(languageOnly, "blog", cyrillic))).containsExactly("language_mismatch");
    }

    @Test
    void declaredLanguagesStandInForTheLanguageProfileToo() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        Comment c = Comment.builder().content(JUDI).siteLanguages("en_us").build();
        RecentTraffic.Assessment a = t.observe("new", c, EXTRACTOR.extract(c), 0, true);
        assertThat(a.signals()).extracting(Signal::detail)
                .containsExactly("Indonesian text; the site declares en_us and has too little ham yet to know its own words");
        for (String declared : new String[] {"id", "en, ms", "en, jv", ""}) {
            Comment d = c.toBuilder().siteLanguages(declared).build();
            assertThat(t.observe("new", d, EXTRACTOR.extract(d), 0, false).signals()).as(declared).isEmpty();
        }
        Comment english = c.toBuilder().content(ENGLISH_HAM[0]).build();
        assertThat(t.observe("new", english, EXTRACTOR.extract(english), 0, false).signals()).isEmpty();
        Comment shortOne = c.toBuilder().content("mantap bang, ini gacor").build();
        assertThat(t.observe("new", shortOne, EXTRACTOR.extract(shortOne), 0, false).signals()).isEmpty();
        // once the site's own ham is enough, the profile decides: a site declaring English but read in Indonesian
        RecentTraffic read = traffic(TrafficSettings.defaults());
        for (int i = 0; read.languageProfile("id-readers") == null
                || read.languageProfile("id-readers").learned() < TrafficSettings.defaults().languageMinProfile(); i++) {
            learnHam(read, "id-readers", comment(JUDI.replace("gacor", "bagus") + " " + ENGLISH_HAM[i % 3].split(" ")[2], ""));
        }
        assertThat(read.observe("id-readers", c, EXTRACTOR.extract(c), 0, false).signals()).isEmpty();
    }

    @Test
    void languageProfilesAreBoundedInNumber() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        int sites = RecentTraffic.MAX_LANGUAGE_PROFILES + 40;
        for (int s = 0; s < sites; s++) {
            clock.advance(Duration.ofSeconds(1));
            learnHam(t, "site-" + s, comment("thanks for the post", ""));
        }
        assertThat(t.languageProfiles()).isEqualTo(RecentTraffic.MAX_LANGUAGE_PROFILES);
        assertThat(t.languageProfile("site-" + (sites - 1))).isNotNull();
        assertThat(t.languageProfile("site-0")).as("least recently taught dropped").isNull();
    }

    @Test
    void theVerdictExplainsTheLanguage() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        teachEnglish(t, "blog");
        SpamEngine engine = SpamEngine.create(Model.empty(), t);
        Verdict v = engine.judge("blog", comment(JUDI, "192.0.2.1"));
        assertThat(v.signals()).extracting(Signal::name).containsExactly("language_mismatch");
        assertThat(v.signals().getFirst().detail()).startsWith("language unlike this site's comments (");
        assertThat(v.logOdds()).isEqualTo(TrafficSettings.defaults().languageWeight()); // the empty model says 0
    }

    @Test
    void switchedOffSignalsStaySilent() {
        RecentTraffic t = traffic(TrafficSettings.off());
        for (int i = 0; i < 10; i++) assertThat(observe(t, "blog", comment("burst " + i, "203.0.113.1")).signals()).isEmpty();
        assertThat(t.trackedSites()).isZero();
        RecentTraffic onlyLinks = traffic(TrafficSettings.defaults().with(false, true, false, false, false));
        for (int i = 0; i < 10; i++) assertThat(observe(onlyLinks, "blog", comment("burst " + i, "203.0.113.1")).signals()).isEmpty();
    }

    @Test
    void memoryIsBoundedPerSiteAndInTotal() {
        RecentTraffic t = traffic(TrafficSettings.defaults().withBounds(64, 4));
        for (int i = 0; i < 2000; i++) {
            clock.advance(Duration.ofSeconds(1));
            observe(t, "busy", comment("a long enough comment to be compared for copies, number " + i + " of many",
                    "198.51." + (i % 250) + ".1"));
        }
        assertThat(t.remembered("busy")).isEqualTo(64);
        int[] footprint = t.footprint("busy");
        assertThat(footprint[0]).isLessThanOrEqualTo(64);
        assertThat(footprint[1]).isLessThanOrEqualTo(64 * SiteTraffic.BANDS);
        assertThat(footprint[2]).isLessThanOrEqualTo(64 * 2);
        assertThat(footprint[3]).isEqualTo(64);
        for (int s = 0; s < 20; s++) {
            clock.advance(Duration.ofSeconds(1));
            observe(t, "site-" + s, comment("hello", "198.51.100.1"));
        }
        assertThat(t.trackedSites()).isEqualTo(4);
        assertThat(t.remembered("site-19")).isEqualTo(1);
        assertThat(t.remembered("busy")).as("least recently active site dropped").isZero();
    }

    @Test
    void aQuietWindowFreesItsEntries() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        for (int i = 0; i < 100; i++) observe(t, "blog", comment("comment " + i + " with enough words to keep a signature", "198.51.100." + i));
        clock.advance(Duration.ofHours(7));
        observe(t, "blog", comment("the next day", "198.51.100.200"));
        assertThat(t.remembered("blog")).isEqualTo(1);
        assertThat(t.footprint("blog")[1]).isZero();
    }

    @Test
    void concurrentObserversKeepExactCounts() throws Exception {
        RecentTraffic t = traffic(TrafficSettings.defaults().withBounds(100_000, 16));
        int threads = 8, perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int k = 0; k < threads; k++) {
                int id = k;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        observe(t, "shared", comment("thread " + id + " says " + i + " about the topic at length", "198.51." + id + "." + (i % 250)));
                        observe(t, "own-" + id, comment("x " + i, "192.0.2.1"));
                    }
                }));
            }
            for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(t.remembered("shared")).isEqualTo(threads * perThread);
        assertThat(t.footprint("shared")[0]).isEqualTo(threads * perThread);
        Comment probe = comment("probe", "198.51.3.1");
        RecentTraffic.Assessment a = t.observe("shared", probe, EXTRACTOR.extract(probe), 0, false);
        // every thread's 500 comments came from its own 198.51.<id>.0/24: 500 + the probe, of 4001 in the window
        assertThat(a.signals()).isEmpty(); // 12.5 % share: below the burst share, so a shared network, not a burst
        for (int k = 0; k < threads; k++) assertThat(t.remembered("own-" + k)).isEqualTo(perThread);
    }

    @Test
    void theDefaultEngineJudgesByTheModelAlone() {
        SpamEngine engine = SpamEngine.create(Model.empty());
        for (int i = 0; i < 10; i++) {
            Verdict v = engine.judge("blog", comment("the same long comment from the same network, again and again", "203.0.113.1"));
            assertThat(v.logOdds()).isZero();
            assertThat(v.signals()).isEmpty();
        }
    }

    @Test
    void theVerdictExplainsTheBurst() {
        RecentTraffic t = traffic(TrafficSettings.defaults());
        SpamEngine engine = SpamEngine.create(Model.empty(), t);
        Verdict v = null;
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(15));
            v = engine.judge("blog", comment("short message " + i, "203.0.113." + i));
        }
        assertThat(v.signals()).extracting(Signal::name).contains("ip_burst");
        assertThat(v.signals()).extracting(Signal::detail).anyMatch(d -> d.startsWith("6 comments from 203.0.113.0/24"));
        assertThat(v.logOdds()).isGreaterThan(0); // the empty model says 0; the burst alone tips it
        assertThat(v.isSpam()).isTrue();
        // a test request is judged against the traffic but does not join it
        int before = t.remembered("blog");
        engine.judge("blog", comment("test", "203.0.113.9"), false);
        assertThat(t.remembered("blog")).isEqualTo(before);
    }
}
