#!/bin/sh
# run-windows.sh SRC WORK CARGO
#
# Cross-builds secrets.dll (Rust target x86_64-pc-windows-gnu, MinGW-w64
# linker) and the C tests, checks the DLL's export table against the header
# and src/libsecrets.map, and runs the tests under wine: every test program
# against the DLL (through its import library, __declspec(dllimport)), and
# test_tokens and test_integers against the static library (SECRETS_STATIC).
# The fork() parts of test_hygiene and test_generators are compiled out on
# Windows; everything else runs.  Exits 77 (skipped) when MinGW-w64, wine or
# the Rust target's standard library is missing, saying which.
set -u
src=$1 work=$2 cargo=$3
triple=x86_64-pc-windows-gnu gnu=x86_64-w64-mingw32
skip() { echo "SKIPPED: $*"; exit 77; }
command -v "$gnu-gcc" >/dev/null || skip "no $gnu-gcc (apt-get install mingw-w64)"
wine=$(command -v wine64 || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || command -v wine) ||
    skip "no wine64 (apt-get install wine64)"
rustc=$(dirname "$cargo")/rustc
[ -x "$rustc" ] || rustc=rustc
libdir=$("$rustc" --print target-libdir --target "$triple" 2>/dev/null)
ls "$libdir"/libstd-*.rlib >/dev/null 2>&1 || skip "no Rust standard library for $triple (rustup target add $triple)"

export SECRETS_HEADER_CHECK_ONLY=1
target="$work/target"
mkdir -p "$work/bin"
start=$(date +%s)
"$cargo" build --release --lib --quiet --manifest-path "$src/Cargo.toml" \
    --target "$triple" --target-dir "$target" || exit 1
lib="$target/$triple/release"
for f in secrets.dll libsecrets.dll.a libsecrets.a; do
    [ -f "$lib/$f" ] || { echo "FAIL: no $lib/$f"; exit 1; }
done
built=$(date +%s)
echo "built $lib/secrets.dll in $(( built - start )) s"
fail=0
OBJDUMP=$gnu-objdump sh "$src/c-tests/check_exports.sh" --pe "$lib/secrets.dll" || fail=1
echo "secrets.dll imports: $($gnu-objdump -p "$lib/secrets.dll" | sed -n 's/^[[:space:]]*DLL Name: //p' | tr '\n' ' ')"

cd "$work/bin" || exit 1
cp "$lib/secrets.dll" .
export WINEPREFIX="$work/wineprefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
# Wine 8 has no bcryptprimitives.dll (ProcessPrng); see bcryptprimitives.c.
rm -f bcryptprimitives.dll
if ! ls /usr/lib/*/wine/x86_64-windows/bcryptprimitives.dll /usr/lib/wine/x86_64-windows/bcryptprimitives.dll \
        >/dev/null 2>&1; then
    "$gnu-gcc" -O2 -Wall -Wextra -Werror -shared -o bcryptprimitives.dll "$src/cross/bcryptprimitives.c" -lbcrypt ||
        exit 1
    echo "wine has no bcryptprimitives.dll: using the test-only shim (ProcessPrng over BCryptGenRandom)"
fi

cat >probe.c <<'EOF'
#include <stdio.h>
#include <secrets.h>
int main(void)
{
    char tok[SECRETS_TOKEN_HEX_SIZE(8)];
    if (secrets_token_hex(tok, sizeof tok, 8) != SECRETS_OK) return 1;
    printf("libsecrets %s on Windows (wine), entropy source %s, token %s\n", secrets_version(),
           secrets_entropy_source(), tok);
    return 0;
}
EOF
cflags="-O2 -Wall -Wextra -Werror -DNDEBUG -I $src/include -I $src/c-tests"
# Static runtime for the test programs, so no MinGW DLL has to sit beside them.
ldflags="-static-libgcc -Wl,-Bstatic -lpthread -Wl,-Bdynamic"
progs=
for t in probe.c "$src"/c-tests/test_*.c; do
    name=$(basename "$t" .c)
    # shellcheck disable=SC2086
    "$gnu-gcc" $cflags -o "$name.exe" "$t" -L "$lib" -l:libsecrets.dll.a $ldflags -lm ||
        { echo "FAIL: $name does not build for Windows"; fail=1; continue; }
    progs="$progs $name"
done
for name in test_tokens test_integers; do
    # shellcheck disable=SC2086
    "$gnu-gcc" $cflags -DSECRETS_STATIC -o "${name}_static.exe" "$src/c-tests/$name.c" "$lib/libsecrets.a" \
        $ldflags -lbcrypt -lntdll -luserenv -lws2_32 -ladvapi32 -lkernel32 ||
        { echo "FAIL: ${name}_static does not build for Windows"; fail=1; continue; }
    progs="$progs ${name}_static"
done
"$gnu-objdump" -p test_tokens_static.exe 2>/dev/null | grep -qi 'DLL Name: secrets.dll' &&
    { echo "FAIL: test_tokens_static.exe imports secrets.dll"; fail=1; }

ran=0
for name in $progs; do
    "$wine" "./$name.exe" >"$name.log" 2>&1
    rc=$?
    out=$(tr -d '\r' <"$name.log")
    echo "$out" | grep -E '^(libsecrets |FAIL|note:|     )|passed' | sed "s/^/  $name: /; s/: [a-z_]*: /: /"
    if [ $rc != 0 ] || ! echo "$out" | grep -qE '(passed, 0 failed|^libsecrets )'; then
        echo "FAIL: $name.exe under wine (exit $rc)"; echo "$out" | tail -n 5; fail=1
    fi
    ran=$((ran + 1))
done
echo "windows: $ran programs under $($wine --version 2>/dev/null), $( [ $fail = 0 ] && echo all passed || echo FAILURES ); build $(( built - start )) s, tests $(( $(date +%s) - built )) s"
exit $fail
