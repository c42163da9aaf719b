#!/usr/bin/env bash
# Rebuilds the dashboard's committed assets (Sources/LoadForgeDashboard/Resources/dashboard)
# from web/dashboard: checks format and lint, type-checks with deno (strict), runs the pure-logic
# tests, bundles with esbuild into one IIFE (React, ReactDOM and Plotly stay UMD globals), copies
# the static files.
# Works offline; no Node or npm. At run time LoadForge needs none of these tools.
#
#   scripts/build-dashboard.sh          rebuild the committed assets in place
#   scripts/build-dashboard.sh --check  build into a temp dir and compare byte for byte (CI)
#
# Needs: deno 2.9.8 (pip install deno==2.9.8) and esbuild (apt-get install esbuild; 0.17.0 on
# Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."

web=web/dashboard
out=Sources/LoadForgeDashboard/Resources/dashboard
# React 18.3.1 UMD production builds from the PyPI wheel dash-4.4.1 (dash/deps/react@18.3.1.min.js
# and react-dom@18.3.1.min.js), committed unmodified.
react_sha256=d949f1c3687aedadcedac85261865f29b17cd273997e7f6b2bfc53b2f9d4c4dd
react_dom_sha256=35f4f974f4b2bcd44da73963347f8952e341f83909e4498227d4e26b98f66f0d

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

if ! command -v deno >/dev/null 2>&1; then
  echo "error: deno not found; install it with: pip install deno==2.9.8" >&2
  exit 1
fi
if ! command -v esbuild >/dev/null 2>&1; then
  echo "error: esbuild not found; install it with: apt-get install -y esbuild" >&2
  exit 1
fi
echo "deno $(deno --version | head -n 1 | cut -d' ' -f2), esbuild $(esbuild --version)"
# The committed app.js comes from Debian 12's esbuild; another version may minify differently.
if [ "$(esbuild --version)" != "0.17.0" ]; then
  echo "warning: the committed app.js was built with esbuild 0.17.0 (Debian 12); this is $(esbuild --version)" >&2
fi

# deno's cache stays inside the repo (gitignored) and it never looks for updates: offline.
export DENO_DIR="$PWD/$web/.deno"
export DENO_NO_UPDATE_CHECK=1
export NO_COLOR=1

echo "== deno fmt --check, deno lint (web/dashboard/deno.json)"
(cd "$web" && deno fmt --check --quiet && deno lint --quiet)
echo "== deno check"
(cd "$web" && deno check src/main.tsx test/*.test.ts)
echo "== deno test"
(cd "$web" && deno test --quiet --no-prompt --reporter=dot test/)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== esbuild"
esbuild "$web/src/main.tsx" --bundle --format=iife --target=es2020 --minify --log-level=warning \
  --jsx-factory=React.createElement --jsx-fragment=React.Fragment --outfile="$tmp/app.js"
cp "$web/index.html" "$web/app.css" "$tmp/"
cat "$web/licenses/REACT-LICENSE" > "$tmp/LICENSES.txt"
printf '\n\n' >> "$tmp/LICENSES.txt"
cat Sources/LoadForgeReport/Resources/PLOTLY-LICENSE >> "$tmp/LICENSES.txt"

generated=(index.html app.css app.js LICENSES.txt)
sha_ok() { [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

if $check; then
  stale=false
  for f in "${generated[@]}"; do
    if ! cmp -s "$tmp/$f" "$out/$f"; then
      echo "differs: $out/$f" >&2
      stale=true
    fi
  done
  sha_ok "$out/react.production.min.js" "$react_sha256" || { echo "differs: $out/react.production.min.js (sha256)" >&2; stale=true; }
  sha_ok "$out/react-dom.production.min.js" "$react_dom_sha256" || { echo "differs: $out/react-dom.production.min.js (sha256)" >&2; stale=true; }
  # Anything else there would be served by nobody (the server's list is fixed) or is left over.
  for f in "$out"/*; do
    case "$(basename "$f")" in
      index.html | app.css | app.js | LICENSES.txt | react.production.min.js | react-dom.production.min.js) ;;
      *) echo "unexpected file: $f" >&2; stale=true ;;
    esac
  done
  if $stale; then
    echo "stale: run scripts/build-dashboard.sh" >&2
    exit 1
  fi
  echo "dashboard assets are up to date"
else
  for f in "${generated[@]}"; do cp "$tmp/$f" "$out/$f"; done
  for pair in "react.production.min.js:$react_sha256" "react-dom.production.min.js:$react_dom_sha256"; do
    sha_ok "$out/${pair%%:*}" "${pair#*:}" || {
      echo "error: $out/${pair%%:*} is not React 18.3.1 from dash 4.4.1 (sha256 mismatch)" >&2
      exit 1
    }
  done
  echo "wrote $out: ${generated[*]}"
fi
