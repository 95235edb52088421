#!/usr/bin/env bash
# Shared set-up of scripts/run.sh and scripts/test.sh: installs the Debian packages listed in
# scripts/debian-packages.txt that are missing, then configures and builds incrementally.
# Preset: $WPM_PRESET, else "ci" when $CI is true (warnings are errors), else "dev".
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo_root"

install_missing_packages() {
    local wanted missing=() package
    wanted=$(sed -e 's/#.*//' scripts/debian-packages.txt | awk 'NF { print $1 }')
    for package in $wanted; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    echo "setup: installing missing Debian packages: ${missing[*]}"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { echo "setup: not root and sudo is missing; install: ${missing[*]}" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

preset=${WPM_PRESET:-}
if [ -z "$preset" ]; then
    if [ "${CI:-}" = true ]; then preset=ci; else preset=dev; fi
fi
export WPM_PRESET=$preset

install_missing_packages
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"
