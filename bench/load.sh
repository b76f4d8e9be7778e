#!/usr/bin/env bash
# HTTP load on /1.1/comment-check: starts `winnow serve` on a fresh SQLite data directory, creates a
# key, optionally pre-fills the checks table, warms the server, runs wrk with realistic WordPress
# bodies (scripts/comment-check.lua) and writes one results file. Every check must be recorded:
# the script compares the rows in `checks` with the answers wrk counted.
#
#   bench/load.sh [OUT]                  default OUT=bench/results/load-<time>.txt
#   env: JAR (app/target/winnow.jar)  PORT (18080)  DURATION (20s)  WARMUP (40s)  CONNECTIONS (64)
#        THREADS (2, wrk's)  PRELOAD (0: checks stored before the run)  HEAP (256m)  KEEP (keep the data dir)
#        JFR (a file: record a Java Flight Recorder profile of the server during the measured run)
#        JAVA_OPTS (more JVM options for the server, e.g. -Xlog:gc:file=gc.log)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/find-jdk.sh"
winnow_find_jdk
JAVA="$JAVA_HOME/bin/java"

JAR=${JAR:-$root/app/target/winnow.jar}
PORT=${PORT:-18080}
DURATION=${DURATION:-20s}
# On two cores shared with wrk, the C2 compiler needs about half a minute of load to finish the
# request path: after 10 s it still used a seventh of the server's CPU in the measured run, which
# then measured the warm-up's end rather than a running server (docs/performance.md).
WARMUP=${WARMUP:-40s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
PRELOAD=${PRELOAD:-0}
HEAP=${HEAP:-256m}
OUT=${1:-$here/results/load-$(date -u +%Y%m%dT%H%M%SZ).txt}
BLOG=http://bench.example.org

command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install wrk)" >&2; exit 3; }
[[ -f $JAR ]] || { echo "load.sh: $JAR is missing (./mvnw -B -q -pl app package -DskipTests)" >&2; exit 3; }
mkdir -p "$(dirname "$OUT")"
DATA=$(mktemp -d /tmp/winnow-load.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true
  fi
  [[ -n ${KEEP:-} ]] || rm -rf "$DATA"
}
trap cleanup EXIT

KEY=$("$JAVA" -jar "$JAR" keys create --data "$DATA" --site "$BLOG" 2>/dev/null | grep -oE '\b[0-9a-f]{12}\b' | head -1)
[[ -n $KEY ]] || { echo "load.sh: could not create a key" >&2; exit 1; }

start_ms=$(date +%s%3N)
"$JAVA" -Xmx"$HEAP" -XX:+UseSerialGC ${JAVA_OPTS:-} ${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile,delay=$WARMUP} -jar "$JAR" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" \
    > "$DATA/server.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$PORT/1.1/test" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$DATA/server.log" >&2; echo "load.sh: server died" >&2; exit 1; }
  sleep 0.05
done
start_ready_ms=$(( $(date +%s%3N) - start_ms ))

# The first check creates the site; pre-filling needs its id.
curl -sf "http://127.0.0.1:$PORT/1.1/comment-check" -d "api_key=$KEY" -d "blog=$BLOG" -d user_ip=192.0.2.1 \
     --data-urlencode "comment_content=first" >/dev/null
if (( PRELOAD > 0 )); then
  "$here/scripts/fill-checks.sh" "$DATA/winnow.db" "$PRELOAD"
fi

export WINNOW_KEY=$KEY WINNOW_BLOG=$BLOG
lua="$here/scripts/comment-check.lua"
wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$lua" "http://127.0.0.1:$PORT" >/dev/null
before=$(sqlite3 "$DATA/winnow.db" "SELECT COUNT(*) FROM checks")
load=$(cut -d' ' -f1-3 /proc/loadavg)
# The server's own CPU time (user+system clock ticks) around the measured run: CPU per request is
# far less sensitive than requests/s to other jobs on a shared machine.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
# The same per thread group (Jetty pool, check writer, JIT, GC…), to see where the CPU goes.
thread_ticks() {
  for t in /proc/"$server_pid"/task/*; do
    awk -v n="$(tr ' ' '_' <"$t/comm")" '{print n, $14 + $15}' "$t/stat" 2>/dev/null
  done | sed -E 's/[-_]?[0-9]+ / /' | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
}
thread_ticks >"$DATA/threads.0"
cpu0=$(cpu_ticks)
report=$(wrk --timeout 10s -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$lua" "http://127.0.0.1:$PORT")
cpu1=$(cpu_ticks)
thread_ticks >"$DATA/threads.1"
by_thread=$(join -a2 -e0 -o 0,1.2,2.2 "$DATA/threads.0" "$DATA/threads.1" \
  | awk '$3 > $2 {printf "%s %d\n", $1, $3 - $2}' | sort -k2,2nr | head -8 | paste -sd' ')
threads=$(ls "/proc/$server_pid/task" | wc -l)
sleep 0.5
after=$(sqlite3 "$DATA/winnow.db" "SELECT COUNT(*) FROM checks")
# Heap in use after the run and after a full GC (what the server really keeps), in KiB.
heap_kb() { "$JAVA_HOME/bin/jcmd" "$server_pid" GC.heap_info 2>/dev/null \
    | grep -oE 'total [0-9]+K, used [0-9]+K' | sed -E 's/.*used ([0-9]+)K/\1/' | paste -sd+ | bc; }
heap_used=$(heap_kb || echo "?")
"$JAVA_HOME/bin/jcmd" "$server_pid" GC.run >/dev/null 2>&1 || true
heap_live=$(heap_kb || echo "?")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
result=$(grep '^WRK_RESULT' <<<"$report" | sed 's/^WRK_RESULT //')
answered=$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$result")
recorded=$(( after - before ))
cpu_ms=$(awk -v t=$((cpu1 - cpu0)) -v n="$answered" -v hz="$(getconf CLK_TCK)" 'BEGIN {if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "?"}')

{
  echo "# bench/load.sh $(date -u +%FT%TZ) on $(hostname), $(nproc) cores, load before run: $load"
  echo "config connections=$CONNECTIONS wrk_threads=$THREADS warmup=$WARMUP duration=$DURATION heap=$HEAP preload=$PRELOAD"
  echo "server_start_ms=$start_ready_ms"
  echo "result $result"
  echo "recorded checks_recorded=$recorded answered=$answered all_recorded=$([[ $recorded -ge $answered ]] && echo yes || echo NO)"
  echo "memory rss_kb=$rss_kb heap_used_kb=$heap_used heap_live_kb=$heap_live"
  echo "server cpu_ms_per_request=$cpu_ms threads=$threads"
  echo "server_cpu_ticks_by_thread $by_thread"
  echo "stored_checks_total=$after"
  echo
  echo "$report"
} > "$OUT"
head -8 "$OUT"
