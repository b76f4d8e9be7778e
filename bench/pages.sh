#!/usr/bin/env bash
# Reader pages under load: the demo article with 200 approved comments (views/s) and a 10,000-comment
# thread walked page by page (latency of each "More comments" page). Comments are generated straight
# into the platform's tables (p_comment), a quarter of them replies. Writes one results file.
# Besides wrk's figures it reports the server's CPU time per view (cpu_us_per_view): on a busy machine
# that moves much less than views/s does, so it is the figure to compare runs by.
#   bench/pages.sh [OUT]    env: JAR PORT (18081) DURATION (15s) CONNECTIONS (32) THREADS (2) HEAP (256m)
#                           STORED (0: more comments stored on the site's other threads, 200 a thread, before the run)
#                           JFR=FILE records a flight-recorder profile of the server; JAVA_OPTS adds JVM options
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/find-jdk.sh"
winnow_find_jdk
JAVA="$JAVA_HOME/bin/java"
JAR=${JAR:-$root/app/target/winnow.jar}
PORT=${PORT:-18081}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
HEAP=${HEAP:-256m}
STORED=${STORED:-0}
OUT=${1:-$here/results/pages-$(date -u +%Y%m%dT%H%M%SZ).txt}
BASE=http://127.0.0.1:$PORT
command -v wrk >/dev/null || { echo "pages.sh: wrk is missing (apt-get install wrk)" >&2; exit 3; }
mkdir -p "$(dirname "$OUT")"
DATA=$(mktemp -d /tmp/winnow-pages.XXXXXX)
server_pid=""
stop_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; fi
  server_pid=""
}
trap 'stop_server; rm -rf "$DATA"' EXIT
start_server() {
  local t0; t0=$(date +%s%3N)
  if curl -s -o /dev/null "$BASE/"; then echo "pages.sh: port $PORT is already in use" >&2; exit 1; fi
  "$JAVA" -Xmx"$HEAP" -XX:+UseSerialGC ${JAVA_OPTS:-} ${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile} -jar "$JAR" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" >>"$DATA/server.log" 2>&1 &
  server_pid=$!
  until curl -sf -o /dev/null "$BASE/1.1/test"; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$DATA/server.log" >&2; exit 1; }
    sleep 0.05
  done
  start_ms=$(( $(date +%s%3N) - t0 ))
}

# First start creates the demo site, the article /a/winnowing and its thread.
start_server
curl -sf -o /dev/null "$BASE/a/winnowing"
stop_server

# comments_sql THREAD SITE N ID_BASE: N approved comments, every fourth a reply to an earlier one. THREAD is
# an SQL expression of the row number i (a thread id, or e.g. "BASE + i / 200" to fill many threads).
comments_sql() {
  local thread=$1 site=$2 n=$3 base=$4 now; now=$(date +%s%3N)
  cat <<SQL
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $n - 1)
INSERT INTO p_comment (id, thread_id, site_id, parent_id, root_id, depth, status, initial_status, author, email,
    email_hash, author_url, body_md, body_html, ip, ip_truncated, user_agent, referrer, honeypot,
    seconds_to_submit, verdict, score, reasons, created_at, moderated_at)
SELECT $base + i, $thread, $site,
       CASE WHEN i % 4 = 3 THEN $base + i - 3 ELSE NULL END,
       CASE WHEN i % 4 = 3 THEN $base + i - 3 ELSE $base + i END,
       CASE WHEN i % 4 = 3 THEN 1 ELSE 0 END,
       'approved', 'approved', 'Reader ' || (i % 700), 'r' || (i % 700) || '@example.net', lower(hex(randomblob(16))), '',
       'Comment ' || i || ': thanks for the write-up, the part about *sorting by wind* was new to me. '
         || 'I tried it with [the sample](https://example.org/' || i || ') and it worked.',
       '<p>Comment ' || i || ': thanks for the write-up, the part about <em>sorting by wind</em> was new to me. '
         || 'I tried it with <a href="https://example.org/' || i || '" rel="nofollow ugc">the sample</a> and it worked.</p>',
       '198.51.100.0', 1, 'Mozilla/5.0', '', '', 42.0, 'ham', 0.05, '[]', $now - ($n - i) * 60000, NULL
FROM seq;
SQL
}
db=$DATA/winnow.db
site=$(sqlite3 "$db" "SELECT site_id FROM p_article WHERE slug = 'winnowing'")
thread=$(sqlite3 "$db" "SELECT t.id FROM p_thread t JOIN p_article a ON a.id = t.article_id WHERE a.slug = 'winnowing'")
url=$(sqlite3 "$db" "SELECT url FROM p_thread WHERE id = $thread")
now=$(date +%s%3N)
{
  echo "PRAGMA busy_timeout = 30000; BEGIN;"
  comments_sql "$thread" "$site" 200 70000000000000
  echo "INSERT INTO p_article (id, site_id, slug, title, summary, body_md, published_at)
        SELECT 70100000000000, site_id, 'bench-10k', 'Ten thousand comments', 'A very long thread.',
               'A short article with a very long thread.', $now FROM p_article WHERE slug = 'winnowing';"
  echo "INSERT INTO p_thread (id, site_id, url, title, article_id, created_at)
        VALUES (70100000000001, $site, '${url%/winnowing}/bench-10k', 'Ten thousand comments', 70100000000000, $now);"
  comments_sql 70100000000001 "$site" 10000 70200000000000
  if (( STORED > 0 )); then
    # the rest of the site: STORED more comments on threads of 200 (200 is a multiple of 4, so a reply's
    # parent is always in its own thread)
    echo "WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < $(( (STORED + 199) / 200 )) - 1)
          INSERT INTO p_thread (id, site_id, url, title, article_id, created_at)
          SELECT 71000000000000 + i, $site, '${url%/winnowing}/other-' || i, 'Other page ' || i, NULL, $now FROM seq;"
    comments_sql "71000000000000 + i / 200" "$site" "$STORED" 72000000000000
  fi
  echo "COMMIT;"
} | sqlite3 "$db" >/dev/null
if (( STORED > 0 )); then
  # measure the steady state: not SQLite copying a large WAL, nor the kernel writing the new file back
  sqlite3 "$db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  sync
fi

start_server
page=$(curl -sf "$BASE/a/winnowing"); grep -q 'Comment 0:' <<<"$page" || { echo "pages.sh: generated comments not shown" >&2; exit 1; }

# Walk the long thread's pages once, collecting each "More comments" link.
pages=$DATA/pages.txt
path="/a/bench-10k"
: > "$pages"
while [[ -n $path ]] && (( $(wc -l < "$pages") < 1000 )); do
  echo "$path" >> "$pages"
  next=$(curl -sf "$BASE$path" | grep -oE 'class="wn-more"[^>]*href="[^"]*"' | sed -E 's/.*href="([^"]*)".*/\1/; s/&amp;/\&/g; s/#.*//' || true)
  path=$next
done
npages=$(wc -l < "$pages")

cat > "$DATA/pages.lua" <<LUA
local paths = {}
for line in io.lines("$pages") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i * 7919) % #paths + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK_RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status, summary.errors.timeout))
end
LUA
cat > "$DATA/one.lua" <<'LUA'
done = function(summary, latency, requests)
  io.write(string.format("WRK_RESULT requests=%d rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f errors_status=%d errors_timeout=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.errors.status, summary.errors.timeout))
end
LUA
# cpu_per_view RESULT TICKS_BEFORE: the server's CPU time (user + system) per request of a wrk result.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
cpu_per_view() {
  local n; n=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$1")
  echo "cpu_us_per_view=$(( ($(cpu_ticks) - $2) * 1000000 / $(getconf CLK_TCK) / (n > 0 ? n : 1) ))"
}
wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$DATA/one.lua" "$BASE/a/winnowing" >/dev/null   # warm-up
load1=$(cut -d' ' -f1-3 /proc/loadavg)
ticks=$(cpu_ticks)
article=$(wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/one.lua" "$BASE/a/winnowing" | grep WRK_RESULT)
article_cpu=$(cpu_per_view "$article" "$ticks")
wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d5s -s "$DATA/pages.lua" "$BASE" >/dev/null
load2=$(cut -d' ' -f1-3 /proc/loadavg)
ticks=$(cpu_ticks)
thread10k=$(wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/pages.lua" "$BASE" | grep WRK_RESULT)
thread10k_cpu=$(cpu_per_view "$thread10k" "$ticks")
# The floor: the same server answering its smallest route, in the same conditions.
ticks=$(cpu_ticks)
healthz=$(wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" -s "$DATA/one.lua" "$BASE/healthz" | grep WRK_RESULT)
healthz_cpu=$(cpu_per_view "$healthz" "$ticks")
bytes=$(curl -sf "$BASE/a/winnowing" | wc -c)
{
  echo "# bench/pages.sh $(date -u +%FT%TZ) on $(hostname), $(nproc) cores; connections=$CONNECTIONS heap=$HEAP"
  echo "server_start_ms=$start_ms (with $(( 10200 + STORED )) comments stored)"
  echo "stored_comments=$(( 10200 + STORED )) db_bytes=$(stat -c %s "$db")"
  echo "article_200 load=[$load1] page_bytes=$bytes ${article#WRK_RESULT } $article_cpu"
  echo "thread_10k pages_walked=$npages load=[$load2] ${thread10k#WRK_RESULT } $thread10k_cpu"
  echo "healthz_floor ${healthz#WRK_RESULT } $healthz_cpu"
} > "$OUT"
cat "$OUT"
