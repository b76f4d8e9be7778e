package org.winnow.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.winnow.store.StoreException.Reason;

/** Brings a schema up to date with the SQL migrations in {@code db/migration} (one set for both databases). */
final class Migrations {

    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    static void apply(DataSource dataSource, String where) {
        try {
            Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .validateMigrationNaming(true)
                    // A newer node may already have migrated further (rolling upgrade): run anyway.
                    .ignoreMigrationPatterns("*:future")
                    // Two modules add to one history: the store numbers its migrations below 100, the
                    // platform from 100 up. A store migration released after platform ones has a lower
                    // number than those a running site has applied: apply it all the same.
                    .outOfOrder(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException(Reason.FAILED,
                    "Could not open or migrate the " + where + ": " + e.getMessage(), e);
        }
    }
}
