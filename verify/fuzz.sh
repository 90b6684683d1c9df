#!/bin/sh
# verify/fuzz.sh [SECONDS] [TARGET...] - runs each cargo-fuzz target of fuzz/
# for SECONDS (default 20) with libFuzzer, AddressSanitizer and debug
# assertions; any crash, assertion, leak or hang (-timeout) fails.
#
# For long campaigns run a single target directly, e.g. for 4 hours on 2 cores:
#   cd fuzz && cargo +nightly fuzz run password -- -max_total_time=14400 -timeout=10 -jobs=2 -workers=2
# (cargo install cargo-fuzz once; the corpus grows in fuzz/corpus/TARGET,
# crashes land in fuzz/artifacts/TARGET; reproduce with
# cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-...).
# Exit status 0 pass, 1 fail, 77 when cargo-fuzz or nightly is missing.
set -u
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/.." && pwd)
secs=${1:-20}
[ $# -gt 0 ] && shift
targets=${*:-compare encoders decoders randbelow randrange token_chars password passphrase}

cargo +nightly --version >/dev/null 2>&1 || { echo "SKIP: no nightly Rust toolchain"; exit 77; }
cargo +nightly fuzz --version >/dev/null 2>&1 || { echo "SKIP: cargo-fuzz is not installed (cargo install cargo-fuzz)"; exit 77; }

# a target needs its functions in the header (docs/reference.md sections 5-6 land later)
needs() {
    case $1 in
        randrange) echo secrets_randrange ;;
        token_chars) echo secrets_token_chars ;;
        password) echo secrets_password_entropy ;;
        passphrase) echo secrets_passphrase ;;
        decoders) echo secrets_base64url_decode ;;
        *) echo secrets_compare_digest ;;
    esac
}

failed=0
for t in $targets; do
    sym=$(needs "$t")
    if ! grep -q "$sym(" "$root/include/secrets.h"; then
        echo "SKIP fuzz $t: $sym is not in secrets.h yet"
        continue
    fi
    mkdir -p "$root/fuzz/corpus/$t"
    start=$(date +%s)
    log=$(mktemp)
    # SECRETS_HEADER_CHECK_ONLY: building the library as a dependency must not rewrite include/secrets.h
    if (cd "$root/fuzz" && SECRETS_HEADER_CHECK_ONLY=1 cargo +nightly fuzz run "$t" -- \
            -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
        echo "ok   fuzz $t: ${runs:-?} runs in $(($(date +%s) - start)) s (build included)"
    else
        echo "FAIL fuzz $t:"
        grep -v '^#[0-9]' "$log" | tail -40
        failed=$((failed + 1))
    fi
    rm -f "$log"
done
[ "$failed" -eq 0 ] || exit 1
