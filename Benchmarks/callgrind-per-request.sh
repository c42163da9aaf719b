#!/usr/bin/env bash
# User-space instructions per request of LoadForge, counted by valgrind's callgrind: stable on a
# noisy shared machine, unlike wall-clock RPS. See Benchmarks/README.md for what the figures mean.
#
# Usage: Benchmarks/callgrind-per-request.sh
# Environment:
#   LOADFORGE_BIN  binary to measure (default .build/release/loadforge; build it with -c release)
#   VUS            virtual users (default 10)      DURATION  load duration (default 3s)
#   WORKERS        worker event loops (default 1)  PORT      nginx port (default 18081)
#   TOP            also print this many functions by self cost (default 0)
#   CALLGRIND_OUT  keep the callgrind profile at this path (for callgrind_annotate)
# Needs valgrind and nginx (apt-get install -y valgrind nginx). Traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${LOADFORGE_BIN:-$here/.build/release/loadforge}
vus=${VUS:-10}
duration=${DURATION:-3s}
workers=${WORKERS:-1}
port=${PORT:-18081}
top=${TOP:-0}
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release, or set LOADFORGE_BIN)" >&2; exit 1; }
command -v valgrind >/dev/null || { echo "valgrind not found: apt-get install -y valgrind" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
trap 'PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" stop >/dev/null; rm -rf "$work"' EXIT
PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" start >/dev/null

cat >"$work/bench.toml" <<TOML
name = "callgrind"
base_url = "http://127.0.0.1:$port"
[load]
pattern = "constant"
users = $vus
duration = "$duration"
[[scenarios]]
  [[scenarios.tasks]]
  name = "products"
  path = "/api/products.json"
TOML

# valgrind 3.19 gives up on DWARF 5 debug info from the C modules the binary now links
# (SwiftNIO's, for the demo target): measure a copy without debug info; the symbol table keeps
# the function names callgrind reports.
cp "$bin" "$work/loadforge"
strip --strip-debug "$work/loadforge"
profile=${CALLGRIND_OUT:-$work/callgrind.out}
# --format json: the whole-process figure stays the run's own work, without rendering report.html
# (Plotly inlined) at its end.
valgrind --tool=callgrind --callgrind-out-file="$profile" \
  "$work/loadforge" run "$work/bench.toml" --workers "$workers" --output "$work/results" --format json \
  >"$work/run.log" 2>"$work/valgrind.log" \
  || { cat "$work/run.log" "$work/valgrind.log" >&2; exit 1; }

summary=$(ls -d "$work"/results/*/summary.json)
requests=$(python3 -c "import json; print(json.load(open('$summary'))['requests']['total'])")
failed=$(python3 -c "import json; print(json.load(open('$summary'))['requests']['failed'])")
total=$(awk '/^(summary|totals):/ {print $2; exit}' "$profile")
# Inclusive cost of the workers' event loops (Worker.run): the request path without process
# start-up, config loading, the coordinator and the report writers.
callgrind_annotate --inclusive=yes --threshold=100 "$profile" >"$work/inclusive.txt" 2>/dev/null
# The largest entry: other lines naming Worker.run are parts of it (inlined code).
loop=$(awk '/WorkerC3run/ {gsub(",", "", $1); if ($1 + 0 > m) m = $1 + 0} END {print m + 0}' "$work/inclusive.txt")
[ "$requests" -gt 0 ] || { echo "no requests completed" >&2; cat "$work/run.log" >&2; exit 1; }

echo "binary:          $bin"
echo "workload:        $vus VUs, $duration, $workers worker(s), GET /api/products.json (430-byte response)"
echo "requests:        $requests ($failed failed)"
echo "Ir total:        $total"
echo "Ir per request:  $((total / requests))"
echo "  event loop:    $((loop / requests))  (Worker.run inclusive)"
if [ "$top" -gt 0 ]; then
  echo "top $top functions by self cost (Ir per request):"
  callgrind_annotate --threshold=100 "$profile" 2>/dev/null \
    | awk -v n="$top" -v r="$requests" '
        /^-+$/ {sep++; next}
        sep >= 4 && $1 ~ /^[0-9,]+$/ && !/PROGRAM TOTALS/ && shown < n {
          ir = $1; gsub(",", "", ir); fn = $0; sub(/^ *[0-9,]+ +\([ 0-9.%]+\) +/, "", fn)
          printf "  %8.0f  %s\n", ir / r, substr(fn, 1, 140); shown++ }'
fi
