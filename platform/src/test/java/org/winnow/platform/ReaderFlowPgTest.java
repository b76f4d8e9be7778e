package org.winnow.platform;

/** Every reader-flow test again, on a real PostgreSQL instead of a SQLite file. */
class ReaderFlowPgTest extends ReaderFlowTest implements Harness.OnPostgres {
}
