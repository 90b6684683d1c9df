#!/bin/sh
# valgrind.sh [all|ctests|contract|contract-core] - the C test suite
# (c-tests/test_*.c) and an external conformance suite (CONTRACT_DIR) under
# valgrind memcheck, against the release libsecrets.so
# (target/release; build it first: cargo build --release).
#
# Any memcheck error (invalid read/write, use of uninitialised memory,
# invalid free, a definite leak) fails the run: --error-exitcode=99.
#   ctests         every c-tests/test_*.c program                (~1 min)
#   contract       every section of the contract suite           (several min)
#   contract-core  its core and parity sections only (the ctest entry, <60 s)
# Exit status 0 clean, 1 errors, 77 valgrind missing (or, for the contract
# modes, the suite missing). LIBSECRETS_LIB_DIR names the folder of
# libsecrets.so (ctest passes the build tree's).
set -u
LC_ALL=C
export LC_ALL
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
what=${1:-all}
lib=${LIBSECRETS_LIB_DIR:-$root/target/release}
contract=${CONTRACT_DIR:-}    # an external suite, not part of this repository

command -v valgrind >/dev/null 2>&1 || { echo "SKIP: valgrind is not installed"; exit 77; }
[ -f "$lib/libsecrets.so" ] || { echo "no $lib/libsecrets.so: run cargo build --release"; exit 1; }
cc=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/verify-valgrind.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
vg="valgrind ${VERIFY_VALGRIND_EXTRA:-} --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --track-origins=yes"
failed=0

run_ctests() {
    for src in "$root"/c-tests/test_*.c; do
        name=$(basename "$src" .c)
        if ! $cc -std=c11 -g -O1 -Wall -Wextra -Werror -DNDEBUG -D_GNU_SOURCE -I"$root/include" -I"$root/c-tests" \
                "$src" -L"$lib" -lsecrets -Wl,-rpath,"$lib" -lpthread -lm -o "$tmp/$name" 2>"$tmp/$name.cc"; then
            echo "FAIL $name: does not compile"; sed 5q "$tmp/$name.cc"; failed=$((failed + 1)); continue
        fi
        start=$(date +%s)
        if $vg "$tmp/$name" >"$tmp/$name.out" 2>&1; then
            echo "ok   valgrind $name ($(($(date +%s) - start)) s): $(tail -1 "$tmp/$name.out")"
        else
            echo "FAIL valgrind $name (exit $?):"; sed 60q "$tmp/$name.out"; failed=$((failed + 1))
        fi
    done
}

# The contract suite runs its programs itself; a compiler wrapper puts each
# linked program behind valgrind (the program is renamed NAME.real and NAME
# becomes a script that runs it under memcheck).
run_contract() {
    sections=$1
    if [ ! -f "$contract/run.sh" ]; then
        echo "SKIP contract suite: no $contract/run.sh"
        [ "$what" = all ] && return
        exit 77    # nothing ran: skipped, never passed
    fi
    printf '#!/bin/sh\nexec %s "$@"\n' "$vg" >"$tmp/vg-run"
    chmod +x "$tmp/vg-run"
    cat >"$tmp/cc-valgrind" <<WRAP
#!/bin/sh
out=
prev=
link=1
for a in "\$@"; do
    [ "\$a" = -c ] && link=0
    [ "\$prev" = -o ] && out=\$a
    prev=\$a
done
$cc "\$@" || exit \$?
if [ "\$link" = 1 ] && [ -n "\$out" ]; then
    mv "\$out" "\$out.real"
    printf '#!/bin/sh\\nexec "%s" "%s" "\$@"\\n' "$tmp/vg-run" "\$out.real" >"\$out"
    chmod +x "\$out"
fi
WRAP
    chmod +x "$tmp/cc-valgrind"
    start=$(date +%s)
    if (cd "$root" && CC="$tmp/cc-valgrind" CONTRACT_SECTIONS="$sections" CONTRACT_TIMEOUT=900 \
            LIBSECRETS_DIR="$lib" CONTRACT_CFLAGS=-g sh "$contract/run.sh" "$root") >"$tmp/contract.out" 2>&1; then
        echo "ok   valgrind contract suite [$sections] ($(($(date +%s) - start)) s): $(tail -1 "$tmp/contract.out")"
    else
        echo "FAIL valgrind contract suite [$sections]:"; grep -v '^ok' "$tmp/contract.out" | sed 80q; failed=$((failed + 1))
    fi
}

echo "valgrind: $(valgrind --version), library $lib/libsecrets.so"
case $what in
    ctests) run_ctests ;;
    contract) run_contract "core parity systemrandom generators hygiene" ;;
    contract-core) run_contract "core parity" ;;
    all) run_ctests; run_contract "core parity systemrandom generators hygiene" ;;
    *) echo "usage: $0 [all|ctests|contract|contract-core]"; exit 2 ;;
esac
[ "$failed" -eq 0 ] || { echo "valgrind: $failed failure(s)"; exit 1; }
echo "valgrind: clean"
