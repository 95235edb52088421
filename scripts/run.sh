#!/usr/bin/env bash
# Installs what is missing, builds, and starts web-perfmonitor with the given arguments.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

binary_dir=build
[ "$WPM_PRESET" = asan ] && binary_dir=build-asan
executable="$repo_root/$binary_dir/bin/web-perfmonitor"

if [ $# -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "run: no display is available, so the workbench window cannot open."
    echo "run: the headless demo is not part of this build yet; meanwhile try:"
    echo "       scripts/run.sh --help          (every command and option)"
    echo "       scripts/run.sh config show     (the configuration in effect)"
    echo "       xvfb-run scripts/run.sh        (the window on a virtual display)"
    exit 2
fi
exec "$executable" "$@"
