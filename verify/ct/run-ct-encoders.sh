#!/bin/sh
# run-ct-encoders.sh - builds verify/ct-encoders (release, same code
# generation as libsecrets) and runs it under valgrind memcheck: the token
# encoders with their random input marked undefined, then the self-test (a
# table-lookup and a branchy encoder must be flagged).
# Exit status 0 pass, 1 fail, 77 valgrind missing.
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 77; }
cargo=${CARGO:-cargo}
tdir=${VERIFY_TARGET_DIR:-$root/target/verify-ct}   # ctest: inside the build tree
# SECRETS_HEADER_CHECK_ONLY: building the library as a dependency must not rewrite include/secrets.h
(cd "$root/verify/ct-encoders" && SECRETS_HEADER_CHECK_ONLY=1 CARGO_TARGET_DIR="$tdir" "$cargo" build --release --quiet) || {
    echo "FAIL: cannot build verify/ct-encoders"
    exit 1
}
bin=$tdir/release/ct-encoders
status=0
valgrind --quiet --error-exitcode=99 "$bin" || status=1
valgrind --quiet "$bin" --self-test 2>/dev/null || status=1
exit $status
