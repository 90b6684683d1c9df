#!/bin/sh
# check_exports.sh LIB           ELF shared library (Linux)
# check_exports.sh --pe DLL      Windows DLL (MinGW objdump)
#
# The library exports exactly the functions that include/secrets.h declares,
# and src/libsecrets.map (the version script) lists every one of them.  For
# ELF, every export also carries the version node the map gives it
# (NAME@@LIBSECRETS_x.y: nothing unversioned), and the soname is
# libsecrets.so.0.  SECRETS_HEADER and SECRETS_MAP override the two files;
# OBJDUMP the objdump used for --pe.
set -u
here=$(cd "$(dirname "$0")" && pwd)
header=${SECRETS_HEADER:-$here/../include/secrets.h}
map=${SECRETS_MAP:-$here/../src/libsecrets.map}
pe=0
if [ "${1:-}" = "--pe" ]; then pe=1; shift; fi
lib=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
problem() { echo "FAIL: $*"; fail=1; }

# The functions the header declares (declarations, not comments or macros).
grep -v -E '^[[:space:]]*(\*|/\*|//|#)' "$header" |
    grep -o -E '\bsecrets_[A-Za-z0-9_]+\(' | tr -d '(' | sort -u >"$tmp/header"
# "NAME NODE" for every global name of the map.
sed -e '/\/\*/,/\*\//d' -e 's/#.*//' "$map" | awk '
    { gsub(/[{};]/, " & "); for (i = 1; i <= NF; i++) print $i }' | awk '
    state == 0 { node = $0; state = 1; next }
    state == 1 { if ($0 != "{") { print "bad map near " node > "/dev/stderr"; exit 1 }
                 state = 2; global = 1; next }
    state == 2 { if ($0 == "}") { state = 3 }
                 else if ($0 == "global:") global = 1
                 else if ($0 == "local:") global = 0
                 else if ($0 != ";" && global) print $0, node
                 next }
    state == 3 { if ($0 == ";") state = 0; next }' | sort -u >"$tmp/map" || problem "cannot parse $map"
cut -d' ' -f1 "$tmp/map" | sort -u >"$tmp/mapnames"
[ -s "$tmp/header" ] || problem "no functions found in $header"

for f in $(comm -23 "$tmp/header" "$tmp/mapnames"); do
    problem "$f is declared in the header but has no version node in $(basename "$map")"
done

if [ $pe = 1 ]; then
    objdump=${OBJDUMP:-x86_64-w64-mingw32-objdump}
    "$objdump" -p "$lib" >"$tmp/p" 2>&1 || { echo "$objdump cannot read $lib"; exit 1; }
    # The [Ordinal/Name Pointer] Table lists one "[ n] name" line per export.
    sed -n '/\[Ordinal\/Name Pointer\] Table/,/^$/p' "$tmp/p" |
        awk '/^\t\[/ { print $NF }' | sort -u >"$tmp/exports"
    for s in $(grep -v '^secrets_' "$tmp/exports"); do problem "exported besides secrets_*: $s"; done
    for f in $(comm -23 "$tmp/header" "$tmp/exports"); do problem "$f is declared but not exported"; done
    for s in $(comm -13 "$tmp/header" "$tmp/exports"); do problem "$s is exported but not declared in the header"; done
    n=$(wc -l <"$tmp/exports")
    [ $fail = 0 ] && echo "$n exports, exactly the header's functions, each in $(basename "$map")"
    exit $fail
fi

readelf -W --dyn-syms "$lib" >"$tmp/dynsym" 2>&1 || { echo "readelf cannot read $lib"; cat "$tmp/dynsym"; exit 1; }
# Defined, non-local dynamic symbols: "NAME@@NODE" (or a bare NAME).  The ABS
# entries GNU ld adds for the version nodes themselves are not exports.
awk '$1 ~ /^[0-9]+:$/ && $7 != "UND" && $5 != "LOCAL" && !($7 == "ABS" && $8 ~ /^LIBSECRETS_/) { print $8 }' \
    "$tmp/dynsym" | sort -u >"$tmp/defined"
: >"$tmp/exports"
while read -r sym; do
    name=${sym%%@*}
    case "$sym" in
        secrets_*@@LIBSECRETS_*) node=${sym##*@@} ;;
        *@*) problem "$sym: not the default version of a LIBSECRETS node"; continue ;;
        secrets_*) problem "$sym is exported without a version"; echo "$name" >>"$tmp/exports"; continue ;;
        *) problem "exported besides secrets_*: $sym"; continue ;;
    esac
    echo "$name" >>"$tmp/exports"
    want=$(awk -v n="$name" '$1 == n { print $2 }' "$tmp/map")
    if [ -z "$want" ]; then problem "$sym: $name is not in $(basename "$map")"
    elif [ "$want" != "$node" ]; then problem "$sym: the map puts $name in $want"; fi
done <"$tmp/defined"
sort -u -o "$tmp/exports" "$tmp/exports"
for f in $(comm -23 "$tmp/header" "$tmp/exports"); do problem "$f is declared but not exported"; done
for s in $(comm -13 "$tmp/header" "$tmp/exports"); do problem "$s is exported but not declared in the header"; done
reserved=$(comm -23 "$tmp/mapnames" "$tmp/exports" | tr '\n' ' ')
[ -n "$reserved" ] && echo "note: in the map but not defined by this build (a coming release's): $reserved"

soname=$(readelf -W -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libsecrets.so.0" ] || problem "soname is '$soname', want libsecrets.so.0"
if [ $fail = 0 ]; then
    n=$(wc -l <"$tmp/exports")
    nodes=$(sed 's/.*@@//' "$tmp/defined" | sort | uniq -c | awk '{ printf "%s%s: %s", sep, $2, $1; sep = ", " }')
    echo "$n exports, exactly the header's functions, each with its version node ($nodes); soname $soname"
fi
exit $fail
