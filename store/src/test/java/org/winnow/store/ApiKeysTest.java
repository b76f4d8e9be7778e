package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.winnow.store.ApiKeys.ApiKey;
import org.winnow.store.ApiKeys.Created;

class ApiKeysTest extends StoreTestBase {

    @Test
    void createMakesATwelveHexKeyWithAHintAndItsFirstSite() {
        Store store = open();
        Created created = store.keys().create("HTTPS://Blog.Example.COM:443/", "Alice's blog");

        assertThat(created.plaintext()).matches("[0-9a-f]{12}");
        ApiKey key = created.key();
        assertThat(key.hint()).isEqualTo(created.plaintext().substring(0, 4));
        assertThat(key.label()).isEqualTo("Alice's blog");
        assertThat(key.active()).isTrue();
        assertThat(created.site().url()).isEqualTo("https://blog.example.com");
        assertThat(created.site().keyId()).isEqualTo(key.id());
        assertThat(store.keys().sites(key.id())).containsExactly(created.site());
        assertThat(store.keys().create("https://b.example", null).key().label()).isEmpty();
    }

    @Test
    void verifyFindsTheActiveKeyAndNothingElse() {
        Store store = open();
        Created created = store.keys().create("https://a.example", "");
        String key = created.plaintext();

        assertThat(store.keys().verify(key)).contains(created.key());
        assertThat(store.keys().verify("  " + key.toUpperCase() + "\n")).contains(created.key());
        String other = key.substring(0, 11) + (key.charAt(11) == '0' ? '1' : '0');
        assertThat(store.keys().verify(other)).isEmpty();
        assertThat(store.keys().verify(null)).isEmpty();
        assertThat(store.keys().verify("")).isEmpty();
        assertThat(store.keys().verify("not a key at all")).isEmpty();
        assertThat(store.keys().verify(key + "0")).isEmpty();
    }

    @Test
    void theKeyIsStoredOnlyAsItsHmac() throws Exception {
        Store store = open();
        String key = store.keys().create("https://a.example", "label").plaintext();

        try (Connection c = raw(); var s = c.createStatement(); var rs = s.executeQuery("SELECT key_hash, hint FROM api_keys")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(hmac(key));
            assertThat(rs.getString(2)).isEqualTo(key.substring(0, 4));
        }
        for (String table : new String[] {"api_keys", "sites", "counters", "settings", "checks", "corrections"}) {
            assertNoValueContains(table, key);
            assertNoValueContains(table, key.toUpperCase());
        }
    }

    @Test
    void aDifferentSecretVerifiesNothing() {
        String key;
        try (Store store = open()) {
            key = store.keys().create("https://a.example", "").plaintext();
        }
        Store otherSecret = open("another secret, also long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(otherSecret.keys().verify(key)).isEmpty();
    }

    @Test
    void revokingByPlaintextTakesEffectAtOnceOnThisNode() {
        Store store = open();
        Created created = store.keys().create("https://a.example", "");
        assertThat(store.keys().verify(created.plaintext())).isPresent(); // now cached

        assertThat(store.keys().revoke(created.plaintext())).isTrue();

        assertThat(store.keys().verify(created.plaintext())).isEmpty();
        ApiKey listed = store.keys().list().getFirst();
        assertThat(listed.active()).isFalse();
        assertThat(listed.revokedAt()).isNotNull();
        assertThat(store.keys().revoke(created.plaintext())).isFalse();
    }

    @Test
    void revokingByIdWorksAndUnknownOrGarbageIsFalse() {
        Store store = open();
        Created first = store.keys().create("https://a.example", "");
        Created second = store.keys().create("https://b.example", "");

        assertThat(store.keys().revoke(" " + first.key().id() + " ")).isTrue();
        assertThat(store.keys().verify(first.plaintext())).isEmpty();
        assertThat(store.keys().verify(second.plaintext())).isPresent();
        assertThat(store.keys().revoke("999")).isFalse();
        assertThat(store.keys().revoke("abcdef123456")).isFalse();
        assertThat(store.keys().revoke("drop table api_keys")).isFalse();
        assertThatThrownBy(() -> store.keys().revoke(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void revokedOnAnotherNodeIsSeenThereOnceTheCacheIsBypassed() {
        Store node1 = open();
        Store node2 = open();
        Created created = node1.keys().create("https://a.example", "");
        // node2 has not cached it yet, so it asks the database and sees the revocation immediately
        node1.keys().revoke(created.plaintext());
        assertThat(node2.keys().verify(created.plaintext())).isEmpty();
    }

    @Test
    void revokedOnAnotherNodeStopsWorkingThereWithinASecondEvenWhenCached() throws InterruptedException {
        Store node1 = open();
        Store node2 = open();
        Created created = node1.keys().create("https://a.example", "");
        Created other = node1.keys().create("https://b.example", "");
        assertThat(node2.keys().verify(created.plaintext())).isPresent(); // node2 caches it for 5 s
        assertThat(node2.keys().verify(other.plaintext())).isPresent();

        long revokedAt = System.nanoTime();
        assertThat(node1.keys().revoke(created.plaintext())).isTrue();
        long tookMillis = -1;
        while ((System.nanoTime() - revokedAt) / 1_000_000 < 3_000) {
            if (node2.keys().verify(created.plaintext()).isEmpty()) {
                tookMillis = (System.nanoTime() - revokedAt) / 1_000_000;
                break;
            }
            Thread.sleep(20);
        }
        assertThat(tookMillis).as("ms until node2 refused the revoked key").isBetween(0L, 1_000L);
        assertThat(node2.keys().verify(other.plaintext())).isPresent(); // the other key is unaffected
    }

    @Test
    void createFirstMakesAKeyOnlyOnAnEmptyDatabase() {
        Store store = open();
        Created first = store.keys().createFirst("https://a.example", "first").orElseThrow();
        assertThat(store.keys().verify(first.plaintext())).contains(first.key());
        assertThat(store.keys().createFirst("https://b.example", "again")).isEmpty();
        store.keys().revoke(first.plaintext());
        assertThat(store.keys().createFirst("https://b.example", "again")).as("a revoked key still counts").isEmpty();
        assertThat(store.keys().list()).hasSize(1);
        // the refused attempts gave their ids back
        assertThat(store.keys().create("https://c.example", "").key().id()).isEqualTo(first.key().id() + 1);
    }

    @Test
    void nodesStartingTogetherOnAnEmptyDatabaseMakeOneFirstKey() throws Exception {
        int nodes = 4;
        List<Store> stores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) stores.add(open());
        CyclicBarrier start = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Optional<Created>>> results = new ArrayList<>();
            for (Store s : stores) {
                results.add(pool.submit(() -> {
                    start.await();
                    return s.keys().createFirst("https://blog.example", "first");
                }));
            }
            int made = 0;
            for (Future<Optional<Created>> r : results) made += r.get(30, TimeUnit.SECONDS).isPresent() ? 1 : 0;
            assertThat(made).isEqualTo(1);
            assertThat(rows("api_keys")).isEqualTo(1);
            assertThat(rows("sites")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listIsNewestFirstAndIncludesRevokedKeys() {
        Store store = open();
        long a = store.keys().create("https://a.example", "a").key().id();
        long b = store.keys().create("https://b.example", "b").key().id();
        long c = store.keys().create("https://c.example", "c").key().id();
        store.keys().revoke(Long.toString(b));
        assertThat(store.keys().list()).extracting(ApiKey::id).containsExactly(c, b, a);
    }

    private static String hmac(String key) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(key.getBytes(StandardCharsets.US_ASCII)));
    }

    private void assertNoValueContains(String table, String text) throws SQLException {
        try (Connection c = raw(); var s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    assertThat(String.valueOf(rs.getObject(i))).as(table + " column " + i).doesNotContain(text);
                }
            }
        }
    }
}
