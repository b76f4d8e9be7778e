package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.winnow.store.ApiKeys.Site;

class SitesTest extends StoreTestBase {

    @Test
    void blogUrlsAreNormalised() {
        Fixture f = fixture();
        Map<String, String> cases = Map.ofEntries(
                Map.entry("HTTPS://Example.COM/", "https://example.com"),
                Map.entry("https://example.com:443", "https://example.com"),
                Map.entry("http://example.com:80/Blog/", "http://example.com/Blog"),
                Map.entry("http://example.com:8080/", "http://example.com:8080"),
                Map.entry("https://example.com:80", "https://example.com:80"),
                Map.entry("  https://example.com/news//  ", "https://example.com/news"),
                Map.entry("https://user:pw@example.com/", "https://example.com"),
                Map.entry("https://example.com/#top", "https://example.com"),
                Map.entry("https://example.com/?lang=EN", "https://example.com?lang=EN"),
                Map.entry("example.com", "http://example.com"),
                Map.entry("https://[2001:DB8::1]:443/", "https://[2001:db8::1]"),
                Map.entry("https://Bücher.example/Über/", "https://bücher.example/Über"));
        for (var c : cases.entrySet()) {
            assertThat(f.store().keys().site(f.keyId(), c.getKey()).url()).as(c.getKey()).isEqualTo(c.getValue());
        }
        assertThatThrownBy(() -> f.store().keys().site(f.keyId(), "https:///path"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no host");
        assertThatThrownBy(() -> f.store().keys().site(f.keyId(), "   "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    @Test
    void siteIsGetOrCreate() {
        Fixture f = fixture();
        Site first = f.store().keys().site(f.keyId(), "https://blog.example.com/");
        assertThat(first).isEqualTo(f.created().site());
        Site other = f.store().keys().site(f.keyId(), "https://other.example.com");
        assertThat(other.id()).isNotEqualTo(first.id());
        assertThat(f.store().keys().site(f.keyId(), "HTTPS://OTHER.example.com:443/")).isEqualTo(other);
        assertThat(f.store().keys().sites(f.keyId())).containsExactly(first, other);

        // the same URL under another key is another site
        long otherKey = f.store().keys().create("https://x.example", "").key().id();
        assertThat(f.store().keys().site(otherKey, "https://other.example.com").id()).isNotEqualTo(other.id());
    }

    @Test
    void concurrentFirstUseOnTwoNodesCreatesEachSiteOnce() throws Exception {
        Fixture f = fixture();
        Store node2 = open();
        int threads = 8;
        int urls = 15;
        CyclicBarrier start = new CyclicBarrier(threads);
        Map<String, Long> idByUrl = new ConcurrentHashMap<>();
        List<String> mismatches = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Store store = t % 2 == 0 ? f.store() : node2;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int u = 0; u < urls; u++) {
                        String url = "https://site" + u + ".example";
                        long id = store.keys().site(f.keyId(), url).id();
                        Long seen = idByUrl.putIfAbsent(url, id);
                        if (seen != null && seen != id) {
                            mismatches.add(url + ": " + seen + " vs " + id);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(mismatches).isEmpty();
        assertThat(f.store().keys().sites(f.keyId())).hasSize(urls + 1);
        assertThat(rows("sites")).isEqualTo(urls + 1);
    }

    @Test
    void aSiteNeedsAnExistingKey() throws Exception {
        Store store = open();
        assertThatThrownBy(() -> store.keys().site(42, "https://a.example"))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.MISSING_REFERENCE))
                .hasMessageContaining("https://a.example");
        assertThat(rows("sites")).isZero();
        assertThatThrownBy(() -> store.keys().site(0, "https://a.example")).isInstanceOf(IllegalArgumentException.class);
    }
}
