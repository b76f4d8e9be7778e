#!/usr/bin/env bash
# Regenerates docs/quality-signals.md: recent-traffic signals on constructed traffic, explanation
# agreement, feature groups across domains (a few minutes on 2 cores; offline).
# usage: training/signals-report.sh [DATASETS_DIR]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATASETS="${1:-$REPO/../shared/datasets}"
cd "$REPO"
# engine and training in one reactor, so the report runs on this tree's engine, not an installed one
./mvnw -B -q -o -pl engine,training package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/signals-cp.txt -Dmdep.includeScope=runtime
source scripts/find-jdk.sh && winnow_find_jdk
"$JAVA_HOME/bin/java" -Xmx3g -cp "training/target/classes:$(cat training/target/signals-cp.txt)" \
  org.winnow.training.eval.SignalsReport "$DATASETS" corpus docs/quality-signals.md
