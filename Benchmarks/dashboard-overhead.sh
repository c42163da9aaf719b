#!/usr/bin/env bash
# What the live dashboard costs the load: the same flat-out run against the same local nginx,
# without the dashboard and with it open in headless Chromium (the browser test's script in
# --watch-only mode), alternated, in one sitting.
# Usage: Benchmarks/dashboard-overhead.sh [SECONDS] [PAIRS]   (default 60 s, 1 pair)
# Environment: LOADFORGE_BIN (default .build/release/loadforge), PORT (default 18081),
# USERS (default 20), THREADS (default 2: --workers).
# Prints each run's requests and RPS, then the ratio with/without per pair and over all pairs
# (the issue's bar: the dashboard loses < 3 %, i.e. ratio > 0.97). Needs a release build, nginx,
# chromium and playwright (scripts/install-deps.sh, pip install playwright). 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
pairs=${2:-1}
port=${PORT:-18081}
users=${USERS:-20}
threads=${THREADS:-2}
bin=${LOADFORGE_BIN:-$here/.build/release/loadforge}
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release, or set LOADFORGE_BIN)" >&2; exit 1; }
work=$(mktemp -d)
trap 'PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" stop >/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" start >/dev/null

cat > "$work/bench.toml" <<TOML
name = "dashboard overhead"
base_url = "http://127.0.0.1:$port"
[load]
pattern = "constant"
users = $users
duration = "${secs}s"
[[scenarios]]
  [[scenarios.tasks]]
  name = "products"
  path = "/api/products.json"
  [[scenarios.tasks]]
  name = "home"
  path = "/"
TOML

# Prints the run's total requests.
run_once() { # $1: label, $2…: extra flags
  local label=$1; shift
  local out="$work/$label"
  rm -rf "$out"
  "$bin" run "$work/bench.toml" --output "$out" --workers "$threads" --format json "$@" > "$work/$label.stdout" 2>&1 &
  local pid=$!
  if [ "$#" -gt 0 ]; then
    local url=""
    for _ in $(seq 100); do
      url=$(grep -oE 'dashboard: http://127\.0\.0\.1:[0-9]+/' "$work/$label.stdout" | head -1 | cut -d' ' -f2 || true)
      [ -n "$url" ] && break
      sleep 0.1
    done
    [ -n "$url" ] || { echo "no dashboard URL: $(cat "$work/$label.stdout")" >&2; exit 1; }
    python3 "$here/Tests/IntegrationTests/browser/check_dashboard.py" "$url" "$work/shots" --watch-only > "$work/$label.browser.json" \
      || echo "note: the page reported console messages: $work/$label.browser.json" >&2
  fi
  wait "$pid"
  python3 -c "import json,glob; s=json.load(open(glob.glob('$out/*/summary.json')[0])); print(s['requests']['total'])"
}

total_without=0
total_with=0
for i in $(seq "$pairs"); do
  without=$(run_once "without-$i")
  with=$(run_once "with-$i" --dashboard --dashboard-port 0)
  served=$(grep -oE 'dashboard: [0-9]+ page connections?[^;]*' "$work/with-$i.stdout" || true)
  echo "pair $i: without ${without} requests ($((without / secs)) req/s), with the page open ${with} ($((with / secs)) req/s): ratio $(python3 -c "print(f'{$with/$without:.3f}')"); $served"
  total_without=$((total_without + without))
  total_with=$((total_with + with))
done
echo "all pairs: ratio with/without $(python3 -c "print(f'{$total_with/$total_without:.3f}')") (bar: > 0.97)"
