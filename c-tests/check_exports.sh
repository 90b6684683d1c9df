#!/bin/sh
# check_exports.sh LIB: only secrets_* symbols are exported, and the soname is libsecrets.so.0.
set -u
lib=$1
nm -D --defined-only "$lib" >/dev/null 2>&1 || { echo "nm cannot read $lib"; exit 1; }
bad=$(nm -D --defined-only "$lib" | awk '{print $NF}' | grep -v '^secrets_' || true)
if [ -n "$bad" ]; then
    echo "symbols exported besides secrets_*:"; echo "$bad"; exit 1
fi
n=$(nm -D --defined-only "$lib" | grep -c ' secrets_')
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = "libsecrets.so.0" ] || { echo "soname is '$soname', want libsecrets.so.0"; exit 1; }
echo "$n exported symbols, all secrets_*; soname $soname"
