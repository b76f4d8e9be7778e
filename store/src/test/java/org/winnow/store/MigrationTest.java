package org.winnow.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MigrationTest extends StoreTestBase {

    private static final List<String> TABLES = List.of("counters", "api_keys", "sites", "checks", "corrections", "settings");

    @Test
    void opensAnEmptyDatabaseAndCreatesTheSchema() throws SQLException {
        try (Store store = open()) {
            assertThat(store.kind()).isEqualTo(database);
            assertThat(store.ping()).isTrue();
        }
        for (String table : TABLES) {
            assertThat(rows(table)).as(table).isGreaterThanOrEqualTo(0);
        }
        assertThat(appliedMigrations()).containsExactly("1", "2", "3");
    }

    @Test
    void reopeningIsIdempotentAndKeepsData() throws SQLException {
        String key;
        try (Store store = open()) {
            key = store.keys().create("https://a.example", "first").plaintext();
        }
        try (Store again = open()) {
            assertThat(again.keys().verify(key)).isPresent();
            assertThat(again.keys().list()).hasSize(1);
        }
        try (Store third = open()) {
            assertThat(third.keys().verify(key)).isPresent();
        }
        assertThat(appliedMigrations()).containsExactly("1", "2", "3");
    }

    @Test
    void aStoreMigrationNumberedBelowAnotherModulesAppliedOnesStillRuns() throws Exception {
        // A site that ran an older release: V1, then another module's V100, but not the store's later V2 and V3.
        if (database.equals("sqlite")) java.nio.file.Files.createDirectories(tempDir.resolve("data"));
        org.flywaydb.core.Flyway.configure().dataSource(url(), null, null).locations(Migrations.LOCATION)
                .target("1").load().migrate();
        org.flywaydb.core.Flyway.configure().dataSource(url(), null, null).locations("classpath:db/later")
                .ignoreMigrationPatterns("*:missing").load().migrate();
        assertThat(appliedMigrations()).containsExactly("1", "100");
        try (Store store = open()) {
            assertThat(store.ping()).isTrue();
            String key = store.keys().create("https://a.example", "after the upgrade").plaintext();
            assertThat(store.keys().verify(key)).isPresent();
        }
        assertThat(appliedMigrations()).containsExactlyInAnyOrder("1", "100", "2", "3");
    }

    @Test
    void twoStoresCanShareOneDatabase() {
        Store node1 = open();
        Store node2 = open();
        String key = node1.keys().create("https://a.example", "").plaintext();
        assertThat(node2.keys().verify(key)).isPresent();
    }

    @Test
    void aClosedStoreSaysSo() {
        Store store = open();
        long keyId = store.keys().create("https://a.example", "").key().id();
        store.close();
        store.close(); // idempotent
        assertThat(store.ping()).isFalse();
        assertThatThrownBy(() -> store.keys().list())
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CLOSED))
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.checks().record(check(keyId, java.time.Instant.now(), "ham")))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CLOSED));
    }

    private List<String> appliedMigrations() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection c = raw(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL ORDER BY installed_rank")) {
            while (rs.next()) {
                assertThat(rs.getBoolean(2)).isTrue();
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
