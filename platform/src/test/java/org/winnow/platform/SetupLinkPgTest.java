package org.winnow.platform;

/** The setup-link tests again, with the nodes on one real PostgreSQL. */
class SetupLinkPgTest extends SetupLinkTest implements Harness.OnPostgres {
}
