#!/usr/bin/env bash
# Installs the Debian packages LoadForge needs to build, run its examples and run its tests:
# make (make install), nginx (example and test target), libyaml-dev (YAML configs, system-library target),
# libcurl4-openssl-dev (https:// through libcurl, system-library target), openssl (the HTTPS tests
# make their own CA and certificate with the openssl CLI) and util-linux (prlimit, for the
# open-file limit test) and zlib1g-dev (latency.hlog compression, system-library target) and
# chromium (the HTML report's browser test opens reports in it, driven by Playwright).
# Uses sudo only when not already root.
set -euo pipefail
packages=(make nginx libyaml-dev libcurl4-openssl-dev openssl util-linux zlib1g-dev chromium)
run() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  echo "already installed: ${packages[*]}"
  exit 0
fi
run apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
