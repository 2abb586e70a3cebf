# Finds a JDK >= 21 and exports JAVA_HOME and PATH for it. POSIX sh, sourced by ./mvnw, ./stack and .ci/run.
# Order: $JAVA_HOME when it is new enough, then the newest JDK under /usr/lib/jvm (or $JDK_SEARCH_DIRS).

jdk_major() {
  # Prints the feature version of the JDK at $1, or nothing when $1 is not a JDK.
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  fi
  case "$v" in 1.*) v=${v#1.} ;; esac
  printf '%s\n' "${v%%[.+-]*}"
}

find_jdk() {
  min=${JDK_MIN_VERSION:-21}
  if [ -n "${JAVA_HOME-}" ]; then
    m=$(jdk_major "$JAVA_HOME")
    if [ -n "$m" ] && [ "$m" -ge "$min" ]; then
      return 0
    fi
    skipped="JAVA_HOME=$JAVA_HOME (Java ${m:-unknown})"
  fi
  best="" best_m=0
  restore_noglob=false
  case $- in *f*) restore_noglob=true; set +f ;; esac
  for dir in ${JDK_SEARCH_DIRS:-/usr/lib/jvm}; do
    for c in "$dir"/*; do
      [ -d "$c" ] || continue
      m=$(jdk_major "$c")
      if [ -n "$m" ] && [ "$m" -ge "$min" ] && [ "$m" -gt "$best_m" ]; then
        best=$c best_m=$m
      fi
    done
  done
  if $restore_noglob; then set -f; fi
  if [ -z "$best" ]; then
    echo "error: no JDK $min or newer found (looked at ${skipped:-JAVA_HOME (unset)} and ${JDK_SEARCH_DIRS:-/usr/lib/jvm})." >&2
    echo "       Install a JDK >= $min (for example Temurin 21 or 25) and set JAVA_HOME to it." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
  PATH="$JAVA_HOME/bin:$PATH"
  export PATH
}
