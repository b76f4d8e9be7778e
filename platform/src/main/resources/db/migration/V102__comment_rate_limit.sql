-- Comment rate limits shared by every node on one PostgreSQL, so that a round-robin balancer does
-- not multiply an address's allowance by the number of nodes. One row per (site, address group),
-- keyed by an HMAC of both (no IP in clear), holding Bucket4j's serialised bucket. Rows are deleted
-- once their bucket would be full again (expires_at, epoch ms). A single SQLite node keeps its
-- buckets in memory and leaves this table empty (SQLite stores BYTEA values as plain blobs).
CREATE TABLE p_rate_bucket (
    bucket_key TEXT PRIMARY KEY,
    state BYTEA NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX p_rate_bucket_expiry ON p_rate_bucket (expires_at);
