#!/usr/bin/env bash
# Regenerates docs/quality.md from the data sets and the peers splits (about 5 min on 2 quiet cores).
# usage: training/quality-report.sh [DATASETS_DIR] [PEERS_SPLITS_DIR]
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATASETS="${1:-$REPO/../shared/datasets}"
SPLITS="${2:-$REPO/../shared/peers/splits}"
cd "$REPO"
./mvnw -B -q -pl training -am install -DskipTests
./mvnw -B -q -pl training dependency:build-classpath -Dmdep.outputFile="$REPO/training/target/quality-cp.txt"
source scripts/find-jdk.sh && winnow_find_jdk
"$JAVA_HOME/bin/java" -Xmx3g -cp "training/target/classes:$(cat "$REPO/training/target/quality-cp.txt")" \
  org.winnow.training.eval.QualityReport "$DATASETS" "$SPLITS" corpus docs/quality.md
