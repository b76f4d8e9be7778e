package org.winnow.platform;

/** The page cache tests again with two nodes on one real PostgreSQL. */
class PageCachePgTest extends PageCacheTest implements Harness.OnPostgres {
}
