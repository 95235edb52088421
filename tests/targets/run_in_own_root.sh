#!/bin/sh
# run_in_own_root.sh PROGRAM [ARGS...]: runs PROGRAM the way a container does, in a mount namespace of its own whose
# root is a tmpfs holding a copy of PROGRAM (as /opt/app/<name>) and of the libraries it loads. The files exist only
# in that namespace, and the process's /proc/PID/maps names them relative to its root: "/opt/app/<name>",
# "/lib/x86_64-linux-gnu/libc.so.6" (another file than the host's of that name). Needs root (CAP_SYS_ADMIN); prints
# "run_in_own_root: <reason>" and exits 77 when the namespace cannot be made.
set -eu
program=$1
shift
if ! command -v unshare > /dev/null || ! command -v pivot_root > /dev/null; then
    echo "run_in_own_root: needs unshare and pivot_root (util-linux)"
    exit 77
fi
libraries=$(ldd "$program" | grep -o '/[^ ]*' || true)
if ! unshare --mount --propagation private true 2> /dev/null; then
    echo "run_in_own_root: cannot make a mount namespace (not root?)"
    exit 77
fi
exec unshare --mount --propagation private sh -c '
    set -eu
    program=$0 libraries=$1 name=$(basename "$0")
    shift 2
    root=/mnt # hidden by the tmpfs in this namespace only: nothing is left behind outside it
    mount -t tmpfs none "$root"
    mkdir -p "$root/opt/app" "$root/.host"
    cp "$program" "$root/opt/app/"
    for file in $libraries; do mkdir -p "$root$(dirname "$file")"; cp "$file" "$root$file"; done
    cd "$root"
    pivot_root . .host # the old root stays reachable below /.host: nothing here needs it gone
    exec "/opt/app/$name" "$@"' "$program" "$libraries" "$@"
