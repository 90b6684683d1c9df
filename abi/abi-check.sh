#!/bin/sh
# abi-check.sh SRC WORK CARGO [--update]
#
# Builds libsecrets.so as the release profile does, plus DWARF debug
# information (CARGO_PROFILE_RELEASE_DEBUG; the shipped build has none), into
# WORK/target; describes its ABI with abidw (functions, parameter and return
# types, structs, ELF symbols with their version nodes) and compares that
# with the committed baseline abi/libsecrets.abi using abidiff:
#   - anything incompatible fails: a function or its version node removed or
#     changed, a parameter or return type changed, a struct layout changed;
#   - additions pass (new functions, new version nodes), and are listed.
# With --update, writes the new description over the baseline instead (done
# deliberately, in its own commit, at a release: see docs/abi.md).
# Exits 77 (skipped) without abidw/abidiff (Debian: abigail-tools).
set -u
src=$1 work=$2 cargo=$3 update=${4:-}
baseline="$src/abi/libsecrets.abi"
command -v abidw >/dev/null && command -v abidiff >/dev/null ||
    { echo "SKIPPED: no abidw/abidiff (apt-get install abigail-tools)"; exit 77; }
rustc=$(dirname "$cargo")/rustc
[ -x "$rustc" ] || rustc=rustc
host=$("$rustc" -vV | sed -n 's/^host: //p')
case $host in
    x86_64-*-linux-gnu) ;;
    *) echo "SKIPPED: the baseline describes the x86_64 Linux library; this host is $host"; exit 77 ;;
esac

export SECRETS_HEADER_CHECK_ONLY=1 CARGO_PROFILE_RELEASE_DEBUG=true
start=$(date +%s)
# --target keeps the build tools in WORK/target/release, shared with the
# cross builds that use the same folder.
"$cargo" build --release --lib --quiet --manifest-path "$src/Cargo.toml" \
    --target "$host" --target-dir "$work/target" || exit 1
lib="$work/target/$host/release/libsecrets.so"
mkdir -p "$work/abi"
new="$work/abi/libsecrets.abi"
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --drop-undefined-syms \
    --out-file "$new" "$lib" || { echo "FAIL: abidw could not describe $lib"; exit 1; }
grep -q '<function-decl ' "$new" || { echo "FAIL: no DWARF function declarations in $lib"; exit 1; }
echo "abidw: $(grep -c '<elf-symbol ' "$new") exported symbols, $(grep -c '<function-decl ' "$new") function declarations ($(( $(date +%s) - start )) s)"

if [ "$update" = --update ]; then
    cp "$new" "$baseline" && echo "wrote $baseline"
    exit 0
fi
[ -f "$baseline" ] || { echo "FAIL: no baseline $baseline (abi/abi-check.sh ... --update)"; exit 1; }

# abidiff's exit status is a bit set: 1 error, 2 usage error, 4 the ABI
# changed, 8 an incompatible change (a symbol removed).  Added functions set
# neither bit when --no-added-syms hides them, so any non-zero status here
# is a change other than an addition.
abidiff --no-added-syms --no-show-locs "$baseline" "$new" >"$work/abi/diff.txt" 2>&1
rc=$?
if [ $rc = 0 ]; then
    added=$(abidiff --no-show-locs "$baseline" "$new" 2>&1 | grep -E "^ *\[A\] '" | sed 's/^ */  /')
    if [ -n "$added" ]; then
        echo "ABI compatible with the baseline; additions:"; echo "$added"
    else
        echo "ABI identical to the baseline"
    fi
    exit 0
fi
cat "$work/abi/diff.txt"
what=
[ $((rc & 1)) != 0 ] && what="$what error;"
[ $((rc & 2)) != 0 ] && what="$what usage error;"
[ $((rc & 4)) != 0 ] && what="$what the ABI changed;"
[ $((rc & 8)) != 0 ] && what="$what INCOMPATIBLE change (something removed);"
echo "FAIL: abidiff exit status $rc:$what compare with abi/libsecrets.abi"
echo "(an intended change at a release: abi/abi-check.sh SRC WORK CARGO --update, see docs/abi.md)"
exit 1
