# Sourced by the benchmark scripts (bench/cold-start, bench/bridge-throughput, bench/logs-api): the
# JDK, the build when something changed, and a private copy of the class path to run from.
# Expects $root (the project) to be set; selects the JDK itself.
# shellcheck shell=bash

# shellcheck source=../../bin/select-jdk
source "$root/bin/select-jdk"

# bench_needs_build FORCE CLASSPATH_FILE MAIN_CLASS_FILE MODULE...
# Prints yes when FORCE is 1, the class path or main class is missing, or a pom or main source of
# the named modules (or the parent pom) is newer than the last build; else no.
bench_needs_build() {
  local force="$1" classpath_file="$2" main_class="$3"
  shift 3
  if [[ "$force" == 1 || ! -f "$classpath_file" || ! -f "$main_class" ]]; then
    echo yes
    return
  fi
  local paths=("$root/pom.xml") module
  for module in "$@"; do
    paths+=("$root/$module/pom.xml" "$root/$module/src/main")
  done
  if [[ -n "$(find "${paths[@]}" -newer "$classpath_file" -type f -print -quit 2>/dev/null)" ]]; then
    echo yes
  else
    echo no
  fi
}

# bench_build NAME CLASSPATH_FILE SCOPE
# Builds bench and the modules it needs, and writes their class path (of SCOPE) to CLASSPATH_FILE:
# offline first (nothing to download, and fast), online if that fails.
bench_build() {
  local name="$1" classpath_file="$2" scope="$3"
  local build=(./mvnw -q -B -pl bench -am package dependency:build-classpath -Dmaven.test.skip=true
               "-Dmdep.outputFile=$classpath_file" "-DincludeScope=$scope")
  echo "$name: building the bench module and the modules it needs (./mvnw -q -B -o ...)" >&2
  if ! (cd "$root" && "${build[0]}" -o "${build[@]:1}"); then
    echo "$name: the offline build failed; trying again online" >&2
    (cd "$root" && "${build[@]}")
  fi
  touch "$classpath_file"
}

# bench_java_opts: JVM options every benchmark JVM that hosts the local servers needs, in the array
# java_opts. DynamoDB Local loads sqlite4java's native library (JDK 22+ asks for that to be allowed);
# ElasticMQ's Pekko uses sun.misc.Unsafe (JDK 24+ warns on every start).
bench_java_opts() {
  java_opts=()
  local major
  major="$(java_major "$JAVA_HOME")"
  if (( major >= 22 )); then java_opts+=(--enable-native-access=ALL-UNNAMED); fi
  if (( major >= 24 )); then java_opts+=(--sun-misc-unsafe-memory-access=allow); fi
}

# bench_private_classpath NAME CLASSPATH_FILE [LAST_REGEX]
# Sets $classpath to a private copy of bench's classes and of this project's jars (from the tree
# or installed in the local Maven repository): other builds may rewrite them while the benchmark
# runs, and a JVM whose jar changes under it fails in odd ways. An entry matching the regular
# expression LAST_REGEX goes last (logs-api: the shaded functions jar, so that every class it shares with
# the other jars comes from those). The copy is removed when the script exits.
bench_private_classpath() {
  local name="$1" classpath_file="$2" last_regex="${3:-}"
  bench_snapshot="$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")"
  trap 'rm -rf "$bench_snapshot"' EXIT
  mkdir -p "$bench_snapshot/lib"
  cp -r "$root/bench/target/classes" "$bench_snapshot/bench-classes"
  classpath="$bench_snapshot/bench-classes"
  local last="" entry copy entries=()
  IFS=: read -r -a entries < "$classpath_file" || true # no newline at its end
  for entry in "${entries[@]}"; do
    [[ -n "$entry" ]] || continue
    local goes_last=no
    if [[ -n "$last_regex" && "$entry" =~ $last_regex ]]; then goes_last=yes; fi
    if [[ "$entry" == "$root"/* || "$entry" == */io/outcall/* ]]; then
      copy="$bench_snapshot/lib/$(basename "$(dirname "$(dirname "$entry")")")-$(basename "$entry")"
      cp -r "$entry" "$copy"
      entry="$copy"
    fi
    if [[ "$goes_last" == yes ]]; then last="$entry"; else classpath+=":$entry"; fi
  done
  if [[ -n "$last_regex" ]]; then
    if [[ -z "$last" ]]; then
      echo "$name: $classpath_file names nothing matching $last_regex; rebuild" >&2
      exit 1
    fi
    classpath+=":$last"
  fi
}
