#!/bin/sh
# readme_commands.sh README CONSUME_SH - every command line in the sh and cmake
# code blocks of the README's "Installing and consuming" section appears
# verbatim (leading blanks aside) in the consumer tests, so what the README
# tells a user is what the tests run. Comments, blank lines and the line that
# names the folders (SRC=... BUILD=... PREFIX=...) are not commands.
set -eu
readme=$1 consume=$2
dir=$(dirname "$consume")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/readme-commands.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
strip() { sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' "$@"; }
strip "$consume" >"$tmp/sh"
cat "$dir"/*/CMakeLists.txt | strip >"$tmp/cmake"
awk '
    /^## / { insec = ($0 == "## Installing and consuming") ; next }
    !insec { next }
    /^```(sh|cmake)$/ { lang = substr($0, 4); next }
    /^```/ { lang = ""; next }
    lang != "" { print lang "\t" $0 }
' "$readme" >"$tmp/lines"
[ -s "$tmp/lines" ] || { echo "no sh or cmake block in the README's \"Installing and consuming\" section"; exit 1; }
n=0 bad=0
while IFS="$(printf '\t')" read -r lang line; do
    line=$(printf '%s\n' "$line" | strip)
    case $line in '' | '#'* | 'SRC='*) continue ;; esac
    line=${line%%  #*}   # a trailing comment
    line=$(printf '%s\n' "$line" | strip)
    n=$((n + 1))
    if ! grep -qxF -- "$line" "$tmp/$lang"; then
        echo "README command not run by the consumer tests ($lang): $line"
        bad=$((bad + 1))
    fi
done <"$tmp/lines"
[ "$bad" -eq 0 ] || exit 1
echo "$n README commands, each run by the consumer tests"
