#!/bin/sh
# check_panic_boundary.sh [SRC_DIR] - no panic path from the exported surface
# around the panic boundary.
#
# Parses SRC_DIR/ffi/*.rs (default: the crate's src/) and checks that every
# `extern "C" fn` body starts by entering one of the boundary helpers of
# src/ffi/mod.rs -- boundary(, bytes_out(, text_out(, scalar_out( -- either
# directly (optionally inside `unsafe { ... }`) or through a local function of
# src/ffi whose own body does (followed up to 3 levels: token_text -> text_out).
# Nothing may run before the helper: a statement ahead of it could panic
# outside catch_unwind.  Exempt: the documented trivial, infallible exports
# (secrets_strerror, secrets_version, secrets_entropy_source,
# secrets_default_entropy, secrets_*_size, secrets_memzero).
#
# Also checks: no `extern "C" fn` is defined outside src/ffi/ (except
# internal callbacks, not exported, whose first line says "C callback,
# not exported; cannot panic": src/vdso.rs's load-time constructor and pthread
# key destructor); every one in
# src/ffi is #[no_mangle]; Cargo.toml does not build with panic = "abort"
# (which would turn catch_unwind into an abort).
#
# `check_panic_boundary.sh --self-test` runs the checker on fixtures that
# must fail (and one that must pass).  Exit status 0 pass, 1 fail.
set -u
LC_ALL=C
export LC_ALL
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

check() {
    src=$1
    status=0
    files=$(ls "$src"/ffi/*.rs 2>/dev/null)
    if [ -z "$files" ]; then
        echo "FAIL: no $src/ffi/*.rs"
        return 1
    fi
    # shellcheck disable=SC2086
    awk '
    function trim(s) { sub(/^[ \t\n]+/, "", s); sub(/[ \t\n]+$/, "", s); return s }
    function allowed(n) {
        return n == "secrets_strerror" || n == "secrets_version" || n == "secrets_entropy_source" ||
               n == "secrets_default_entropy" || n == "secrets_memzero" || n ~ /^secrets_[a-z0-9_]*_size$/
    }
    # 1 if the body of fn n enters a boundary helper first (depth: indirections left).
    # A local helper (not the export itself) that enters the boundary after
    # some statements is accepted with a note listing what runs before it.
    function enters(n, depth, is_helper,    b, callee, pre) {
        if (!(n in body)) return 0
        b = trim(body[n])
        while (b ~ /^unsafe[ \t]*\{/) { sub(/^unsafe[ \t]*\{/, "", b); b = trim(b) }
        sub(/^(super::|crate::ffi::|self::)/, "", b)
        if (b ~ /^(boundary|bytes_out|text_out|scalar_out)[ \t]*(::<[^>]*>)?\(/) return 1
        if (is_helper && match(b, /(^|[^a-z0-9_])(boundary|bytes_out|text_out|scalar_out)[ \t]*\(/)) {
            pre = substr(b, 1, RSTART)
            gsub(/[ \t\n]+/, " ", pre)
            notes[n] = pre
            return 1
        }
        # a local helper, possibly with a turbofish: helper::<{ ... }>(
        if (depth > 0 && match(b, /^[a-z_][a-z0-9_]*[ \t]*(::<[^(]*>)?[ \t]*\(/)) {
            callee = substr(b, 1, RLENGTH - 1)
            sub(/::<.*$/, "", callee)
            sub(/[ \t]+$/, "", callee)
            if (callee != n && !(callee in ext)) return enters(callee, depth - 1, 1)
        }
        return 0
    }
    FNR == 1 { pending_no_mangle = 0 }
    {
        line = $0
        sub(/\/\/.*$/, "", line)
        if (!infn && line ~ /#\[(unsafe\()?no_mangle\)?\]/) pending_no_mangle = 1
        if (!infn && match(line, /(^|[^A-Za-z0-9_])fn[ \t]+[A-Za-z_][A-Za-z0-9_]*/)) {
            name = substr(line, RSTART, RLENGTH)
            sub(/^.*fn[ \t]+/, "", name)
            isext = (line ~ /extern[ \t]+"C"[ \t]+fn/)
            infn = 1; insig = 1; depth = 0; nest = 0; text = ""
            where[name] = FILENAME ":" FNR
        }
        if (infn) {
            for (i = 1; i <= length(line); i++) {
                c = substr(line, i, 1)
                if (insig) {
                    if (c == "(" || c == "[") nest++
                    else if (c == ")" || c == "]") nest--
                    else if (c == ";" && nest == 0) { infn = 0; break }  # a declaration without a body
                    else if (c == "{" && nest == 0) { insig = 0; depth = 1 }
                    continue
                }
                if (c == "{") depth++
                else if (c == "}") {
                    depth--
                    if (depth == 0) {
                        body[name] = text
                        if (isext) { ext[name] = 1; mangled[name] = !pending_no_mangle }
                        pending_no_mangle = 0
                        infn = 0
                        break
                    }
                }
                text = text c
            }
            if (infn && !insig) text = text "\n"
        }
    }
    END {
        bad = 0; n = 0
        for (f in ext) {
            n++
            if (mangled[f]) { printf "FAIL %s: extern \"C\" fn %s is not #[no_mangle]\n", where[f], f; bad++ }
            if (allowed(f)) { printf "ok   %-32s trivial export (exempt)\n", f; continue }
            if (enters(f, 3, 0)) printf "ok   %-32s enters the panic boundary first\n", f
            else { printf "FAIL %s: extern \"C\" fn %s does not start by entering boundary/bytes_out/text_out/scalar_out\n", where[f], f; bad++ }
        }
        for (h in notes)
            printf "note helper %s (%s) runs code before entering the boundary; it must not be able to panic: %s\n", h, where[h], notes[h]
        printf "%d exported functions checked, %d problem(s)\n", n, bad
        if (n == 0) { print "FAIL: no extern \"C\" fn found"; bad++ }
        exit bad ? 1 : 0
    }' $files || status=1

    # extern "C" fns outside src/ffi
    outside=$(grep -rnE 'extern[[:space:]]+"C"[[:space:]]+fn[[:space:]]+[A-Za-z_]' "$src" --include='*.rs' | grep -v "^$src/ffi/" |
        while IFS=: read -r f l rest; do
            case $(sed -n "$((l + 1))p" "$f") in
            *"C callback, not exported; cannot panic"*) ;;
            *) echo "$f:$l:$rest" ;;
            esac
        done || true)
    if [ -n "$outside" ]; then
        echo "FAIL: extern \"C\" fn outside src/ffi (not covered by this check):"
        echo "$outside"
        status=1
    fi
    # panic = "abort" would make the boundary useless
    toml=$(dirname "$src")/Cargo.toml
    if [ -f "$toml" ] && grep -qE '^[[:space:]]*panic[[:space:]]*=[[:space:]]*"abort"' "$toml"; then
        echo "FAIL: $toml sets panic = \"abort\": catch_unwind cannot catch anything"
        status=1
    fi
    return $status
}

self_test() {
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    fails=0
    mk() { rm -rf "$tmp/src"; mkdir -p "$tmp/src/ffi"; cat >"$tmp/src/ffi/x.rs"; }
    expect() { # expect pass|fail NAME
        if check "$tmp/src" >"$tmp/out" 2>&1; then got=pass; else got=fail; fi
        if [ "$got" = "$1" ]; then echo "self-test ok: $2 -> $got"; else
            echo "self-test FAILED: $2 -> $got, want $1"; cat "$tmp/out"; fails=$((fails + 1)); fi
    }
    mk <<'RS'
#[no_mangle]
pub unsafe extern "C" fn secrets_good(out: *mut u8, n: usize) -> i32 {
    bytes_out(out, n, |buf| fill(buf))
}
unsafe fn helper(out: *mut c_char, size: usize) -> i32 {
    text_out(out, size, |t| { let b = t.take(Some(3))?; Ok(()) })
}
#[no_mangle]
pub unsafe extern "C" fn secrets_indirect(out: *mut c_char, size: usize) -> i32 {
    helper(out, size)
}
#[no_mangle]
pub extern "C" fn secrets_token_hex_size(n: usize) -> usize { n * 2 + 1 }
RS
    expect pass "compliant exports"
    mk <<'RS'
#[no_mangle]
pub unsafe extern "C" fn secrets_bad(out: *mut u8, n: usize) -> i32 {
    let s = core::slice::from_raw_parts_mut(out, n);
    s[0] = 1;
    0
}
RS
    expect fail "an export without the boundary"
    mk <<'RS'
#[no_mangle]
pub unsafe extern "C" fn secrets_late(out: *mut u8, n: usize) -> i32 {
    let v = vec![0u8; n];
    bytes_out(out, n, |buf| { buf.copy_from_slice(&v); Ok(()) })
}
RS
    expect fail "work before the boundary"
    mk <<'RS'
pub unsafe extern "C" fn secrets_unmangled(out: *mut u8, n: usize) -> i32 {
    bytes_out(out, n, |buf| Ok(()))
}
RS
    expect fail "an export without #[no_mangle]"
    mk <<'RS'
unsafe fn helper(n: usize) -> i32 { n as i32 }
#[no_mangle]
pub unsafe extern "C" fn secrets_indirect_bad(n: usize) -> i32 {
    helper(n)
}
RS
    expect fail "an indirect call that never reaches the boundary"
    mk <<'RS'
unsafe fn helper<const E: u8>(out: *mut c_char, size: usize) -> i32 {
    text_out(out, size, |t| { let b = t.take(Some(3))?; Ok(()) })
}
#[no_mangle]
pub unsafe extern "C" fn secrets_turbofish(out: *mut c_char, size: usize) -> i32 {
    helper::<{ Kind::A as u8 }>(out, size)
}
RS
    expect pass "a helper called with a turbofish"
    mk <<'RS'
unsafe fn helper<const E: u8>(n: usize) -> i32 { n as i32 }
#[no_mangle]
pub unsafe extern "C" fn secrets_turbofish_bad(n: usize) -> i32 {
    helper::<{ Kind::A as u8 }>(n)
}
RS
    expect fail "a turbofish helper that never reaches the boundary"
    [ "$fails" -eq 0 ]
}

if [ "${1:-}" = --self-test ]; then
    self_test
    exit $?
fi
src=${1:-$here/../../src}
src=$(CDPATH='' cd -- "$src" && pwd) || exit 1
check "$src"
