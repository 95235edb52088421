#!/bin/sh
# A command notifier target: writes its arguments, the WPM_REPORT_* variables and its standard input to
# $OUT_DIR, then behaves as $BEHAVIOUR says: ok, fail (exit 3 with a message) or hang (sleep, to be killed).
set -eu
echo $$ > "$OUT_DIR/pid"
for argument in "$@"; do printf '%s\n' "$argument"; done > "$OUT_DIR/arguments"
env | grep '^WPM_REPORT_' | sort > "$OUT_DIR/environment"
cat > "$OUT_DIR/stdin"
case "${BEHAVIOUR:-ok}" in
fail) echo "ticket system unreachable" >&2; exit 3 ;;
hang) exec sleep 60 ;;
esac
