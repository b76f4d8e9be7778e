#!/usr/bin/env bash
# Adds N generated checks (realistic sizes: ~600-byte comment JSON, ~400-byte explanation) for the
# first site to a Winnow SQLite file, spread over the last 60 days, with time-ordered guids as the
# server makes them. Runs in one transaction with sqlite3; a server may be running on the file.
#   bench/scripts/fill-checks.sh DB N
set -euo pipefail
db=$1; n=$2
now=$(date +%s%3N)
sqlite3 "$db" <<SQL
PRAGMA busy_timeout = 30000;
BEGIN IMMEDIATE;
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $n),
rows AS (SELECT i, $now - 5184000000 + (i * 5184000000 / ($n + 1)) AS at FROM seq)
INSERT INTO checks (guid, site_id, checked_at, verdict, score, explanation, comment, match_key, is_test)
SELECT printf('%012x', at) || lower(hex(randomblob(10))),
       (SELECT MIN(id) FROM sites), at,
       CASE WHEN i % 5 = 0 THEN 'spam' ELSE 'ham' END, (i % 100) / 100.0,
       '{"label":"ham","score":0.1,"log_odds":-2.2,"signals":[{"name":"word:thanks","detail":"thanks","weight":-0.8},'
         || '{"name":"link:domain","detail":"example.org","weight":0.3},{"name":"shape:length","detail":"' || (i % 400)
         || ' chars","weight":-0.1}]}',
       '{"comment_content":"generated comment ' || i || ' ' || hex(randomblob(120)) || '","comment_author":"reader'
         || (i % 5000) || '","comment_author_email":"r' || (i % 5000) || '@example.net","user_ip":"198.51.100.'
         || (i % 250) || '","user_agent":"Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",'
         || '"permalink":"http://bench.example.org/2026/11/post-' || (i % 40) || '/"}',
       lower(hex(randomblob(32))), 0
FROM rows;
COMMIT;
-- Leave no WAL behind: the measured run should not pay for copying the fill into the database.
PRAGMA wal_checkpoint(TRUNCATE);
SQL
