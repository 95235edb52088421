#!/usr/bin/env bash
# Installs what is missing, builds, and starts web-perfmonitor with the given arguments.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

binary_dir=build
[ "$WPM_PRESET" = asan ] && binary_dir=build-asan
executable="$repo_root/$binary_dir/bin/web-perfmonitor"

demo_server="$repo_root/resources/demo/demo_server.py"

# With no display and no arguments: record the demo server headless, send it one round of traffic
# through the proxy, and say where the reports are.
run_demo_headless() {
    local logs="${WPM_DEMO_LOG_PATH:-${TMPDIR:-/tmp}/web-perfmonitor-demo}"
    local console
    console="$(mktemp)"
    mkdir -p "$logs"
    echo "run: no display is available, so the workbench window cannot open; recording the demo server"
    echo "run: headless instead (web-perfmonitor record). Reports go to $logs."
    "$executable" record --threshold-seconds 0.5 --log-path "$logs" --duration 120 -- python3 "$demo_server" \
        >"$console" 2>&1 &
    local recorder=$!
    local address=""
    for _ in $(seq 150); do
        address="$(grep -o 'send requests to http://[^ ]*' "$console" | head -n 1 | sed 's/.*http:\/\///' || true)"
        [ -n "$address" ] && break
        kill -0 "$recorder" 2>/dev/null || break
        sleep 0.2
    done
    if [ -z "$address" ]; then
        cat "$console"
        echo "run: the demo did not start recording (see above)." >&2
        kill -INT "$recorder" 2>/dev/null || true
        wait "$recorder" || true
        rm -f "$console"
        exit 1
    fi
    python3 "$demo_server" --send-traffic "http://$address" | sed 's/^/run: demo request /'
    sleep 1 # the last slow request's report is cut out once its samples are in
    kill -INT "$recorder"
    wait "$recorder" || true
    cat "$console"
    rm -f "$console"
    echo "run: reports of the slow requests (open the .html files in a browser):"
    ls -1t "$logs"/*.html 2>/dev/null | head -n 3 | sed 's/^/       /'
    echo "run: for the window, try: xvfb-run scripts/run.sh"
}

if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    run_demo_headless
    exit 0
fi
# With no arguments the workbench opens with the demo server launched and ready for traffic.
[ $# -eq 0 ] && set -- --demo
exec "$executable" "$@"
