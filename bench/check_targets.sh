#!/bin/sh
# Checks the performance targets on the `name value` lines that
# `secrets_bench -o FILE` wrote.  Prints one line per target and exits 1 if
# any target is missed (2 if the file is unreadable).  A target whose figure
# is absent (its peer was not built in) is reported as skipped.
#
#     sh bench/check_targets.sh build/bench/bench_results.txt
set -u
file=${1:?usage: check_targets.sh RESULTS_FILE}
[ -r "$file" ] || { echo "cannot read $file" >&2; exit 2; }

awk '
BEGIN {
    # name, comparison, bound, what it means
    n = 0
    t[++n] = "ratio.bytes16_over_vdso <= 1.2 token_bytes(16) vs one raw vDSO call"
    t[++n] = "ratio.bytes1m_over_openssl <= 1.0 token_bytes(1 MiB) vs OpenSSL RAND_bytes"
    t[++n] = "speedup.bytes1m_over_syscall >= 5 token_bytes(1 MiB) vs one getrandom(2) of 1 MiB"
    t[++n] = "scaling.bytes1m_two_threads >= 1.8 1 MiB from two threads vs one (throughput)"
    t[++n] = "speedup.password16_over_sodium >= 20 16-char password vs randombytes_uniform loop"
    t[++n] = "ratio.password16_mins_over_plain <= 2 16-char password with 1 lower/upper/digit vs none"
    t[++n] = "extra_ns.hex32_over_bytes32 <= 15 token_hex(32) minus token_bytes(32), ns"
    t[++n] = "extra_ns.urlsafe32_over_bytes32 <= 15 token_urlsafe(32) minus token_bytes(32), ns"
    t[++n] = "extra_ns.uuid4_over_bytes16 <= 15 uuid4 minus token_bytes(16), ns"
    t[++n] = "ratio.below62_over_vdso8 <= 1.5 randbelow_u64(62) vs raw vDSO of 8 bytes"
    t[++n] = "ratio.compare32_over_crypto_memcmp <= 1.5 compare_digest(32) vs CRYPTO_memcmp"
}
{ v[$1] = $2 }
END {
    fail = 0; pass = 0; skip = 0
    for (i = 1; i <= n; i++) {
        split(t[i], f, " ")
        name = f[1]; op = f[2]; bound = f[3] + 0
        what = t[i]; sub(/^[^ ]+ [^ ]+ [^ ]+ /, "", what)
        if (!(name in v)) { printf "SKIP  %-36s %s (no figure)\n", name, what; skip++; continue }
        x = v[name] + 0
        ok = (op == "<=") ? (x <= bound) : (x >= bound)
        printf "%s  %-36s %9.2f %s %-5s %s\n", ok ? "PASS" : "FAIL", name, x, op, f[3], what
        if (ok) pass++; else fail++
    }
    printf "%d passed, %d failed, %d skipped\n", pass, fail, skip
    exit fail ? 1 : 0
}' "$file"
