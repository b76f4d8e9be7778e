-- The comment platform's tables (prefix p_). Portable between SQLite and PostgreSQL: ids are made by
-- the application (time-ordered 53-bit numbers), times are epoch milliseconds, flags are 0/1 integers.

CREATE TABLE p_site (
    id              BIGINT PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    base_url        TEXT NOT NULL,
    api_site_id     BIGINT NOT NULL,          -- the store's site id: what the spam filter is keyed on
    allowed_origins TEXT NOT NULL,            -- one origin per line, for the embed widget
    settings        TEXT NOT NULL,            -- JSON: thread, holds, word lists, thresholds, retention
    created_at      BIGINT NOT NULL
);

CREATE TABLE p_article (
    id           BIGINT PRIMARY KEY,
    site_id      BIGINT NOT NULL,
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL,
    body_md      TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    UNIQUE (site_id, slug)
);

-- A thread is the comments of one page: an article served here, or any page that embeds the widget.
CREATE TABLE p_thread (
    id         BIGINT PRIMARY KEY,
    site_id    BIGINT NOT NULL,
    url        TEXT NOT NULL,
    title      TEXT NOT NULL,
    article_id BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (site_id, url)
);

CREATE TABLE p_comment (
    id                BIGINT PRIMARY KEY,
    thread_id         BIGINT NOT NULL,
    site_id           BIGINT NOT NULL,
    parent_id         BIGINT,
    root_id           BIGINT NOT NULL,        -- top-level ancestor (itself when top-level)
    depth             INTEGER NOT NULL,
    status            TEXT NOT NULL,          -- approved, pending, spam, trash, erased
    initial_status    TEXT NOT NULL,          -- what the filter and the site's rules decided on arrival
    author            TEXT NOT NULL,
    email             TEXT NOT NULL,
    email_hash        TEXT NOT NULL,          -- HMAC of the lower-cased address ('' when none): recognises returning commenters
    author_url        TEXT NOT NULL,
    body_md           TEXT NOT NULL,
    body_html         TEXT NOT NULL,
    ip                TEXT NOT NULL,
    ip_truncated      INTEGER NOT NULL,
    user_agent        TEXT NOT NULL,
    referrer          TEXT NOT NULL,
    honeypot          TEXT NOT NULL,
    seconds_to_submit DOUBLE PRECISION NOT NULL,
    verdict           TEXT NOT NULL,          -- the engine's label: ham, spam, discard
    score             DOUBLE PRECISION NOT NULL,
    reasons           TEXT NOT NULL,          -- JSON list of {name, detail, weight}: engine signals and site rules
    created_at        BIGINT NOT NULL,
    moderated_at      BIGINT
);
CREATE INDEX p_comment_roots ON p_comment (thread_id, depth, status, created_at, id);
CREATE INDEX p_comment_tree ON p_comment (root_id, created_at);
CREATE INDEX p_comment_queue ON p_comment (status, created_at);
CREATE INDEX p_comment_email ON p_comment (email_hash, status);
CREATE INDEX p_comment_site_day ON p_comment (site_id, created_at);

-- Every moderator decision: the stats' caught / missed / false positives come from here.
CREATE TABLE p_moderation (
    id          BIGINT PRIMARY KEY,
    site_id     BIGINT NOT NULL,
    comment_id  BIGINT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    initial     TEXT NOT NULL,
    admin       TEXT NOT NULL,
    at          BIGINT NOT NULL
);
CREATE INDEX p_moderation_site_at ON p_moderation (site_id, at);

CREATE TABLE p_admin (
    id           BIGINT PRIMARY KEY,
    username     TEXT NOT NULL UNIQUE,
    pw_hash      TEXT NOT NULL,
    failures     INTEGER NOT NULL,
    locked_until BIGINT NOT NULL,
    created_at   BIGINT NOT NULL
);

-- Admin sessions live in the database so that every node behind a load balancer knows them.
CREATE TABLE p_session (
    token_hash TEXT PRIMARY KEY,
    admin_id   BIGINT NOT NULL,
    csrf       TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
