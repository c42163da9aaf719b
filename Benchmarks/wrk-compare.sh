#!/usr/bin/env bash
# Throughput of LoadForge against wrk, in one sitting, against the same local nginx.
# Usage: Benchmarks/wrk-compare.sh [CONNECTIONS] [SECONDS]
# Prints both RPS figures, both p99s and the ratio loadforge/wrk. Needs wrk (apt-get install -y wrk)
# and a release build (swift build -c release). Traffic goes to 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
conns=${1:-20}
secs=${2:-10}
port=${PORT:-18080}
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

echo "== wrk -t2 -c$conns -d${secs}s --latency $url"
wrk -t2 -c"$conns" -d"${secs}s" --latency "$url" | tee "$work/wrk.txt"
wrk_rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
wrk_p99=$(awk '$1=="99%" {print $2}' "$work/wrk.txt")

echo "== loadforge run (users=$conns, ${secs}s)"
"$here/.build/release/loadforge" run "$work/bench.toml" --output "$work/results" --workers 2
summary=$(ls -d "$work"/results/*/summary.json)
lf_rps=$(python3 -c "import json,sys; print(round(json.load(open('$summary'))['rps']))")
lf_p99=$(python3 -c "import json,sys; print(json.load(open('$summary'))['latency_ms']['p99'])")
echo
echo "wrk:       ${wrk_rps} req/s, p99 ${wrk_p99}"
echo "loadforge: ${lf_rps} req/s, p99 ${lf_p99}ms"
python3 -c "print(f'ratio loadforge/wrk: {float($lf_rps)/float($wrk_rps):.2f}')"
