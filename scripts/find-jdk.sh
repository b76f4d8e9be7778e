# Sourced by ./mvnw and ./winnow: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under the usual system folders.
# Prints a clear message and returns 1 when no such JDK exists on this machine.

winnow_java_major() { # JAVA_BIN -> major version number (e.g. 25), or 0
  local v release
  # The JDK's `release` file says it without starting a JVM (which costs ~0.1 s per JDK on every launch).
  release=$(dirname "$(dirname "$1")")/release
  if [[ -r $release ]]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -1)
    [[ $v =~ ^[0-9]+$ ]] && { echo "$v"; return; }
  fi
  v=$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -1)
  [[ $v =~ ^[0-9]+$ ]] && echo "$v" || echo 0
}

winnow_find_jdk() {
  local need=21 best="" best_v=0 home v
  if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/javac ]]; then
    v=$(winnow_java_major "$JAVA_HOME/bin/java")
    if (( v >= need )); then export JAVA_HOME; return 0; fi
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/*; do
    [[ -x $home/bin/javac && -x $home/bin/java ]] || continue
    v=$(winnow_java_major "$home/bin/java")
    if (( v > best_v )); then best_v=$v; best=$home; fi
  done
  if (( best_v >= need )); then
    export JAVA_HOME=$best
    return 0
  fi
  echo "winnow: needs a JDK $need or newer (found ${best_v/#0/none})." >&2
  echo "winnow: install one (e.g. Temurin 21+ into /usr/lib/jvm) or set JAVA_HOME to it." >&2
  return 1
}
