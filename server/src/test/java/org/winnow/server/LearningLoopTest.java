package org.winnow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.winnow.server.TestEnv.THANKS;
import static org.winnow.server.TestEnv.comment;
import static org.winnow.server.TestEnv.commentWithEmail;
import static org.winnow.server.TestEnv.form;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.winnow.engine.SpamEngine;
import org.winnow.engine.traffic.RecentTraffic;
import org.winnow.server.RawHttp.Response;
import org.winnow.store.Corrections.Correction;
import org.winnow.store.Store;

/** submit-spam / submit-ham: matching, the correction log, learning before the answer, replay on restart. */
class LearningLoopTest {

    /** Reads like an ordinary remark, so the small base model calls it ham. */
    static final String TEXT = "I tried the second approach on my laptop and the build works fine now, thanks.";
    static final String TEXT_ONE_WORD_CHANGED = "I tried the second approach on my desktop and the build works fine now, thanks.";

    @TempDir Path dir;
    TestEnv env;

    @BeforeEach
    void start() {
        env = TestEnv.start(dir);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    Response check(String body) {
        return env.http.post("/1.1/comment-check", "api_key=" + env.key + "&" + body);
    }

    Response submit(String method, String body) {
        Response r = env.http.post("/1.1/" + method, "api_key=" + env.key + "&" + body);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).isEqualTo(THANKS);
        return r;
    }

    List<Correction> corrections() {
        return env.store.corrections().after(0, 1000);
    }

    @Test
    void missedSpamReportedTheWordPress5WayFlipsTheNextCheckAtOnceAndSurvivesARestart() {
        String first = comment("Sam Seller", TEXT, "comment_post_ID", "12");
        Response before = check(first);
        assertThat(before.text()).isEqualTo("false");

        // WordPress 5.x: the same fields again (DB row: other IP, extra columns), no guid
        submit("submit-spam", comment("Sam Seller", TEXT + "  ", "comment_post_ID", "12", "user_ip", "198.51.100.4",
                "comment_approved", "1", "reporter", "admin"));
        Correction c = corrections().get(0);
        assertThat(c.spam()).isTrue();
        assertThat(c.source()).isEqualTo("submit-spam");
        assertThat(c.guid()).isEqualTo(before.header("x-akismet-guid"));
        assertThat(c.previousVerdict()).isEqualTo("ham");

        // learned before the answer: the very next check of a near-identical comment is spam
        String near = comment("Sam Seller", TEXT_ONE_WORD_CHANGED, "comment_post_ID", "13");
        assertThat(check(near).text()).isEqualTo("true");

        // a restart replays the log: same file, new Store, new WinnowServer
        env.restart();
        assertThat(check(near).text()).isEqualTo("true");
        assertThat(check(first).text()).isEqualTo("true");
    }

    @Test
    void aReportedSpammersWebsiteCountsAgainstTheirNextCommentWhateverItSaysAndAfterARestart() {
        submit("submit-spam", comment("best payday loans", "Hello, I found your blog on Google, very useful content here",
                "comment_author_url", "http://payday-loans-kimo.example/apply"));
        // another text, another address, the same advertised website
        String next = commentWithEmail("payday loans", "zemo9081@example.net", "Thanks for the write-up, it was a good read",
                "comment_author_url", "https://www.payday-loans-kimo.example/");
        assertThat(explanation(check(next))).contains("\"author_history\"",
                "this website was labelled spam once and ham 0 times on this site");
        env.restart(); // rebuilt from the correction log
        assertThat(explanation(check(next))).contains("this website was labelled spam once and ham 0 times on this site");
        // a reader with another website is not touched by it
        assertThat(explanation(check(comment("Ann Reader", "Thanks for the write-up, it was a good read",
                "comment_author_url", "https://ann-reader.example")))).doesNotContain("author_history");
    }

    @Test
    void aModeratorsDecisionOnAnErasedCommentLeavesNoCopyAndIsForgottenAfterARestart() {
        long site = env.store.keys().site(env.store.keys().verify(env.key).orElseThrow().id(), TestEnv.BLOG).id();
        org.winnow.engine.Comment erased = org.winnow.engine.Comment.builder().content(TEXT).author("Erin Erase")
                .authorEmail("erin@example.org").authorUrl("https://erin.example").build();
        org.winnow.engine.Comment kept = org.winnow.engine.Comment.builder().content(TEXT_ONE_WORD_CHANGED)
                .author("Kim Kept").authorEmail("kim@example.org").build();
        env.server.correct(site, "comment:7", erased, true, "moderator");
        env.server.correct(site, "comment:8", kept, true, "moderator");
        String probe = comment("Erin Erase", TEXT, "comment_author_url", "https://erin.example");
        assertThat(explanation(check(probe))).contains("this website was labelled spam once");

        assertThat(env.server.forget(site, "comment:7")).isEqualTo(1);
        List<Correction> log = corrections();
        assertThat(log).hasSize(2);
        assertThat(log.get(0).comment()).isEqualTo(org.winnow.store.Corrections.ERASED_COMMENT);
        assertThat(log.get(1).comment()).contains("Kim Kept");
        // rebuilt from the log without it: the erased author's website is unknown again, the other lesson stays
        env.restart();
        assertThat(explanation(check(probe))).doesNotContain("author_history");
        assertThat(explanation(check(comment("Kim Kept", "A different text altogether about gardening",
                "comment_author_email", "kim@example.org")))).contains("this e-mail address was labelled spam once");
        assertThat(env.server.forget(site, "comment:7")).isZero();
    }

    String explanation(Response checked) {
        return env.store.checks().byGuid(checked.header("x-akismet-guid")).orElseThrow().explanation();
    }

    @Test
    void matchedByGuidTheWayNewerWordPressAndTheSdkReportIt() {
        Response checked = check(comment("Gina Guid", "Lovely photos in this post, where was the second one taken?"));
        String guid = checked.header("x-akismet-guid");
        // the report's fields differ (edited content), but the guid names the check
        submit("submit-spam", form("guid", guid, "blog", TestEnv.BLOG, "comment_content", "edited text",
                "user_ip", "203.0.113.7", "comment_check_response", "false"));
        Correction c = corrections().get(0);
        assertThat(c.guid()).isEqualTo(guid);
        assertThat(c.previousVerdict()).isEqualTo("ham");
        assertThat(c.comment()).contains("Lovely photos in this post").doesNotContain("edited text");
    }

    @Test
    void aGuidNeedsNoBlogButMustBelongToTheKey() {
        String guid = check(comment("Gina Guid", "A perfectly normal remark about the weather here.")).header("x-akismet-guid");
        submit("submit-ham", form("guid", guid));
        assertThat(corrections()).singleElement().satisfies(c -> {
            assertThat(c.guid()).isEqualTo(guid);
            assertThat(c.spam()).isFalse();
        });

        // another key cannot correct this key's checks: unmatched, filed under its own site
        String other = env.store.keys().create("https://other.example", "other").plaintext();
        Response r = env.http.post("/1.1/submit-spam", form("api_key", other, "guid", guid, "blog", "https://other.example",
                "comment_content", "something else", "user_ip", "1.2.3.4"));
        assertThat(r.text()).isEqualTo(THANKS);
        Correction second = corrections().get(1);
        assertThat(second.guid()).isNull();
        assertThat(second.previousVerdict()).isNull();
        assertThat(second.comment()).contains("something else");
    }

    @Test
    void unmatchedReportsAreLearnedFromTheSubmittedFields() {
        submit("submit-spam", comment("Never Checked", "Cheap watches here, best replica prices online today"));
        Correction c = corrections().get(0);
        assertThat(c.guid()).isNull();
        assertThat(c.previousVerdict()).isNull();
        assertThat(c.comment()).contains("\"comment_author\":\"Never Checked\"");
    }

    @Test
    void falsePositiveReportedWithSubmitHamFlipsBack() {
        String spammy = comment("Pat Pills", "Buy cheap viagra pills online without prescription at discount pharmacy");
        assertThat(check(spammy).text()).isEqualTo("true");
        submit("submit-ham", spammy);
        assertThat(corrections().get(0).previousVerdict()).isIn("spam", "discard");
        assertThat(check(comment("Pat Pills", "Buy cheap viagra pills online without prescription at discount pharmacies"))
                .text()).isEqualTo("false");
    }

    @Test
    void testTrafficIsNeverLearnedNorStored() {
        String c1 = comment("Tess Test", TEXT, "is_test", "1");
        Response checked = check(c1);
        assertThat(checked.text()).isEqualTo("false");
        submit("submit-spam", comment("Tess Test", TEXT, "is_test", "true"));
        // the check was a test: a report naming it by guid, without is_test, is test traffic too
        submit("submit-spam", form("guid", checked.header("x-akismet-guid")));
        assertThat(env.store.corrections().count()).isZero();
        assertThat(check(comment("Tess Test", TEXT_ONE_WORD_CHANGED)).text()).isEqualTo("false");
        assertThat(env.store.checks().byGuid(checked.header("x-akismet-guid")).orElseThrow().test()).isTrue();
    }

    @Test
    void concurrentChecksAndCorrectionsAllGetAnswersAndEveryCorrectionIsLearnedOnce() throws Exception {
        int threads = 8, perThread = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<List<String>>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<String> answers = new java.util.ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        String c = comment("Writer " + thread, "Parallel remark " + thread + "-" + i + " about caching layers");
                        answers.add(i % 4 == 0
                                ? env.http.post("/1.1/submit-spam", "api_key=" + env.key + "&" + c).text()
                                : check(c).text());
                    }
                    return answers;
                }));
            }
            int corrections = 0;
            for (java.util.concurrent.Future<List<String>> f : futures) {
                for (String a : f.get()) {
                    assertThat(a).isIn("true", "false", THANKS);
                    if (a.equals(THANKS)) corrections++;
                }
            }
            assertThat(corrections).isEqualTo(threads * perThread / 4);
            List<Correction> log = corrections();
            assertThat(log).hasSize(corrections);
            for (int i = 0; i < log.size(); i++) assertThat(log.get(i).seq()).isEqualTo(i + 1);
        } finally {
            pool.shutdownNow();
        }
        // a restart replays exactly the same log: the same answers as before the restart
        String probe = comment("Writer 3", "Parallel remark 3-0 about caching layers");
        String beforeRestart = check(probe).text();
        env.restart();
        assertThat(check(probe).text()).isEqualTo(beforeRestart);
    }

    /** The app builds the engine while the store opens and hands it over: it must learn the stored corrections like a server's own. */
    @Test
    void aServerGivenABuiltEngineLearnsTheStoredCorrectionsAndStartsOnlyOnce() {
        String near = "api_key=" + env.key + "&" + comment("Nora Node", TEXT_ONE_WORD_CHANGED);
        check(comment("Nora Node", TEXT));
        submit("submit-spam", comment("Nora Node", TEXT));
        try (Store secondStore = Store.open(env.dbFile.toString(), TestEnv.SECRET)) {
            SpamEngine built = SpamEngine.create(TestEnv.baseModel(), RecentTraffic.withDefaults());
            WinnowServer second = new WinnowServer(secondStore, built, TestEnv.defaultConfig()).start();
            try {
                assertThat(new RawHttp(second.port()).post("/1.1/comment-check", near).text()).isEqualTo("true");
            } finally {
                second.stop();
            }
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("make a new server to start again");
        }
    }

    @Test
    void anotherNodeOnTheSameDatabasePicksUpTheCorrection() throws InterruptedException {
        try (Store secondStore = Store.open(env.dbFile.toString(), TestEnv.SECRET);
             WinnowServer second = new WinnowServer(secondStore, TestEnv.baseModel(), TestEnv.defaultConfig()).start()) {
            RawHttp node2 = new RawHttp(second.port());
            String near = "api_key=" + env.key + "&" + comment("Nora Node", TEXT_ONE_WORD_CHANGED);
            assertThat(node2.post("/1.1/comment-check", near).text()).isEqualTo("false");

            check(comment("Nora Node", TEXT));
            submit("submit-spam", comment("Nora Node", TEXT));

            // node 2 learns it from its poller (every 100 ms here); wait generously, assert the outcome
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            String answer = node2.post("/1.1/comment-check", near).text();
            while (!answer.equals("true") && System.nanoTime() < deadline) {
                Thread.sleep(50);
                answer = node2.post("/1.1/comment-check", near).text();
            }
            assertThat(answer).isEqualTo("true");
        }
    }
}
