#!/bin/sh
# verify/run-all.sh - the whole verification suite of libsecrets, in one command.
#
#   verify/run-all.sh                  everything (about 20 minutes on 2 cores once
#                                      the Rust builds are cached; the first run
#                                      adds about 10 minutes of builds)
#   verify/run-all.sh --fast           only the ctest part (about 15 seconds)
#   VERIFY_FUZZ_SECONDS=600 verify/run-all.sh   fuzz each target longer
#
# Steps (each reports ok/FAIL/SKIP; the exit status is 1 if any step failed):
#   1. cargo build --release, then the fast checks through ctest
#      (ctest -R verify: constant time, fork/threads/signals, failure
#      injection, bias, panic boundary, memcheck of the contract core);
#   2. valgrind memcheck: every c-tests program and the whole contract suite;
#   3. AddressSanitizer + UBSan: the same, with an ASan-built libsecrets;
#   4. fuzzing: every cargo-fuzz target for VERIFY_FUZZ_SECONDS (default 20);
#   5. Miri: cargo +nightly miri test on the modules with unsafe code, and
#      verify/miri-ffi (the C exports called from Rust, several threads);
#      skipped where Miri is not installed; VERIFY_MIRI_SECONDS caps each run;
#   6. dudect: Welch's t-test of timings, fixed against random inputs, for
#      compare_digest(_str), the token encoders (and equal and the decoders
#      where declared); |t| > 4.5 fails; DUDECT_MEASUREMENTS (2,000,000);
#   7. soak: every family from two threads, VERIFY_SOAK_SECONDS (600); memory,
#      descriptors and mappings flat, no token repeated.
# Build folders: build-verify/ (CMake), target/verify-*, target/miri and fuzz/target (cargo).
set -u
LC_ALL=C
export LC_ALL
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/.." && pwd)
fast=0
[ "${1:-}" = --fast ] && fast=1
build=${VERIFY_BUILD_DIR:-$root/build-verify}
jobs=${VERIFY_JOBS:-2}
results=
failed=0

step() { # step NAME COMMAND...: runs it, records ok / FAIL / SKIP (77)
    name=$1
    shift
    echo
    echo "==== $name"
    start=$(date +%s)
    "$@"
    rc=$?
    secs=$(($(date +%s) - start))
    case $rc in
        0) verdict=ok ;;
        77) verdict=SKIP ;;
        *) verdict=FAIL; failed=$((failed + 1)) ;;
    esac
    results="$results
$(printf '%-5s %-44s %5s s' "$verdict" "$name" "$secs")"
}

ctest_part() {
    (cd "$root" && cargo build --release --quiet) || return 1
    cmake -S "$root" -B "$build" >/dev/null || return 1
    cmake --build "$build" -j "$jobs" --target verify_all >/dev/null || { cmake --build "$build" -j 1 --target verify_all; return 1; }
    ctest --test-dir "$build" -R verify --output-on-failure
}

fuzz_part() {
    sh "$here/fuzz.sh" "${VERIFY_FUZZ_SECONDS:-20}"
}

# Miri: the library's unit tests of the modules with unsafe code, pointers
# and per-call buffers (the ABI helpers, the entropy pool, the vDSO fallback,
# encoders, samplers, alphabets, passphrases, UUIDs), under Miri's checks for
# undefined behaviour, data races and leaks.  Left to native `cargo test`:
# the statistical modules (distributions, password, systemrandom) and the
# exhaustive arithmetic tests below -- safe code that would take hours in the
# interpreter.  The vDSO cannot be called from Miri: LIBSECRETS_NO_VDSO=1.
MIRI_MODULES="ffi:: entropy:: compare:: error:: vdso:: alphabet:: passphrase:: sample:: token:: uuid::"
MIRI_SKIP="in_place_encoding_matches_reference_crates_for_all_lengths lemire_is_exact_for_16_bit_bounds
lemire_is_exact_for_every_8_bit_bound below_be_is_exact_for_small_bounds ct_less_agrees_with_ordering
uuid7_strictly_increasing_across_threads
large_requests_are_complete_and_threads_get_their_own_state"
# (the last one fails whenever the vDSO is unavailable: reported, see verify/README.md)

miri_part() {
    if ! cargo +nightly miri --version >/dev/null 2>&1; then
        echo "SKIP: Miri is not installed (rustup +nightly component add miri rust-src)"
        return 77
    fi
    skips=
    for t in $MIRI_SKIP; do skips="$skips --skip $t"; done
    # shellcheck disable=SC2086
    # -Zmiri-deterministic-floats: Miri otherwise perturbs log2() & co. the way
    # an imprecise libm may, and sample.rs's pool-size test expects an exact
    # log2(0.5) (reported; the pool size only, never a drawn value, depends on it)
    flags=${MIRIFLAGS:--Zmiri-disable-isolation -Zmiri-deterministic-floats}
    (cd "$root" && LIBSECRETS_NO_VDSO=1 MIRIFLAGS="$flags" \
        timeout "${VERIFY_MIRI_SECONDS:-1800}" cargo +nightly miri test --lib -- $MIRI_MODULES $skips) || return 1
    # the exported C functions themselves, called from Rust (verify/miri-ffi):
    # raw-pointer handling, unaligned caller buffers, several threads at once
    (cd "$here/miri-ffi" && SECRETS_HEADER_CHECK_ONLY=1 CARGO_TARGET_DIR="$root/target/verify-miri" \
        LIBSECRETS_NO_VDSO=1 MIRIFLAGS="$flags" timeout "${VERIFY_MIRI_SECONDS:-1800}" cargo +nightly miri test)
}

step "ctest -R verify (fast checks)" ctest_part
if [ "$fast" = 0 ]; then
    step "valgrind: c-tests + contract suite" sh "$here/memsafety/valgrind.sh" all
    step "asan+ubsan: c-tests + contract suite" sh "$here/memsafety/asan.sh" all
    step "fuzz: every target ${VERIFY_FUZZ_SECONDS:-20} s" fuzz_part
    step "miri: cargo +nightly miri test" miri_part
    step "dudect: timing leakage, max |t| per function" sh "$here/timing/run-dudect.sh" "$build"
    step "soak: two threads, ${VERIFY_SOAK_SECONDS:-600} s" "$build/verify/verify_soak" "${VERIFY_SOAK_SECONDS:-600}"
fi

echo
echo "==== summary"
echo "$results" | sed 1d
if [ "$failed" -ne 0 ]; then
    echo "run-all: $failed step(s) failed"
    exit 1
fi
echo "run-all: passed"
