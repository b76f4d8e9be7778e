package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.winnow.store.Checks.Check;
import org.winnow.store.Checks.SiteMonth;
import org.winnow.store.Corrections.Correction;

class ChecksTest extends StoreTestBase {

    private static final YearMonth MARCH = YearMonth.of(2024, 3);

    private static Instant inMarch(int day, int hour) {
        return MARCH.atDay(day).atTime(hour, 0).toInstant(ZoneOffset.UTC);
    }

    @Test
    void aRecordedCheckReadsBackExactly() {
        Fixture f = fixture();
        Instant at = Instant.parse("2024-03-05T10:15:30.123456789Z");
        Check check = new Check(guid(), f.siteId(), at, "discard", 0.987654321, "{\"why\":\"links\"}",
                "{\"comment_content\":\"Ünïcödé 💊 العربية\"}", "match-1", true);
        f.store().checks().record(check);

        Check read = f.store().checks().byGuid(check.guid()).orElseThrow();
        assertThat(read).isEqualTo(new Check(check.guid(), check.siteId(), Instant.parse("2024-03-05T10:15:30.123Z"),
                "discard", 0.987654321, check.explanation(), check.comment(), "match-1", true));
        assertThat(f.store().checks().byGuid(guid())).isEmpty();
        assertThat(f.store().checks().byGuid("not-a-guid")).isEmpty();
        assertThat(f.store().checks().byGuid(check.guid().toUpperCase())).isEmpty();
    }

    @Test
    void judgedSinceGivesTheNewestChecksOldestFirstWithoutTests() {
        Fixture f = fixture();
        long otherSite = f.store().keys().site(f.keyId(), "https://other.example").id();
        List<Check> recorded = new ArrayList<>();
        for (int i = 0; i < 6; i++) recorded.add(check(i % 2 == 0 ? f.siteId() : otherSite, inMarch(10, i), "ham"));
        Check test = check(f.siteId(), inMarch(10, 3), "spam", true);
        Check before = check(f.siteId(), inMarch(9, 23), "spam");
        for (Check c : recorded) f.store().checks().record(c);
        f.store().checks().record(test);
        f.store().checks().record(before);

        List<Checks.Judged> all = f.store().checks().judgedSince(inMarch(10, 0), 100, g -> false);
        assertThat(all).extracting(Checks.Judged::guid).containsExactlyElementsOf(recorded.stream().map(Check::guid).toList());
        Checks.Judged first = all.getFirst();
        assertThat(first).isEqualTo(new Checks.Judged(recorded.getFirst().guid(), f.siteId(), inMarch(10, 0),
                recorded.getFirst().score(), recorded.getFirst().comment()));
        // a limit keeps the newest, still oldest first
        assertThat(f.store().checks().judgedSince(inMarch(10, 0), 2, g -> false)).extracting(Checks.Judged::guid)
                .containsExactly(recorded.get(4).guid(), recorded.get(5).guid());
        // known checks are left out, and still count towards the limit
        String known = recorded.get(5).guid();
        assertThat(f.store().checks().judgedSince(inMarch(10, 0), 2, known::equals)).extracting(Checks.Judged::guid)
                .containsExactly(recorded.get(4).guid());
        assertThat(f.store().checks().judgedSince(inMarch(10, 6), 10, g -> false)).isEmpty();
        assertThatThrownBy(() -> f.store().checks().judgedSince(inMarch(10, 0), 0, g -> false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void judgedSinceReadsMoreRowsThanOneQueryNames() {
        Fixture f = fixture();
        List<java.util.concurrent.CompletableFuture<Void>> writes = new ArrayList<>();
        List<String> guids = new ArrayList<>();
        for (int i = 0; i < 1_100; i++) {
            Check c = check(f.siteId(), inMarch(11, 0).plusSeconds(i), "ham");
            guids.add(c.guid());
            writes.add(f.store().checks().recordAsync(c));
        }
        writes.forEach(java.util.concurrent.CompletableFuture::join);
        assertThat(f.store().checks().judgedSince(inMarch(11, 0), 5_000, g -> false))
                .extracting(Checks.Judged::guid).containsExactlyElementsOf(guids);
    }

    @Test
    void matchKeysThatShareTheirIndexedPrefixAreToldApart() throws Exception {
        Fixture f = fixture();
        String prefix = "0123456789abcdef"; // what the index holds of a key (migration V2)
        Check a = withMatchKey(check(f.siteId(), inMarch(2, 10), "ham"), prefix + "a".repeat(48));
        Check b = withMatchKey(check(f.siteId(), inMarch(3, 10), "spam"), prefix + "b".repeat(48));
        f.store().checks().record(a);
        f.store().checks().record(b);
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), a.matchKey())).contains(a);
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), b.matchKey())).contains(b);
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), prefix)).isEmpty();
        // and the look-up goes through that index, not through every check of the site
        String query = "SELECT guid FROM checks WHERE site_id = 1 AND substr(match_key, 1, 16) = '" + prefix
                + "' AND match_key = '" + a.matchKey() + "' ORDER BY checked_at DESC, guid DESC LIMIT 1";
        StringBuilder plan = new StringBuilder();
        try (var c = raw(); var s = c.createStatement()) {
            if (database.equals("postgresql")) s.execute("SET enable_seqscan = off"); // a tiny table: make the planner show its choice
            try (var rs = s.executeQuery((database.equals("sqlite") ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + query)) {
                while (rs.next()) plan.append(rs.getString(database.equals("sqlite") ? 4 : 1)).append('\n');
            }
        }
        assertThat(plan.toString()).contains("checks_site_match16");
    }

    @Test
    void latestByMatchKeyIsTheNewestOfThatSite() {
        Fixture f = fixture();
        long otherSite = f.store().keys().site(f.keyId(), "https://other.example").id();
        Check older = withMatchKey(check(f.siteId(), inMarch(2, 10), "ham"), "k1");
        Check newest = withMatchKey(check(f.siteId(), inMarch(9, 10), "spam"), "k1");
        Check middle = withMatchKey(check(f.siteId(), inMarch(5, 10), "ham"), "k1");
        Check otherKey = withMatchKey(check(f.siteId(), inMarch(20, 10), "ham"), "k2");
        Check otherSiteCheck = withMatchKey(check(otherSite, inMarch(25, 10), "ham"), "k1");
        for (Check c : List.of(older, newest, middle, otherKey, otherSiteCheck)) {
            f.store().checks().record(c);
        }
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), "k1")).contains(newest);
        assertThat(f.store().checks().latestByMatchKey(otherSite, "k1")).contains(otherSiteCheck);
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), "k3")).isEmpty();
    }

    @Test
    void monthlyCountsPerSite() {
        Fixture f = fixture();
        Store store = f.store();
        long site1 = f.siteId();
        long site2 = store.keys().site(f.keyId(), "https://second.example").id();
        long idleSite = store.keys().site(f.keyId(), "https://idle.example").id();
        long otherKeySite = store.keys().create("https://elsewhere.example", "").site().id();

        Check ham1 = record(store, check(site1, inMarch(1, 0), "ham"));
        record(store, check(site1, inMarch(2, 0), "ham"));
        record(store, check(site1, inMarch(31, 23), "ham"));
        Check spam1 = record(store, check(site1, inMarch(3, 0), "spam"));
        record(store, check(site1, inMarch(4, 0), "spam"));
        Check discard1 = record(store, check(site1, inMarch(5, 0), "discard"));
        record(store, check(site1, inMarch(6, 0), "spam", true)); // test: not counted
        record(store, check(site1, Instant.parse("2024-02-29T23:59:59.999Z"), "spam")); // February
        record(store, check(site1, Instant.parse("2024-04-01T00:00:00Z"), "spam")); // April
        record(store, check(site2, inMarch(7, 0), "ham"));
        record(store, check(otherKeySite, inMarch(7, 0), "ham"));

        Corrections log = store.corrections();
        log.append(correction(site1, ham1.guid(), true, "ham", inMarch(8, 0))); // missed spam
        log.append(correction(site1, ham1.guid(), true, "ham", inMarch(9, 0))); // same check again: once
        log.append(correction(site1, spam1.guid(), false, "spam", inMarch(10, 0))); // false positive
        log.append(correction(site1, discard1.guid(), false, "discard", inMarch(11, 0))); // false positive
        log.append(correction(site1, spam1.guid(), true, "spam", inMarch(12, 0))); // agrees: nothing
        log.append(correction(site1, null, true, null, inMarch(12, 0))); // unmatched: nothing
        log.append(correction(site2, guid(), true, "ham", Instant.parse("2024-04-02T00:00:00Z"))); // April

        List<SiteMonth> march = store.checks().monthly(f.keyId(), MARCH);
        assertThat(march).containsExactly(
                new SiteMonth(site1, "https://blog.example.com", MARCH, 6, 3, 3, 1, 2),
                new SiteMonth(site2, "https://second.example", MARCH, 1, 0, 1, 0, 0));

        // The current month lists every site of the key, idle ones with zeros.
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        assertThat(store.checks().monthly(f.keyId(), now)).extracting(SiteMonth::siteId)
                .containsExactly(site1, site2, idleSite);
        assertThat(store.checks().monthly(f.keyId(), now)).allSatisfy(m -> assertThat(m.apiCalls()).isZero());

        List<SiteMonth> april = store.checks().monthly(f.keyId(), YearMonth.of(2024, 4));
        assertThat(april).containsExactly(
                new SiteMonth(site1, "https://blog.example.com", YearMonth.of(2024, 4), 1, 1, 0, 0, 0),
                new SiteMonth(site2, "https://second.example", YearMonth.of(2024, 4), 0, 0, 0, 1, 0));
    }

    @Test
    void callsInMonthCountsNonTestChecksOfAllSitesOfTheKey() {
        Fixture f = fixture();
        Store store = f.store();
        long site2 = store.keys().site(f.keyId(), "https://second.example").id();
        long otherKeySite = store.keys().create("https://elsewhere.example", "").site().id();
        record(store, check(f.siteId(), inMarch(1, 0), "ham"));
        record(store, check(f.siteId(), inMarch(2, 0), "spam"));
        record(store, check(site2, inMarch(3, 0), "ham"));
        record(store, check(site2, inMarch(3, 0), "ham", true));
        record(store, check(site2, Instant.parse("2024-04-01T00:00:00Z"), "ham"));
        record(store, check(otherKeySite, inMarch(3, 0), "ham"));

        assertThat(store.checks().callsInMonth(f.keyId(), MARCH)).isEqualTo(3);
        assertThat(store.checks().callsInMonth(f.keyId(), YearMonth.of(2024, 4))).isEqualTo(1);
        assertThat(store.checks().callsInMonth(f.keyId(), YearMonth.of(2024, 2))).isZero();
        assertThat(store.checks().callsInMonth(9999, MARCH)).isZero();
    }

    @Test
    void deleteOlderThanRemovesOnlyOldChecksInChunks() throws Exception {
        Fixture f = fixture();
        Store store = f.store();
        Instant cutoff = Instant.parse("2024-01-01T00:00:00Z");
        int old = SqlChecks.DELETE_CHUNK + 321; // more than one chunk
        List<Check> oldChecks = new ArrayList<>();
        for (int i = 0; i < old; i++) {
            oldChecks.add(check(f.siteId(), cutoff.minusSeconds(1 + i), "ham"));
        }
        recordConcurrently(store, oldChecks);
        Check boundary = record(store, check(f.siteId(), cutoff, "spam"));
        Check recent = record(store, check(f.siteId(), cutoff.plusSeconds(3600), "spam"));
        Correction kept = store.corrections().append(correction(f.siteId(), oldChecks.getFirst().guid(), true, "ham", cutoff.minusSeconds(5)));

        assertThat(store.checks().deleteOlderThan(cutoff)).isEqualTo(old);

        assertThat(rows("checks")).isEqualTo(2);
        assertThat(store.checks().byGuid(boundary.guid())).isPresent();
        assertThat(store.checks().byGuid(recent.guid())).isPresent();
        assertThat(store.checks().byGuid(oldChecks.getFirst().guid())).isEmpty();
        assertThat(store.corrections().after(0, 10)).containsExactly(kept); // the log is not retention's business
        assertThat(store.checks().deleteOlderThan(cutoff)).isZero();
    }

    @Test
    void aDuplicateGuidIsRefusedAndTheOriginalKept() {
        Fixture f = fixture();
        Check original = record(f.store(), check(f.siteId(), inMarch(1, 0), "ham"));
        Check copy = new Check(original.guid(), f.siteId(), inMarch(2, 0), "spam", 1, "{}", "{}", "x", false);

        assertThatThrownBy(() -> f.store().checks().record(copy))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.DUPLICATE))
                .hasMessageContaining(original.guid())
                .hasMessageNotContaining("Buy cheap watches");
        assertThat(f.store().checks().byGuid(original.guid())).contains(original);
    }

    @Test
    void aCheckForAnUnknownSiteIsRefused() throws Exception {
        Fixture f = fixture();
        assertThatThrownBy(() -> f.store().checks().record(check(f.siteId() + 100, inMarch(1, 0), "ham")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.MISSING_REFERENCE));
        assertThat(rows("checks")).isZero();
    }

    static Check record(Store store, Check check) {
        store.checks().record(check);
        return new Check(check.guid(), check.siteId(), Instant.ofEpochMilli(check.at().toEpochMilli()), check.verdict(),
                check.score(), check.explanation(), check.comment(), check.matchKey(), check.test());
    }

    static void recordConcurrently(Store store, List<Check> checks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> futures = new ArrayList<>();
            for (Check c : checks) {
                futures.add(pool.submit(() -> store.checks().record(c)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static Check withMatchKey(Check c, String matchKey) {
        return new Check(c.guid(), c.siteId(), c.at(), c.verdict(), c.score(), c.explanation(), c.comment(), matchKey, c.test());
    }

    static Correction correction(long siteId, String guid, boolean spam, String previousVerdict, Instant at) {
        return new Correction(0, siteId, guid, spam, spam ? "submit-spam" : "submit-ham", "{\"comment_content\":\"x\"}",
                at, previousVerdict);
    }
}
