#!/usr/bin/env bash
# Throughput of LoadForge against wrk, in one sitting, against the same local nginx.
# Usage: Benchmarks/wrk-compare.sh [CONNECTIONS] [SECONDS]
# Environment: LOADFORGE_BIN (default .build/release/loadforge), PORT (default 18080),
# THREADS (default 2: wrk -t and loadforge --workers).
# Prints both RPS figures, both p99s, the ratio loadforge/wrk, and each tool's user and system CPU
# per request (µs, from /usr/bin/time). Needs wrk and time (apt-get install -y wrk time) and a
# release build (swift build -c release). Traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
conns=${1:-20}
secs=${2:-10}
port=${PORT:-18080}
threads=${THREADS:-2}
bin=${LOADFORGE_BIN:-$here/.build/release/loadforge}
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release, or set LOADFORGE_BIN)" >&2; exit 1; }
work=$(mktemp -d)
trap 'PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" stop >/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" start >/dev/null
url="http://127.0.0.1:$port/api/products.json"

cat > "$work/bench.toml" <<TOML
name = "bench"
base_url = "http://127.0.0.1:$port"
[load]
pattern = "constant"
users = $conns
duration = "${secs}s"
[[scenarios]]
  [[scenarios.tasks]]
  name = "products"
  path = "/api/products.json"
TOML

echo "== wrk -t$threads -c$conns -d${secs}s --latency $url"
/usr/bin/time -f "%U %S" -o "$work/wrk.time" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency "$url" | tee "$work/wrk.txt"
wrk_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
wrk_p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")
wrk_reqs=$(awk '/requests in/ {print $1}' "$work/wrk.txt")

echo "== loadforge run (users=$conns, ${secs}s, $threads workers)"
# --format json: like wrk, no HTML report is rendered at the end (it would add ~1 s of CPU to
# the per-request figure).
/usr/bin/time -f "%U %S" -o "$work/lf.time" "$bin" run "$work/bench.toml" --output "$work/results" --workers "$threads" \
  --format json
summary=$(ls -d "$work"/results/*/summary.json)
lf_reqs=$(python3 -c "import json,sys; print(json.load(open('$summary'))['requests']['total'])")
lf_rps=$(python3 -c "import json,sys; print(round(json.load(open('$summary'))['rps']))")
lf_p99=$(python3 -c "import json,sys; print(json.load(open('$summary'))['latency_ms']['p99'])")
echo
echo "wrk:       ${wrk_rps} req/s, p99 ${wrk_p99}"
echo "loadforge: ${lf_rps} req/s, p99 ${lf_p99}ms"
python3 -c "print(f'ratio loadforge/wrk: {float($lf_rps)/float($wrk_rps):.2f}')"
# CPU per request: the whole process (start-up and report writing included for loadforge).
cpu() { awk -v n="$2" '{printf "user %.2f µs + sys %.2f µs = %.2f µs per request", $1 * 1e6 / n, $2 * 1e6 / n, ($1 + $2) * 1e6 / n}' "$1"; }
echo "cpu wrk:       $(cpu "$work/wrk.time" "$wrk_reqs")"
echo "cpu loadforge: $(cpu "$work/lf.time" "$lf_reqs")"
