#!/usr/bin/env bash
# Fuzzes LoadForgeHTTP's ResponseParser with libFuzzer, checking the invariants of
# Tests/LoadForgeHTTPTests/ResponseParserInvariants.swift (the same checks FuzzCorpusReplayTests
# runs on the committed corpus): the same outcome whole, split in two and one byte at a time,
# consumed ≤ fed, head + body bytes = bytes consumed, sticky failures, retention limits.
#
# Usage: scripts/fuzz-response-parser.sh [--runs N] [--max-total-time S] [--jobs J] [--no-merge]
#   --runs N            executions (default 1000000; libFuzzer -runs)
#   --max-total-time S  stop after S seconds whatever the runs (default: no limit)
#   --no-merge          do not merge new inputs back into Tests/Fuzz/corpus
#
# Builds into .build-fuzz/ (swiftc -sanitize=fuzzer,address -O, not part of `swift build`), runs
# on a scratch copy of Tests/Fuzz/corpus, then merges inputs that reach new code back into
# Tests/Fuzz/corpus with -merge=1 (new edges only, so the committed corpus stays small).
# A crash or broken invariant leaves its input as .build-fuzz/crash-* and exits non-zero.
set -euo pipefail

runs=1000000
max_time=0
merge=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --max-total-time) max_time="$2"; shift 2 ;;
    --no-merge) merge=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "fuzz-response-parser: unknown argument $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/.build-fuzz"
corpus="$root/Tests/Fuzz/corpus"
mkdir -p "$out"

start=$(date +%s)
echo "fuzz-response-parser: building $out/response-parser-fuzz"
swiftc -sanitize=fuzzer,address -parse-as-library -O -D LOADFORGE_FUZZ \
  -module-name LoadForgeHTTPFuzz \
  "$root"/Sources/LoadForgeHTTP/*.swift \
  "$root/Tests/LoadForgeHTTPTests/ResponseParserInvariants.swift" \
  "$root/Tests/Fuzz/ResponseParserFuzz.swift" \
  -o "$out/response-parser-fuzz" 2>&1 | { grep -v "Cannot export local symbol '__asan" || true; }
echo "fuzz-response-parser: built in $(( $(date +%s) - start )) s"

# libFuzzer writes new inputs into its first corpus directory: run on a scratch copy.
work="$(mktemp -d "$out/corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cp "$corpus"/* "$work"/

cd "$out"
# The recommended dictionary at the end is noise here; everything else is shown. The Swift
# runtime's backtracer is off: under ASan it can hang after a trap, holding the pipe open
# (libFuzzer prints the stack and writes the crashing input itself).
set +e
SWIFT_BACKTRACE=enable=no "$out/response-parser-fuzz" -runs="$runs" -max_total_time="$max_time" -max_len=4096 \
  -print_final_stats=1 -artifact_prefix="$out/" "$work" 2>&1 | grep -v '# Uses: '
status=${PIPESTATUS[0]}
set -e
if [ "$status" -ne 0 ]; then
  echo "fuzz-response-parser: FAILED (exit $status); crashing input saved as $out/crash-*" >&2
  exit "$status"
fi

if [ "$merge" -eq 1 ]; then
  # Merge into a temp copy first, so an interrupted merge leaves the committed corpus alone.
  # -merge=1 adds only inputs the corpus lacks; -use_counters=0 counts new edges only (not new
  # hit counts of known edges), which keeps the committed corpus to a few hundred small files.
  merged="$(mktemp -d "$out/merged.XXXXXX")"
  trap 'rm -rf "$work" "$merged"' EXIT
  cp "$corpus"/* "$merged"/
  before=$(ls "$corpus" | wc -l)
  SWIFT_BACKTRACE=enable=no "$out/response-parser-fuzz" -merge=1 -use_counters=0 "$merged" "$work" 2>&1 | grep -E "MERGE-OUTER: [0-9]+ new files" || true
  cp -n "$merged"/* "$corpus"/
  echo "fuzz-response-parser: corpus $before -> $(ls "$corpus" | wc -l) files," \
    "$(cat "$corpus"/* | wc -c) bytes"
fi
echo "fuzz-response-parser: done in $(( $(date +%s) - start )) s"
