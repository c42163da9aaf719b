#!/usr/bin/env bash
# Installs the Debian packages LoadForge needs to build, run its examples and run its tests:
# nginx (example and test target), libyaml-dev (YAML configs, system-library target) and
# libcurl4-openssl-dev (HTTPS through libcurl: the next engine issue; not linked yet).
# Uses sudo only when not already root.
set -euo pipefail
packages=(nginx libyaml-dev libcurl4-openssl-dev)
run() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if dpkg -s "${packages[@]}" >/dev/null 2>&1; then
  echo "already installed: ${packages[*]}"
  exit 0
fi
run apt-get update -qq
run env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
