#!/usr/bin/env bash
# Every performance figure in one run (~12-15 minutes on 2 cores), printed as one table with the
# peers' figures beside Winnow's and written to bench/results/run-<time>/:
#   1. JMH: normalise, features, judge (typical 200-character comments with a link), learn, model load;
#      judge on the peers' own test items (PeerItemsBench);
#   2. peers: bogofilter and SpamAssassin (peers/compare.sh, same split), Winnow through the same harness;
#   3. training the default model from corpus/ (winnow train), server start, jar size;
#   4. HTTP: bench/load.sh (wrk on /1.1/comment-check, SQLite, every check recorded);
#   5. pages: bench/pages.sh (200-comment article, 10,000-comment thread);
#   6. scaling: load.sh again with 10k, 100k and 1M checks already stored;
#   7. page scaling: pages.sh again with 10k, 100k and 1M comments stored on the site.
# Needs: app/target/winnow.jar and bench/target/benchmarks.jar built; wrk, sqlite3, bc; the peers
# installed (sudo /work/shared/peers/install.sh debian) for step 2 (else it shows n/a).
#   env: PEERS_DIR (/work/shared/peers)  SPLIT (yt-random)  SKIP ("scaling pages pagescaling peers" to leave out steps)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/find-jdk.sh"
winnow_find_jdk || exit 3
export PATH="$JAVA_HOME/bin:$PATH"      # the peers' winnow.sh calls plain `java`
JAVA="$JAVA_HOME/bin/java"
JAR=$root/app/target/winnow.jar
BENCH_JAR=$here/target/benchmarks.jar
PEERS_DIR=${PEERS_DIR:-/work/shared/peers}
SPLIT=${SPLIT:-yt-random}
SKIP=${SKIP:-}
OUT=$here/results/run-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
for f in "$JAR" "$BENCH_JAR"; do
  [[ -f $f ]] || { echo "run-all.sh: $f is missing; build it first (see docs/performance.md)" >&2; exit 3; }
done
skip() { [[ " $SKIP " == *" $1 "* ]]; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
log() { echo "[$(date -u +%T)] $*" >&2; }
declare -A R   # figure -> "value (load)"

# 1. JMH ------------------------------------------------------------------------------------------
log "JMH (engine)"
R[jmh_load]=$(load)
"$JAVA" -jar "$BENCH_JAR" 'EngineBench|LearnBench' -jvm "$JAVA" -rf json -rff "$OUT/jmh.json" > "$OUT/jmh.log" 2>&1
items=$PEERS_DIR/splits/$SPLIT.test.tsv
if [[ -f $items ]]; then
  "$JAVA" -jar "$BENCH_JAR" PeerItemsBench -jvm "$JAVA" -p items="$items" -rf json -rff "$OUT/jmh-peer-items.json" \
      > "$OUT/jmh-peer-items.log" 2>&1
fi
jmh() { # FILE BENCHMARK-SUFFIX -> score
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(next((round(b['primaryMetric']['score'],1) for b in d if b['benchmark'].endswith(sys.argv[2])), 'n/a'))" "$1" "$2" 2>/dev/null || echo n/a
}
R[normalise]=$(jmh "$OUT/jmh.json" .normalise)
R[features]=$(jmh "$OUT/jmh.json" .features)
R[judge]=$(jmh "$OUT/jmh.json" .judge)
R[judge_model]=$(jmh "$OUT/jmh.json" .judgeWithoutTraffic)
R[judge_taught]=$(jmh "$OUT/jmh.json" .judgeOnATaughtSite)
R[learn]=$(jmh "$OUT/jmh.json" .learn)
R[model_load]=$(jmh "$OUT/jmh.json" .loadDefaultModel)
R[judge_items]=$(jmh "$OUT/jmh-peer-items.json" .judgeItem)

# 2. Peers on the same split ----------------------------------------------------------------------
peer_rate() { grep -h "PEER_TIMING peer=$1 " "$OUT"/peers/*.log 2>/dev/null | sed -E 's/.*classify_items_per_s=([0-9.]+).*/\1/' | head -1; }
if ! skip peers && [[ -x $PEERS_DIR/compare.sh ]]; then
  log "peers on $SPLIT"
  R[peers_load]=$(load)
  mkdir -p "$OUT/peers"
  COMPARE_DIR="$OUT/peers" WINNOW_JAR="$JAR" PEER_TIMEOUT=600 "$PEERS_DIR/compare.sh" \
      "$PEERS_DIR/splits/$SPLIT.train.tsv" "$items" bogofilter spamassassin-direct spamassassin winnow \
      > "$OUT/peers.md" 2> "$OUT/peers.stderr"
fi
R[bogofilter]=$(peer_rate bogofilter); R[sa_direct]=$(peer_rate spamassassin-direct)
R[spamd]=$(peer_rate spamassassin); R[winnow_cli]=$(peer_rate winnow)

# 3. Training, start, size ------------------------------------------------------------------------
log "training the default model"
R[train_load]=$(load)
t0=$(date +%s%3N)
"$JAVA" -jar "$JAR" train "$root"/corpus/*.tsv.gz -o "$OUT/model.bin" > "$OUT/train.log" 2>&1
R[train_s]=$(echo "scale=1; ($(date +%s%3N) - $t0) / 1000" | bc)
R[jar_mb]=$(echo "scale=1; $(stat -c %s "$JAR") / 1000000" | bc)

# 4. HTTP -----------------------------------------------------------------------------------------
log "HTTP load (wrk)"
"$here/load.sh" "$OUT/load.txt" > /dev/null
field() { grep -h "$2" "$1" 2>/dev/null | grep -oE "\b$3=[^ ]+" | head -1 | cut -d= -f2; }
R[rps]=$(field "$OUT/load.txt" '^result' rps); R[p99]=$(field "$OUT/load.txt" '^result' p99_ms)
R[recorded]=$(field "$OUT/load.txt" '^recorded' all_recorded); R[start_ms]=$(field "$OUT/load.txt" server_start_ms server_start_ms)
R[rss]=$(field "$OUT/load.txt" '^memory' rss_kb); R[heap_live]=$(field "$OUT/load.txt" '^memory' heap_live_kb)
R[load_load]=$(sed -nE 's/.*load before run: (.*)/\1/p' "$OUT/load.txt")

# 5. Pages ----------------------------------------------------------------------------------------
if ! skip pages; then
  log "pages"
  "$here/pages.sh" "$OUT/pages.txt" > /dev/null
  R[article_rps]=$(field "$OUT/pages.txt" '^article_200' rps); R[article_p99]=$(field "$OUT/pages.txt" '^article_200' p99_ms)
  R[thread_p99]=$(field "$OUT/pages.txt" '^thread_10k' p99_ms); R[thread_rps]=$(field "$OUT/pages.txt" '^thread_10k' rps)
  R[pages_load]=$(sed -nE 's/^article_200 load=\[([^]]*)\].*/\1/p' "$OUT/pages.txt")
fi

# 6. Scaling --------------------------------------------------------------------------------------
scaling=""
if ! skip scaling; then
  for n in 10000 100000 1000000; do
    log "scaling: $n stored checks"
    PRELOAD=$n DURATION=10s WARMUP=30s "$here/load.sh" "$OUT/load-$n.txt" > /dev/null
    scaling+="| $n | $(field "$OUT/load-$n.txt" '^result' rps) | $(field "$OUT/load-$n.txt" '^result' p50_ms) | $(field "$OUT/load-$n.txt" '^result' p99_ms) | $(field "$OUT/load-$n.txt" '^recorded' all_recorded) | $(sed -nE 's/.*load before run: (.*)/\1/p' "$OUT/load-$n.txt") |"$'\n'
  done
fi

# 7. Page scaling ---------------------------------------------------------------------------------
pagescaling=""
if ! skip pagescaling; then
  for total in 10200 100000 1000000; do # pages.sh always stores 10,200 (the article's 200 and the long thread)
    log "page scaling: $total comments stored"
    STORED=$((total - 10200)) DURATION=10s "$here/pages.sh" "$OUT/pages-$total.txt" > /dev/null
    pagescaling+="| $total | $(field "$OUT/pages-$total.txt" '^article_200' rps) | $(field "$OUT/pages-$total.txt" '^article_200' p99_ms) | $(field "$OUT/pages-$total.txt" '^article_200' cpu_us_per_view) | $(field "$OUT/pages-$total.txt" '^thread_10k' p99_ms) | $(field "$OUT/pages-$total.txt" '^thread_10k' cpu_us_per_view) | $(( $(field "$OUT/pages-$total.txt" '^stored_comments' db_bytes) / 1048576 )) |"$'\n'
  done
fi

# Table ---------------------------------------------------------------------------------------------
ratio() { # A B -> "A/B" as 0.7x or 444x, n/a when either is not a number
  python3 - "$1" "$2" <<'PY'
import sys
try:
    a, b = float(sys.argv[1]), float(sys.argv[2])
    r = a / b
    print(f"{r:.1f}x" if r < 10 else f"{r:.0f}x")
except (ValueError, ZeroDivisionError):
    print("n/a")
PY
}
{
  echo "## Run $(basename "$OUT") on $(hostname): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(java -version 2>&1 | head -1)"
  echo
  echo "| figure | Winnow | target | peers, same items, same run | load (1/5/15 min) |"
  echo "|---|---|---|---|---|"
  echo "| judge, typical 200-char comment with a link (JMH, 1 thread; recent-traffic signals on, as the server runs) | ${R[judge]} /s | ≥ 100,000 /s | | ${R[jmh_load]} |"
  echo "| judge, the same without recent-traffic signals | ${R[judge_model]} /s | | | ${R[jmh_load]} |"
  echo "| judge, the same on a site that has taught the engine 500 corrections (site adjustments, author history) | ${R[judge_taught]} /s | | | ${R[jmh_load]} |"
  echo "| judge, peers' $SPLIT test items (JMH, 1 thread) | ${R[judge_items]} /s | ≥ 50× SA, ≥ 5× bogofilter | bogofilter ${R[bogofilter]:-n/a} /s ($(ratio "${R[judge_items]}" "${R[bogofilter]:-x}")), SpamAssassin API ${R[sa_direct]:-n/a} /s ($(ratio "${R[judge_items]}" "${R[sa_direct]:-x}")), spamd+spamc ${R[spamd]:-n/a} /s ($(ratio "${R[judge_items]}" "${R[spamd]:-x}")) | ${R[peers_load]:-} |"
  echo "| judge through the peers' harness (winnow classify, whole test file) | ${R[winnow_cli]:-n/a} /s | | as above | ${R[peers_load]:-} |"
  echo "| normalise (JMH) | ${R[normalise]} /s | | | ${R[jmh_load]} |"
  echo "| features (JMH) | ${R[features]} /s | | | ${R[jmh_load]} |"
  echo "| learn one correction (JMH) | ${R[learn]} µs | ≤ 50 µs | | ${R[jmh_load]} |"
  echo "| read the shipped model (JMH) | ${R[model_load]} ms | | | ${R[jmh_load]} |"
  echo "| train the default model from corpus/ | ${R[train_s]} s | ≤ 10 s | | ${R[train_load]} |"
  echo "| comment-check over HTTP, SQLite (wrk, 64 conn.) | ${R[rps]} req/s, p99 ${R[p99]} ms, all recorded: ${R[recorded]} | ≥ 20,000 req/s, p99 ≤ 5 ms | | ${R[load_load]} |"
  echo "| server start (to first answer) | ${R[start_ms]} ms | ≤ 2,000 ms | | ${R[load_load]} |"
  echo "| serving memory (-Xmx256m): live heap after GC / RSS | $(( ${R[heap_live]:-0} / 1024 )) MB / $(( ${R[rss]:-0} / 1024 )) MB | heap ≤ 256 MB | | |"
  echo "| 200-comment article page | ${R[article_rps]:-n/a} views/s, p99 ${R[article_p99]:-n/a} ms | ≥ 3,000 views/s | | ${R[pages_load]:-} |"
  echo "| 10,000-comment thread, random page | p99 ${R[thread_p99]:-n/a} ms (${R[thread_rps]:-n/a} pages/s) | p99 ≤ 50 ms | | |"
  echo "| app/target/winnow.jar | ${R[jar_mb]} MB | ≤ 40 MB | | |"
  if [[ -n $scaling ]]; then
    echo
    echo "| checks stored before the run | req/s | p50 ms | p99 ms | all recorded | load |"
    echo "|---|---|---|---|---|---|"
    printf '%s' "$scaling"
  fi
  if [[ -n $pagescaling ]]; then
    echo
    echo "| comments stored on the site | article views/s | article p99 ms | server µs per view | 10k-thread page p99 ms | µs per page | database MB |"
    echo "|---|---|---|---|---|---|---|"
    printf '%s' "$pagescaling"
  fi
} | tee "$OUT/table.md"
echo >&2; log "results in $OUT"
