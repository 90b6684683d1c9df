#!/bin/sh
# install_consumer.sh BUILD_DIR CONSUMER_DIR CMAKE CC
# Installs libsecrets into a temporary prefix, then builds and runs a tiny
# consumer twice: with find_package(secrets) and with pkg-config.
set -eu
build=$1 consumer=$2 cmake=$3 cc=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/secrets-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$cmake" --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log"
libdir=$(ls -d "$tmp/prefix"/lib*/ | head -n 1)
libdir=${libdir%/}
for f in include/secrets.h; do test -f "$tmp/prefix/$f"; done
test -L "$libdir/libsecrets.so" && test -L "$libdir/libsecrets.so.0" && test -f "$libdir/libsecrets.a"

echo "== find_package(secrets)"
"$cmake" -S "$consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_RPATH="$libdir" >"$tmp/cm.log"
"$cmake" --build "$tmp/cm" >>"$tmp/cm.log"
"$tmp/cm/consumer"
"$tmp/cm/consumer_static"
if ldd "$tmp/cm/consumer" | grep -q "$libdir/libsecrets.so.0"; then :; else
    echo "consumer is not linked against the installed libsecrets.so.0"; ldd "$tmp/cm/consumer"; exit 1
fi

echo "== pkg-config secrets"
PKG_CONFIG_PATH="$libdir/pkgconfig"
export PKG_CONFIG_PATH
pkg-config --exists secrets
# shellcheck disable=SC2046
"$cc" -Wall -Wextra -Werror -o "$tmp/pc" "$consumer/main.c" $(pkg-config --cflags --libs secrets) -Wl,-rpath,"$libdir"
"$tmp/pc"
# shellcheck disable=SC2046
"$cc" -Wall -Wextra -Werror -o "$tmp/pc_static" "$consumer/main.c" -I"$tmp/prefix/include" "$libdir/libsecrets.a" $(pkg-config --libs-only-l --static secrets | sed 's/-lsecrets//')
"$tmp/pc_static"
echo "install and consume: ok"
