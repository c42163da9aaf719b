#!/usr/bin/env bash
# Makes README's pictures from a real run of examples/quickstart.toml:
#   docs/terminal.txt  the terminal at the end of the run (tmux, 120×40, capture-pane)
#   docs/report.png    the top of that run's report.html (headless Chromium, 1280×1600)
#   docs/dashboard.png the same run in the web dashboard (`loadforge dashboard RUN_DIR`, the page
#                      `run --dashboard` shows live; Chromium driven by Playwright, 1280 wide)
# Usage: scripts/screenshots.sh [LOADFORGE_BINARY]   (default .build/release/loadforge)
# Needs tmux and chromium (apt-get install -y tmux chromium) and playwright (pip install playwright). The target is the built-in demo
# target when the binary has `run --demo`, otherwise the example nginx on a free port.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "${1:-$here/.build/release/loadforge}")
[ -x "$bin" ] || { echo "no LoadForge binary at $bin: swift build -c release first" >&2; exit 1; }
for tool in tmux chromium; do
  command -v "$tool" >/dev/null || { echo "$tool not found: apt-get install -y $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/loadforge-screenshots.XXXXXX)
session="loadforge-screenshots-$$"
nginx_dir="$work/nginx"
cleanup() {
  [ -z "${dashboard_pid:-}" ] || kill -INT "$dashboard_pid" 2>/dev/null || true
  tmux kill-session -t "$session" 2>/dev/null || true
  LOADFORGE_NGINX_DIR="$nginx_dir" "$here/scripts/example-nginx.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
dashboard_pid=""

config="$here/examples/quickstart.toml"
if "$bin" run --help 2>&1 | grep -q -- '--demo'; then
  target=(--demo)
else
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PORT=$port LOADFORGE_NGINX_DIR="$nginx_dir" "$here/scripts/example-nginx.sh" start >/dev/null
  target=(--env "BASE_URL=http://127.0.0.1:$port")
fi

# Run from $work so the results path in the capture reads ./loadforge-results/…, as for a user.
mkdir -p "$work/run/examples"
cd "$work/run"
cp "$config" examples/quickstart.toml
cmd="$(printf '%q ' "$bin" run examples/quickstart.toml "${target[@]}")"
tmux new-session -d -s "$session" -x 120 -y 40 \
  "cd $(printf '%q' "$work/run") && $cmd; tmux wait-for -S $session-done; sleep 600"
tmux wait-for "$session-done"
# The whole output (scrollback included), trailing blank lines dropped, after the command line
# (written here: tmux ran the command directly, without a shell prompt).
{
  echo "\$ loadforge run examples/quickstart.toml ${target[*]}"
  tmux capture-pane -p -t "$session" -S - -E - | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
} | sed "s#$work/run/#./#g" > "$here/docs/terminal.txt"

report=$(ls -d "$work"/run/loadforge-results/*/report.html | tail -n 1)
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/chrome" \
  --window-size=1280,1600 --virtual-time-budget=10000 \
  --screenshot="$here/docs/report.png" "file://$report" 2>/dev/null

"$bin" dashboard "$(dirname "$report")" --port 0 > "$work/dashboard.out" 2>&1 &
dashboard_pid=$!
url=""
for _ in $(seq 100); do
  url=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/' "$work/dashboard.out" | head -n 1 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "loadforge dashboard printed no URL: $(cat "$work/dashboard.out")" >&2; exit 1; }
python3 - "$url" "$here/docs/dashboard.png" <<'PY'
import sys
from playwright.sync_api import sync_playwright
url, path = sys.argv[1], sys.argv[2]
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(url)
    page.wait_for_selector('[data-testid="connection-status"][data-status="replay"]', timeout=15000)
    page.wait_for_timeout(1500)
    page.screenshot(path=path, full_page=True)
    browser.close()
PY
kill -INT "$dashboard_pid"
wait "$dashboard_pid" || true
dashboard_pid=""
echo "wrote docs/terminal.txt ($(wc -l < "$here/docs/terminal.txt") lines), docs/report.png and docs/dashboard.png"
