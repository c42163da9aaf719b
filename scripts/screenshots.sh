#!/usr/bin/env bash
# Makes README's pictures from a real run of examples/quickstart.toml:
#   docs/terminal.txt  the terminal at the end of the run (tmux, 120×40, capture-pane)
#   docs/report.png    the top of that run's report.html (headless Chromium, 1280×1600)
# Usage: scripts/screenshots.sh [LOADFORGE_BINARY]   (default .build/release/loadforge)
# Needs tmux and chromium (apt-get install -y tmux chromium). The target is the built-in demo
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
  tmux kill-session -t "$session" 2>/dev/null || true
  LOADFORGE_NGINX_DIR="$nginx_dir" "$here/scripts/example-nginx.sh" stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

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
echo "wrote docs/terminal.txt ($(wc -l < "$here/docs/terminal.txt") lines) and docs/report.png"
