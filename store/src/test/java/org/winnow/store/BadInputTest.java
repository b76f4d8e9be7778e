package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.winnow.store.Checks.Check;
import org.winnow.store.Corrections.Correction;

/** Bad input gets a clear IllegalArgumentException naming the field, and nothing is written. */
class BadInputTest extends StoreTestBase {

    @Test
    void badChecksAreRefusedAndNothingIsWritten() throws Exception {
        Fixture f = fixture();
        long site = f.siteId();
        Instant now = Instant.now();
        String g = guid();
        String huge = "x".repeat(Checks.MAX_COMMENT_CHARS + 1);
        Map<String, Check> bad = new LinkedHashMap<>();
        bad.put("guid", new Check(null, site, now, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("guid", new Check("ABCDEF0123456789ABCDEF0123456789", site, now, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("guid ", new Check("short", site, now, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("siteId", new Check(g, 0, now, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("at", new Check(g, site, null, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("at ", new Check(g, site, Instant.MAX, "ham", 0.1, "{}", "{}", "k", false));
        bad.put("verdict", new Check(g, site, now, "HAM", 0.1, "{}", "{}", "k", false));
        bad.put("verdict ", new Check(g, site, now, null, 0.1, "{}", "{}", "k", false));
        bad.put("score", new Check(g, site, now, "ham", Double.NaN, "{}", "{}", "k", false));
        bad.put("score ", new Check(g, site, now, "ham", 1.5, "{}", "{}", "k", false));
        bad.put("explanation", new Check(g, site, now, "ham", 0.1, null, "{}", "k", false));
        bad.put("comment", new Check(g, site, now, "ham", 0.1, "{}", huge, "k", false));
        bad.put("comment ", new Check(g, site, now, "ham", 0.1, "{}", "nul\0inside", "k", false));
        bad.put("matchKey", new Check(g, site, now, "ham", 0.1, "{}", "{}", " ", false));
        bad.put("matchKey ", new Check(g, site, now, "ham", 0.1, "{}", "{}", "k".repeat(129), false));
        for (var e : bad.entrySet()) {
            assertThatThrownBy(() -> f.store().checks().record(e.getValue())).as(e.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("check " + e.getKey().strip());
        }
        assertThatThrownBy(() -> f.store().checks().record(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("check is required");
        assertThat(rows("checks")).isZero();

        // and the store still works normally afterwards
        f.store().checks().record(new Check(g, site, now, "ham", 0.1, "{}", "x".repeat(Checks.MAX_COMMENT_CHARS), "k", false));
        assertThat(f.store().checks().byGuid(g).orElseThrow().comment()).hasSize(Checks.MAX_COMMENT_CHARS);
    }

    @Test
    void badLookupsAreRefused() {
        Fixture f = fixture();
        assertThatThrownBy(() -> f.store().checks().byGuid(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().checks().latestByMatchKey(f.siteId(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().checks().monthly(f.keyId(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().checks().callsInMonth(f.keyId(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> f.store().checks().deleteOlderThan(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badKeysAndSitesAreRefusedAndNothingIsWritten() throws Exception {
        Store store = open();
        assertThatThrownBy(() -> store.keys().create(null, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blog URL");
        assertThatThrownBy(() -> store.keys().create("https://a.example", "l".repeat(ApiKeys.MAX_LABEL_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label is too long");
        assertThatThrownBy(() -> store.keys().create("https://a.example/" + "p".repeat(ApiKeys.MAX_URL_CHARS), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blog URL is too long");
        assertThatThrownBy(() -> store.keys().create("https://a.example", "bad\0label"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
        assertThat(rows("api_keys")).isZero();
        assertThat(rows("sites")).isZero();
        // the counters did not move either: the first key still gets id 1
        assertThat(store.keys().create("https://a.example", "").key().id()).isEqualTo(1);
    }

    @Test
    void badCorrectionsAreRefusedAndNothingIsWritten() throws Exception {
        Fixture f = fixture();
        long site = f.siteId();
        Instant now = Instant.now();
        Map<String, Correction> bad = new LinkedHashMap<>();
        bad.put("siteId", new Correction(0, -1, null, true, "import", "{}", now, null));
        bad.put("guid", new Correction(0, site, "nope", true, "import", "{}", now, null));
        bad.put("source", new Correction(0, site, null, true, null, "{}", now, null));
        bad.put("source ", new Correction(0, site, null, true, "s".repeat(33), "{}", now, null));
        bad.put("comment", new Correction(0, site, null, true, "import", null, now, null));
        bad.put("comment ", new Correction(0, site, null, true, "import", "c".repeat(Corrections.MAX_COMMENT_CHARS + 1), now, null));
        bad.put("at", new Correction(0, site, null, true, "import", "{}", null, null));
        for (var e : bad.entrySet()) {
            assertThatThrownBy(() -> f.store().corrections().append(e.getValue())).as(e.getKey())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("correction " + e.getKey().strip());
        }
        assertThatThrownBy(() -> f.store().corrections().append(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rows("corrections")).isZero();
    }

    @Test
    void badSettingsAreRefused() throws Exception {
        Store store = open();
        assertThatThrownBy(() -> store.settings().put(null, "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.settings().put("n", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.settings().put("n".repeat(Settings.MAX_NAME_CHARS + 1), "v"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.settings().get(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rows("settings")).isZero();
    }

    @Test
    void sqlInTextIsJustText() {
        Fixture f = fixture();
        String evil = "'); DROP TABLE checks; --";
        Check c = new Check(guid(), f.siteId(), Instant.now(), "ham", 0.1, evil, evil, evil, false);
        f.store().checks().record(c);
        assertThat(f.store().checks().latestByMatchKey(f.siteId(), evil).orElseThrow().comment()).isEqualTo(evil);
        f.store().settings().put(evil, evil);
        assertThat(f.store().settings().get(evil)).contains(evil);
    }
}
