#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test through CTest, headless.
# Extra arguments go to ctest, e.g. scripts/test.sh -R tst_urlfilter
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
ctest --preset "$WPM_PRESET" "$@"
