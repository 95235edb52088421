#!/usr/bin/env bash
# Screenshots of every page of the workbench on a real X server (Xvfb, the xcb platform), in English and
# in Chinese: the GUI tests that drive the window save what they show when WPM_SCREENSHOT_DIR is set.
# tst_mainwindow_recording launches the demo server, sends it demo traffic and waits for the slow
# requests' reports (target-page, live-page, history-page); tst_settingsdialog and tst_notifiersettings
# save the settings dialog's two pages; tst_cjktext the Chinese settings dialog; tst_reportsymbolization the live
# page while a slow request's report is symbolized, and once that was cancelled.
# A third run shows the pages with a dark palette (WPM_SCREENSHOT_PALETTE=dark).
# Usage: scripts/screenshots.sh [OUTPUT_DIR]   (default: a new folder under /tmp, printed at the end)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

binary_dir=build
[ "$WPM_PRESET" = asan ] && binary_dir=build-asan
output=${1:-$(mktemp -d "${TMPDIR:-/tmp}/wpm-screenshots.XXXXXX")}
mkdir -p "$output/en" "$output/zh_CN" "$output/dark"
output=$(cd "$output" && pwd)

# One test binary under its own X server; its own failure stops the script (a screenshot of a failed
# run would show something the test did not check).
shoot() {
    local folder=$1 language=$2 palette=$3 test=$4
    echo "screenshots: $test (${language:-en}${palette:+, $palette})"
    env QT_QPA_PLATFORM=xcb QTWEBENGINE_DISABLE_SANDBOX=1 LC_ALL=C.UTF-8 \
        WPM_SCREENSHOT_DIR="$folder" WPM_SCREENSHOT_LANG="$language" WPM_SCREENSHOT_PALETTE="$palette" \
        xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
        "$repo_root/$binary_dir/bin/$test" >"$folder/$test.log" 2>&1 \
        || { tail -n 30 "$folder/$test.log" >&2; echo "screenshots: $test failed (log: $folder/$test.log)" >&2; exit 1; }
}

shoot "$output/en" "" "" tst_mainwindow_recording
shoot "$output/en" "" "" tst_settingsdialog
shoot "$output/en" "" "" tst_notifiersettings
shoot "$output/en" "" "" tst_reportsymbolization
shoot "$output/zh_CN" zh_CN "" tst_mainwindow_recording
shoot "$output/zh_CN" zh_CN "" tst_cjktext
shoot "$output/dark" "" dark tst_mainwindow_recording

echo "screenshots: saved in $output"
find "$output" -name '*.png' | sort
