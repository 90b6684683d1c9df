#!/bin/sh
# asan.sh [all|ctests|contract] - the C test suite (c-tests/test_*.c) and the
# contract suite built with AddressSanitizer + UndefinedBehaviorSanitizer
# (clang), against libsecrets built with
#     RUSTFLAGS=-Zsanitizer=address cargo +nightly build --target x86_64-unknown-linux-gnu
# in its own target directory (target/verify-asan; a debug build, so Rust's
# overflow checks and debug assertions are on as well).  Any report fails.
# The contract suite runs on both entropy backends (vDSO and system call).
# Exit status 0 clean, 1 failures, 77 when nightly Rust or clang is missing.
set -u
LC_ALL=C
export LC_ALL
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
what=${1:-all}
contract=${CONTRACT_DIR:-}    # an external suite, not part of this repository
triple=x86_64-unknown-linux-gnu
tdir=$root/target/verify-asan
lib=$tdir/$triple/debug

command -v clang >/dev/null 2>&1 || { echo "SKIP: clang is not installed"; exit 77; }
cargo +nightly --version >/dev/null 2>&1 || { echo "SKIP: no nightly Rust toolchain (rustup toolchain install nightly)"; exit 77; }
[ "$(uname -m)" = x86_64 ] || { echo "SKIP: this script builds for $triple"; exit 77; }

echo "asan: building libsecrets with -Zsanitizer=address into $tdir"
# SECRETS_HEADER_CHECK_ONLY: this build must not rewrite include/secrets.h
if ! (cd "$root" && RUSTFLAGS="-Zsanitizer=address -Cforce-frame-pointers=yes" SECRETS_HEADER_CHECK_ONLY=1 \
        cargo +nightly build --quiet --target "$triple" --target-dir "$tdir"); then
    echo "FAIL: the sanitized build of libsecrets failed"
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/verify-asan.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g"
ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:detect_stack_use_after_return=1:strict_string_checks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
failed=0

run_ctests() {
    for src in "$root"/c-tests/test_*.c; do
        name=$(basename "$src" .c)
        # shellcheck disable=SC2086
        if ! clang -std=c11 -O1 $san -Wall -Wextra -Werror -DNDEBUG -D_GNU_SOURCE -I"$root/include" -I"$root/c-tests" \
                "$src" -L"$lib" -lsecrets -Wl,-rpath,"$lib" -lpthread -lm -o "$tmp/$name" 2>"$tmp/$name.cc"; then
            echo "FAIL $name: does not build"; sed 5q "$tmp/$name.cc"; failed=$((failed + 1)); continue
        fi
        if "$tmp/$name" >"$tmp/$name.out" 2>&1; then
            echo "ok   asan+ubsan $name: $(tail -1 "$tmp/$name.out")"
        else
            echo "FAIL asan+ubsan $name (exit $?):"; sed 60q "$tmp/$name.out"; failed=$((failed + 1))
        fi
    done
}

# run_contract [BACKEND]: the whole contract suite; BACKEND "syscall" sets
# LIBSECRETS_NO_VDSO=1 (valgrind never sees the vDSO backend, so ASan runs both)
run_contract() {
    [ -f "$contract/run.sh" ] || { echo "SKIP contract suite: no $contract/run.sh"; return; }
    backend=${1:-default}
    if (cd "$root" && if [ "$backend" = syscall ]; then LIBSECRETS_NO_VDSO=1; export LIBSECRETS_NO_VDSO; fi &&
            CC=clang CONTRACT_CFLAGS="$san" CONTRACT_LDFLAGS="$san" LIBSECRETS_DIR="$lib" \
            CONTRACT_TIMEOUT=300 sh "$contract/run.sh" "$root") >"$tmp/contract.out" 2>&1; then
        echo "ok   asan+ubsan contract suite ($backend backend): $(tail -1 "$tmp/contract.out")"
    else
        echo "FAIL asan+ubsan contract suite ($backend backend):"; grep -v '^ok' "$tmp/contract.out" | sed 80q
        failed=$((failed + 1))
    fi
}

# the test of the test: a bad read inside the Rust code must be caught
self_test() {
    # shellcheck disable=SC2086
    clang -std=c11 -g $san -I"$root/include" "$here/asan_selftest.c" -L"$lib" -lsecrets -Wl,-rpath,"$lib" \
        -o "$tmp/asan_selftest" || { echo "FAIL: asan_selftest does not build"; failed=$((failed + 1)); return; }
    if "$tmp/asan_selftest" >"$tmp/selftest.out" 2>&1; then
        echo "FAIL asan self-test: an out-of-bounds read inside libsecrets went unnoticed"; failed=$((failed + 1))
    elif grep -q "heap-buffer-overflow" "$tmp/selftest.out" && grep -q "compare_digest" "$tmp/selftest.out"; then
        echo "ok   asan self-test: an out-of-bounds read inside the Rust code is reported"
    else
        echo "FAIL asan self-test: unexpected output:"; sed 20q "$tmp/selftest.out"; failed=$((failed + 1))
    fi
}

case $what in
    ctests) self_test; run_ctests ;;
    contract) run_contract; run_contract syscall ;;
    all) self_test; run_ctests; run_contract; run_contract syscall ;;
    *) echo "usage: $0 [all|ctests|contract]"; exit 2 ;;
esac
[ "$failed" -eq 0 ] || { echo "asan: $failed failure(s)"; exit 1; }
echo "asan+ubsan: clean"
