#!/usr/bin/env bash
# Comment-check throughput of several stateless Winnow nodes on one PostgreSQL, next to one node on
# SQLite, measured in the same run on the same machine; the nodes run twice, sharing their recent
# traffic (the default) and each counting its own (--no-share-traffic). Uses the packaged jar and wrk; writes a
# Markdown report (default docs/performance-multinode.md).
#
#   bench/multinode.sh [OUT]
#   env: JAR (app/target/winnow.jar)  NODES (3)  CONNECTIONS (96, split over the nodes)  DURATION (20s)
#        WARMUP (10s)  HEAP (256m per node)  BASE_PORT (18180)  PG_URL (use this PostgreSQL instead of a
#        throwaway cluster)  PG_BIN (folder with initdb/pg_ctl; default: newest /usr/lib/postgresql/*/bin)
#
# Every 200 answer must be a recorded check: the script compares the rows in `checks` with the
# answers wrk counted, for both databases, and says so in the report.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/find-jdk.sh"
winnow_find_jdk
JAVA="$JAVA_HOME/bin/java"

JAR=${JAR:-$root/app/target/winnow.jar}
NODES=${NODES:-3}
CONNECTIONS=${CONNECTIONS:-96}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
HEAP=${HEAP:-256m}
BASE_PORT=${BASE_PORT:-18180}
OUT=${1:-$root/docs/performance-multinode.md}
BLOG=http://bench.example.org

command -v wrk >/dev/null || { echo "multinode.sh: wrk is missing (apt-get install wrk)" >&2; exit 3; }
[[ -f $JAR ]] || { echo "multinode.sh: $JAR is missing (./mvnw -B -q -pl app package -DskipTests)" >&2; exit 3; }

WORK=$(mktemp -d /tmp/winnow-multinode.XXXXXX)
chmod 755 "$WORK"
pids=()
pg_started=""
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)}
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [[ -n $pg_started ]]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# --- PostgreSQL on loopback: a throwaway cluster unless PG_URL is given ---------------------------
if [[ -z ${PG_URL:-} ]]; then
  [[ -x $PG_BIN/initdb ]] || { echo "multinode.sh: no initdb (apt-get install postgresql, or set PG_URL / PG_BIN)" >&2; exit 3; }
  PG_PORT=$((BASE_PORT + 99))
  mkdir -p "$WORK/pg" "$WORK/pgrun"
  if [[ $(id -u) == 0 ]]; then chown postgres "$WORK/pg" "$WORK/pgrun"; fi
  as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U winnow -A trust -E UTF8 >/dev/null
  # Durable settings (fsync, synchronous_commit on): an acknowledged check is on disk, as in production.
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pgrun/pg.log" -w -o "-p $PG_PORT -k $WORK/pgrun -c listen_addresses=127.0.0.1 \
      -c max_connections=200 -c shared_buffers=256MB" start >/dev/null
  pg_started=1
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U winnow winnow
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/winnow?user=winnow"
fi
psql_url=${PG_URL#jdbc:}
count_pg() { psql "$psql_url" -Atc "SELECT COUNT(*) FROM checks"; }
count_sqlite() {
  if command -v sqlite3 >/dev/null; then sqlite3 "$1" "SELECT COUNT(*) FROM checks"; else echo "?"; fi
}

# --- request bodies: WordPress-like comment-checks, each one different ----------------------------
lua="$WORK/check.lua"
cat > "$lua" <<'LUA'
local texts = {
  "Thanks for the write-up, the second example finally made the config file make sense to me.",
  "Cheap replica watches and discount pills, order now at our online shop with free worldwide shipping!",
  "I disagree with the conclusion: the numbers in the table do not support a rise in the last quarter.",
  "Great photos. Which lens did you use for the harbour shots at dusk? The colours are lovely.",
}
local n = 0
local function enc(s) return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
request = function()
  n = n + 1
  local body = "api_key=" .. KEY .. "&blog=" .. enc("http://bench.example.org") ..
    "&user_ip=203.0.113." .. (n % 250) .. "&user_agent=" .. enc("Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0") ..
    "&permalink=" .. enc("http://bench.example.org/posts/" .. (n % 40)) .. "&comment_type=comment" ..
    "&comment_author=" .. enc("Reader " .. (n % 97)) .. "&comment_author_email=" .. enc("r" .. (n % 97) .. "@example.org") ..
    "&comment_content=" .. enc(texts[n % #texts + 1] .. " #" .. n)
  return wrk.format("POST", "/1.1/comment-check", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end
LUA
sed -i "1i KEY = \"__KEY__\"" "$lua"

start_node() { # NAME PORT ARGS... -> pid in $!
  local name=$1 port=$2; shift 2
  "$JAVA" -Xmx"$HEAP" -XX:+UseSerialGC -jar "$JAR" serve --host 127.0.0.1 --port "$port" "$@" >"$WORK/$name.log" 2>&1 &
  pids+=("$!")
  until curl -sf "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; do
    kill -0 "${pids[-1]}" 2>/dev/null || { cat "$WORK/$name.log" >&2; echo "multinode.sh: $name died" >&2; exit 1; }
    sleep 0.1
  done
}

# wrk against several ports at once (one wrk per node, connections split evenly); prints
# "requests_per_s total_requests non2xx p50 p99" summed / worst over the nodes.
run_wrk() { # DURATION PORTS...
  local d=$1; shift
  local n=$# c=$(( CONNECTIONS / $# )) i=0
  (( c >= 1 )) || c=1
  local wpids=()
  for port in "$@"; do
    wrk -t1 -c"$c" -d"$d" --latency -s "$lua" "http://127.0.0.1:$port" >"$WORK/wrk.$i" 2>&1 &
    wpids+=("$!")
    i=$((i + 1))
  done
  for j in "${wpids[@]}"; do wait "$j" || true; done
  awk '
    /Requests\/sec:/ {rps += $2}
    /requests in/ {req += $1}
    /Non-2xx or 3xx responses:/ {bad += $5}
    /^ +50%/ {p=$2; if (p50 == "" || p > p50) p50 = p}
    /^ +99%/ {p=$2; if (p99 == "" || p > p99) p99 = p}
    END {printf "%.0f %d %d %s %s\n", rps, req, bad, p50, p99}' "$WORK"/wrk.*
  rm -f "$WORK"/wrk.*
}

cpu_ticks() { # PIDS... -> user+system clock ticks used so far (processes that are gone count 0)
  local t=0 p f
  for p in "$@"; do
    if read -r -a f <"/proc/$p/stat" 2>/dev/null; then t=$((t + f[13] + f[14])); fi
  done
  echo "$t"
}
pg_pids() { # the throwaway cluster's postmaster and its children (none with PG_URL)
  [[ -n $pg_started && -f $WORK/pg/postmaster.pid ]] || return 0
  local pm; pm=$(head -1 "$WORK/pg/postmaster.pid")
  echo "$pm"; pgrep -P "$pm" || true
}
per_req() { # TICKS REQUESTS [none] -> CPU milliseconds per request, or – when nothing was measured
  [[ ${3:-} == none ]] && { echo "–"; return; }
  awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN {if (n > 0) printf "%.3f", t * 1000 / hz / n; else printf "–"}'
}

measure() { # LABEL COUNTER PORTS... -> one report line (node_pids: the nodes' JVMs)
  local label=$1 counter=$2; shift 2
  run_wrk "$WARMUP" "$@" >/dev/null
  local before after stats pgp n0 n1 p0 p1
  pgp=$(pg_pids)
  before=$($counter)
  n0=$(cpu_ticks $node_pids); p0=$(cpu_ticks $pgp)
  stats=$(run_wrk "$DURATION" "$@")
  n1=$(cpu_ticks $node_pids); p1=$(cpu_ticks $pgp)
  after=$($counter)
  read -r rps req bad p50 p99 <<<"$stats"
  local stored="?"
  [[ $before == "?" || $after == "?" ]] || stored=$((after - before))
  local pgcol="–" # PostgreSQL idles during the SQLite run
  [[ $label == SQLite* ]] || pgcol=$(per_req $((p1 - p0)) "$req" "${pgp:-none}")
  echo "| $label | $rps | $req | $bad | $stored | $p50 | $p99 | $(per_req $((n1 - n0)) "$req") | $pgcol |"
}

secret="$WORK/secret"
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$secret"
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
cores=$(nproc)

# --- SQLite: one node ---------------------------------------------------------------------------------
KEY=$("$JAVA" -jar "$JAR" keys create --data "$WORK/sqlite" --secret-file "$secret" --site "$BLOG" 2>/dev/null | grep -oE '\b[0-9a-f]{12}\b' | head -1)
sed -i "s/__KEY__/$KEY/; s/^KEY = \"[0-9a-f]*\"/KEY = \"$KEY\"/" "$lua"
start_node sqlite "$BASE_PORT" --data "$WORK/sqlite" --secret-file "$secret"
node_pids=${pids[-1]}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
sqlite_line=$(measure "SQLite, 1 node" "count_sqlite $WORK/sqlite/winnow.db" "$BASE_PORT")
# The ceiling of HTTP alone on this machine (no judging, no writing): GET /healthz on the same node.
wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$BASE_PORT/healthz" >/dev/null 2>&1 || true
healthz=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$BASE_PORT/healthz" 2>&1 \
  | awk '/Requests\/sec:/ {rps=$2} /requests in/ {req=$1} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "| HTTP only: GET /healthz, 1 node | %.0f | %d | 0 | – | %s | %s | | |", rps, req, p50, p99}')
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'

# --- PostgreSQL: one node, then NODES nodes -----------------------------------------------------------
KEY=$("$JAVA" -jar "$JAR" keys create --db "$PG_URL" --data "$WORK/cli" --secret-file "$secret" --site "$BLOG" 2>/dev/null | grep -oE '\b[0-9a-f]{12}\b' | head -1)
sed -i "s/^KEY = \"[0-9a-f]*\"/KEY = \"$KEY\"/" "$lua"
# One node alone first: started with the others, the idle nodes would follow its checks (--share-traffic).
ports=()
start_node "pg1" "$((BASE_PORT + 1))" --db "$PG_URL" --data "$WORK/node1" --secret-file "$secret"
ports+=("$((BASE_PORT + 1))")
node_pids=${pids[-1]}
pg1_line=$(measure "PostgreSQL, 1 node" count_pg "${ports[0]}")
kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'
# NODES nodes twice, each time freshly started with the same warm-up: sharing the recent traffic (the
# default), then each counting only its own (--no-share-traffic): the difference is what sharing costs.
nodes_line() { # LABEL EXTRA-ARGS... -> the report line in $line (not a subshell: the nodes' pids must reach cleanup)
  local label=$1 i; shift
  for ((i = 1; i <= NODES; i++)); do
    start_node "pg$i${label//[ ,-]/}" "$((BASE_PORT + i))" --db "$PG_URL" --data "$WORK/node$i" --secret-file "$secret" "$@"
  done
  node_pids="${pids[*]: -$NODES}"
  line=$(measure "PostgreSQL, $NODES nodes$label" count_pg $(seq $((BASE_PORT + 1)) $((BASE_PORT + NODES))))
  for ((i = 1; i <= NODES; i++)); do kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; done
}
nodes_line ""
pgn_line=$line
nodes_line ", --no-share-traffic" --no-share-traffic
pgn_own_line=$line

mkdir -p "$(dirname "$OUT")"
# Hand-written notes below this marker in an existing report are kept.
marker='<!-- notes: kept when bench/multinode.sh rewrites the figures above -->'
notes=""
if [[ -f $OUT ]]; then notes=$(awk -v m="$marker" 'found || index($0, m) == 1 {found = 1; print}' "$OUT"); fi
{
  echo "# Multi-node throughput: comment-check on PostgreSQL and SQLite"
  echo
  echo "Produced by \`bench/multinode.sh\` on $(date -u +%Y-%m-%d) (UTC). Everything ran on one machine:"
  echo "$cores cores ($cpu), the Winnow nodes (packaged jar, \`-Xmx$HEAP -XX:+UseSerialGC\`), PostgreSQL"
  echo "$(as_pg "$PG_BIN/postgres" --version 2>/dev/null | awk '{print $3}' || echo '?') on loopback (default durability: fsync and synchronous_commit on) and wrk."
  echo "$CONNECTIONS connections in total, split evenly over the nodes; warm-up $WARMUP, then $DURATION measured."
  echo "Every request is a distinct WordPress-style comment-check, judged by the default model and recorded."
  echo "Load average when the run started: $load_before (other jobs on the machine count too)."
  echo
  echo "| setup | requests/s | requests | non-2xx | new rows in \`checks\` | p50 (worst node) | p99 (worst node) | Winnow CPU ms/request | PostgreSQL CPU ms/request |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "$sqlite_line"
  echo "$pg1_line"
  echo "$pgn_line"
  echo "$pgn_own_line"
  echo "$healthz"
  echo
  if [[ -n $notes ]]; then echo "$notes"; else echo "$marker"; fi
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
