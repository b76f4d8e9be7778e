#!/usr/bin/env bash
# Winnow as a peer in the spam-filter benchmark harness (../shared/peers).
# usage: peers/winnow.sh TRAIN.tsv TEST.tsv OUT.tsv
#
# Trains a fresh Winnow model on TRAIN (same pipeline and settings as the
# shipped default model) and writes spam|ham<TAB>score per TEST row to OUT.
# Runs:   $WINNOW_CMD classify --train TRAIN --test TEST
#   WINNOW_CMD  command to run (word-split); default: java -jar app/target/winnow.jar
#   WINNOW_JAR  jar for the default command (default: app/target/winnow.jar in this repo)
#   PEERS_DIR   the harness directory whose lib/common.sh is sourced (default: ../shared/peers
#               next to this repository)
# Without a jar or WINNOW_CMD the peer reports itself unavailable (exit 3).
HERE_WINNOW="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_WINNOW="$(cd "$HERE_WINNOW/.." && pwd)"
PEERS_DIR="${PEERS_DIR:-$REPO_WINNOW/../shared/peers}"
[ -r "$PEERS_DIR/lib/common.sh" ] || { echo "[winnow] error: no lib/common.sh under PEERS_DIR=$PEERS_DIR" >&2; exit 1; }
source "$PEERS_DIR/lib/common.sh"
peer_init winnow "$@"

if [ -n "${WINNOW_CMD:-}" ]; then
  read -r -a CMD <<< "$WINNOW_CMD"
else
  JAR="${WINNOW_JAR:-$REPO_WINNOW/app/target/winnow.jar}"
  [ -f "$JAR" ] || unavailable "no jar at $JAR (build it, or set WINNOW_JAR or WINNOW_CMD)"
  command -v java >/dev/null || unavailable "java not found"
  CMD=(java -jar "$JAR")
fi
command -v "${CMD[0]}" >/dev/null || unavailable "command not found: ${CMD[0]}"
N_TEST="$(count_rows "$TEST")"
N_TRAIN="$(count_rows "$TRAIN")"

t0=$(now)
"${CMD[@]}" classify --train "$TRAIN" --test "$TEST" > "$OUT" 2> "$STATE/stderr" ||
  { tail -20 "$STATE/stderr" >&2; die "winnow classify exited with an error"; }
total_s=$(elapsed "$t0")
grep -v '^TIMES ' "$STATE/stderr" >&2 || true
check_out
if read -r _ ntr trs nte cls < <(grep -m1 '^TIMES ' "$STATE/stderr"); then
  setup_s=$(awk -v t="$total_s" -v a="$trs" -v b="$cls" 'BEGIN{s=t-a-b; if (s<0) s=0; printf "%.3f", s}')
  report_timing "$ntr" "$trs" "$nte" "$cls" "$setup_s"
else
  log "no TIMES line: classify_s is the whole run ($total_s s, includes JVM start and training)"
  report_timing "$N_TRAIN" 0 "$N_TEST" "$total_s" 0
fi
