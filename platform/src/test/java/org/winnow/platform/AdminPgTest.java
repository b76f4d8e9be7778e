package org.winnow.platform;

/** Every admin test again, on a real PostgreSQL: sessions, CSRF, lockout, the queue, stats. */
class AdminPgTest extends AdminTest implements Harness.OnPostgres {
}
