#!/bin/sh
# run-dudect.sh BUILD_DIR - timing leakage, measured: the dudect table.
#   BUILD_DIR/verify/verify_dudect     compare_digest, compare_digest_str (and
#                                      equal and the decoders when the header
#                                      declares them), through the exports;
#   verify/timing/dudect-encoders      the hex, base64url, base64 and base32
#                                      token encoders, each on its portable
#                                      and its vector path, at 32 and 45
#                                      bytes, through the library's token
#                                      path with a class-controlled source;
#   then the self-test (a leaky compare must be flagged).
# DUDECT_MEASUREMENTS per function (default 2,000,000).
# Exit status 0 nothing flagged and the leak caught, 1 otherwise.
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
build=${1:-$root/build-verify}
n=${DUDECT_MEASUREMENTS:-2000000}
cargo=${CARGO:-cargo}
status=0
[ -x "$build/verify/verify_dudect" ] || { echo "FAIL: $build/verify/verify_dudect is not built"; exit 1; }
(cd "$here/dudect-encoders" && SECRETS_HEADER_CHECK_ONLY=1 CARGO_TARGET_DIR="$root/target/verify-ct" \
    "$cargo" build --release --quiet) || { echo "FAIL: cannot build verify/timing/dudect-encoders"; exit 1; }
"$build/verify/verify_dudect" "$n" || status=1
"$root/target/verify-ct/release/dudect-encoders" "$n" | grep -v '^function' || status=1
"$build/verify/verify_dudect" --self-test "$n" || status=1
exit $status
