# common.sh - sourced by asan.sh and valgrind.sh (after they set $here, the
# directory of this file): the shell settings, the tree's root, and the loop
# that builds and runs every c-tests/test_*.c program.
set -u
LC_ALL=C
export LC_ALL
root=$(CDPATH='' cd -- "$here/../.." && pwd)
failed=0

# run_ctests CC CFLAGS LABEL [RUNNER...]: each c-tests program built with
# CC and CFLAGS against the libsecrets in $lib, into $tmp, then run (behind
# RUNNER when given); any that does not build or fails counts in $failed.
run_ctests() {
    cc_=$1 cflags_=$2 label_=$3
    shift 3
    for src in "$root"/c-tests/test_*.c; do
        name=$(basename "$src" .c)
        # shellcheck disable=SC2086
        if ! $cc_ -std=c11 -g -O1 $cflags_ -Wall -Wextra -Werror -DNDEBUG -D_GNU_SOURCE -I"$root/include" \
                -I"$root/c-tests" "$src" -L"$lib" -lsecrets -Wl,-rpath,"$lib" -lpthread -lm -o "$tmp/$name" \
                2>"$tmp/$name.cc"; then
            echo "FAIL $name: does not build"; sed 5q "$tmp/$name.cc"; failed=$((failed + 1)); continue
        fi
        start=$(date +%s)
        if "$@" "$tmp/$name" >"$tmp/$name.out" 2>&1; then
            echo "ok   $label_ $name ($(($(date +%s) - start)) s): $(tail -1 "$tmp/$name.out")"
        else
            echo "FAIL $label_ $name (exit $?):"; sed 60q "$tmp/$name.out"; failed=$((failed + 1))
        fi
    done
}
