#!/usr/bin/env bash
# What the live dashboard costs the load: the same flat-out run against the same local nginx,
# without the dashboard and with it open in headless Chromium (the browser test's script in
# --watch-only mode), alternated, in one sitting.
# Chromium is started before each run with the page (the browser's start-up is not the
# dashboard's cost), and opens the page as soon as the run's dashboard answers.
# Usage: Benchmarks/dashboard-overhead.sh [SECONDS] [PAIRS]   (default 60 s, 1 pair)
# Environment: LOADFORGE_BIN (default .build/release/loadforge), PORT (default 18081),
# USERS (default 20), THREADS (default 2: --workers), NGINX_WORKERS (default 2).
# Prints each run's requests and RPS, then the ratio with/without per pair and over all pairs
# (the issue's bar: the dashboard loses < 3 %, i.e. ratio > 0.97), with the per-pair ratios'
# mean and standard error (single pairs vary by several percent on a shared 2-core machine).
# Needs a release build, nginx,
# chromium and playwright (scripts/install-deps.sh, pip install playwright). 127.0.0.1 only.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
pairs=${2:-1}
port=${PORT:-18081}
users=${USERS:-20}
threads=${THREADS:-2}
nginx_workers=${NGINX_WORKERS:-2}
bin=${LOADFORGE_BIN:-$here/.build/release/loadforge}
[ -x "$bin" ] || { echo "no binary at $bin (swift build -c release, or set LOADFORGE_BIN)" >&2; exit 1; }
work=$(mktemp -d)
trap 'PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" stop >/dev/null; rm -rf "$work"' EXIT
chmod 755 "$work"
# No access log: ~70 k lines a second written to disk would add their writeback's noise.
# Two nginx workers: the highest RPS this machine reaches (20 VUs: 87 k and 83 k req/s against
# 78 k and 76 k with one worker, alternated); with one, its worker's core is the bottleneck.
ACCESS_LOG=off NGINX_WORKERS=$nginx_workers PORT=$port LOADFORGE_NGINX_DIR=$work/nginx "$here/scripts/example-nginx.sh" start >/dev/null

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
run_once() { # $1: label, $2: "page" to open the dashboard in Chromium
  local label=$1 out="$work/$1" watcher=""
  rm -rf "$out"
  local flags=()
  if [ "${2:-}" = page ]; then
    # Chromium starts before the run (a user's browser is already open) and opens the page as
    # soon as the run's dashboard answers: the page's loading and drawing count, the browser's
    # own start-up does not.
    local dport
    dport=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
    flags=(--dashboard --dashboard-port "$dport")
    python3 "$here/Tests/IntegrationTests/browser/check_dashboard.py" "http://127.0.0.1:$dport/" "$work/shots" \
      --watch-only --wait-for-server > "$work/$label.browser.json" 2> "$work/$label.browser.err" &
    watcher=$!
    for _ in $(seq 600); do
      grep -q '^ready$' "$work/$label.browser.err" 2>/dev/null && break
      kill -0 "$watcher" 2>/dev/null || break
      sleep 0.1
    done
    grep -q '^ready$' "$work/$label.browser.err" || { echo "the browser did not start: $(cat "$work/$label.browser.err")" >&2; exit 1; }
  fi
  "$bin" run "$work/bench.toml" --output "$out" --workers "$threads" --format json "${flags[@]}" > "$work/$label.stdout" 2>&1
  if [ -n "$watcher" ]; then
    wait "$watcher" || echo "note: the page reported console messages: $work/$label.browser.json" >&2
  fi
  python3 -c "import json,glob; s=json.load(open(glob.glob('$out/*/summary.json')[0])); print(s['requests']['total'])"
}

total_without=0
total_with=0
ratios=""
for i in $(seq "$pairs"); do
  # ABBA: odd pairs run without the page first, even pairs with it first, so a drift in the
  # machine's load over the sitting weighs on both sides alike.
  if [ $((i % 2)) = 1 ]; then
    without=$(run_once "without-$i")
    with=$(run_once "with-$i" page)
  else
    with=$(run_once "with-$i" page)
    without=$(run_once "without-$i")
  fi
  served=$(grep -oE 'dashboard: [0-9]+ page connections?[^;]*' "$work/with-$i.stdout" || true)
  ratio=$(python3 -c "print(f'{$with/$without:.3f}')")
  page_cpu=$(python3 -c "import json; c=json.load(open('$work/with-$i.browser.json')).get('cpu_s'); print(f\"browser CPU {c['total']} s over {c['seconds']} s, {c['opening']} s of it opening the page\" if c else 'browser CPU unknown')" 2>/dev/null || echo "browser CPU unknown")
  ratios="$ratios $ratio"
  echo "pair $i: without ${without} requests ($((without / secs)) req/s), with the page open ${with} ($((with / secs)) req/s): ratio $ratio; $served; $page_cpu"
  total_without=$((total_without + without))
  total_with=$((total_with + with))
done
python3 - "$total_with" "$total_without" $ratios <<'PY'
import statistics, sys
with_, without = int(sys.argv[1]), int(sys.argv[2])
ratios = [float(r) for r in sys.argv[3:]]
line = f"all pairs: requests with/without {with_}/{without} = {with_ / without:.3f} (bar: > 0.97)"
if len(ratios) > 1:
    mean = statistics.mean(ratios)
    se = statistics.stdev(ratios) / len(ratios) ** 0.5
    line += f"; per-pair ratios mean {mean:.3f}, standard error {se:.3f} (n={len(ratios)})"
print(line)
PY
