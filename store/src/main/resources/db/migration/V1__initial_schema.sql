-- Winnow's schema. This one file runs on SQLite and on PostgreSQL, so it keeps to SQL both accept:
--  * times are BIGINT milliseconds since the epoch (UTC), never vendor date types;
--  * numeric ids come from the counters table below, not SERIAL/IDENTITY (PostgreSQL only) or
--    AUTOINCREMENT (SQLite only);
--  * BOOLEAN columns (SQLite stores 0/1, PostgreSQL true/false; both read back through JDBC).
-- VARCHAR lengths are enforced by PostgreSQL only; the Java code checks the same limits first.

-- Next-id counters. Taking a number updates the row, which locks it until commit, so numbers are
-- handed out in commit order and a rolled-back transaction gives its number back (no gaps).
CREATE TABLE counters (
    name  VARCHAR(32) NOT NULL PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO counters (name, value) VALUES ('api_keys', 0);
INSERT INTO counters (name, value) VALUES ('sites', 0);
INSERT INTO counters (name, value) VALUES ('corrections', 0);

-- API keys, stored only as HMAC-SHA256(server secret, key) in hex, plus a 4-character hint.
CREATE TABLE api_keys (
    id         BIGINT       NOT NULL PRIMARY KEY,
    key_hash   VARCHAR(64)  NOT NULL,
    hint       VARCHAR(4)   NOT NULL,
    label      VARCHAR(200) NOT NULL,
    created_at BIGINT       NOT NULL,
    revoked_at BIGINT,
    CONSTRAINT api_keys_hash_unique UNIQUE (key_hash)
);

-- Sites (normalised blog URLs) seen with each key; the unique pair makes get-or-create race-safe.
CREATE TABLE sites (
    id         BIGINT        NOT NULL PRIMARY KEY,
    key_id     BIGINT        NOT NULL REFERENCES api_keys (id),
    url        VARCHAR(2000) NOT NULL,
    first_seen BIGINT        NOT NULL,
    CONSTRAINT sites_key_url_unique UNIQUE (key_id, url)
);

-- Every comment-check. No foreign key points here: retention deletes old checks while the
-- corrections that cite them stay.
CREATE TABLE checks (
    guid        VARCHAR(32)      NOT NULL PRIMARY KEY,
    site_id     BIGINT           NOT NULL REFERENCES sites (id),
    checked_at  BIGINT           NOT NULL,
    verdict     VARCHAR(7)       NOT NULL CHECK (verdict IN ('ham', 'spam', 'discard')),
    score       DOUBLE PRECISION NOT NULL,
    explanation TEXT             NOT NULL,
    comment     TEXT             NOT NULL,
    match_key   VARCHAR(128)     NOT NULL,
    is_test     BOOLEAN          NOT NULL
);
-- latestByMatchKey
CREATE INDEX checks_site_match ON checks (site_id, match_key, checked_at);
-- monthly counts and callsInMonth
CREATE INDEX checks_site_time ON checks (site_id, checked_at);
-- retention (deleteOlderThan)
CREATE INDEX checks_time ON checks (checked_at);

-- The ordered log the engine learns from; seq comes from counters ('corrections').
CREATE TABLE corrections (
    seq              BIGINT      NOT NULL PRIMARY KEY,
    site_id          BIGINT      NOT NULL REFERENCES sites (id),
    guid             VARCHAR(32),
    spam             BOOLEAN     NOT NULL,
    source           VARCHAR(32) NOT NULL,
    comment          TEXT        NOT NULL,
    received_at      BIGINT      NOT NULL,
    previous_verdict VARCHAR(7)  CHECK (previous_verdict IN ('ham', 'spam', 'discard'))
);
-- monthly missed-spam / false-positive counts
CREATE INDEX corrections_site_time ON corrections (site_id, received_at);

-- Small named values shared by all nodes.
CREATE TABLE settings (
    name       VARCHAR(100) NOT NULL PRIMARY KEY,
    value      TEXT         NOT NULL,
    updated_at BIGINT       NOT NULL
);
