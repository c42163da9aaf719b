#!/usr/bin/env bash
# Starts or stops the example nginx used by examples/quickstart.toml on 127.0.0.1:${PORT:-8080}.
# Usage: scripts/example-nginx.sh start|stop
# Environment: PORT, LOADFORGE_NGINX_DIR (default /tmp/loadforge-nginx), ACCESS_LOG=off,
# NGINX_WORKERS (default 1).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
prefix=${LOADFORGE_NGINX_DIR:-/tmp/loadforge-nginx}
port=${PORT:-8080}
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
case "${1:-}" in
  start)
    [ -x "$nginx_bin" ] || { echo "nginx not found: sudo apt-get install -y nginx" >&2; exit 1; }
    mkdir -p "$prefix/tmp"
    user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
    sed -e "s#@PREFIX@#$prefix#g" -e "s#@PORT@#$port#g" -e "s#@ROOT@#$here/examples/nginx/html#g" \
        -e "s#@USER@#$user_line#" -e "s#@DAEMON@#on#" \
        "$here/examples/nginx/nginx.conf.template" > "$prefix/nginx.conf"
    # ACCESS_LOG=off: no line written per request (benchmarks: at ~70 k req/s the log's disk
    # writes and their writeback add noise to what is measured).
    # NGINX_WORKERS=N: worker processes (default 1).
    sed -i "s#^worker_processes .*#worker_processes ${NGINX_WORKERS:-1};#" "$prefix/nginx.conf"
    if [ "${ACCESS_LOG:-on}" = off ]; then
      sed -i 's#^\( *\)access_log .*#\1access_log off;#' "$prefix/nginx.conf"
    fi
    "$nginx_bin" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log"
    echo "nginx serving $here/examples/nginx/html on http://127.0.0.1:$port (logs in $prefix)"
    ;;
  stop)
    if [ -f "$prefix/nginx.pid" ]; then kill "$(cat "$prefix/nginx.pid")" && echo "nginx stopped"; else echo "not running"; fi
    ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
