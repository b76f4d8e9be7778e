-- Rendered thread pages are cached per node. Every change to a thread's comments adds one to its
-- comments_version in the same transaction, and every page view reads the thread row anyway, so a
-- node notices a change made on any other node at its next request.
ALTER TABLE p_thread ADD COLUMN comments_version BIGINT NOT NULL DEFAULT 0;

-- Replies of a page's top-level comments. With only (root_id, created_at), SQLite's planner took
-- p_comment_queue (status, ...) instead and read every approved comment of the site per page view.
DROP INDEX p_comment_tree;
CREATE INDEX p_comment_replies ON p_comment (root_id, depth, status, created_at, id);

-- One-time links that create the first admin. Stored here (as SHA-256, with an expiry) so a link
-- printed by one node works on every node behind the load balancer, and survives restarts.
CREATE TABLE p_setup_token (
    token_hash TEXT PRIMARY KEY,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
