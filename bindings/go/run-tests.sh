#!/bin/sh
# Runs `go vet` and `go test -race` for the Go binding against a libsecrets
# build tree; used by ctest (bindings/go/CMakeLists.txt), usable by hand:
#
#   sh bindings/go/run-tests.sh PKGCONFIG_DIR [STATE_DIR]
#
# PKGCONFIG_DIR holds secrets.pc or secrets-uninstalled.pc; it is put first
# on PKG_CONFIG_PATH. STATE_DIR (default: PKGCONFIG_DIR/..) gets a private Go
# build cache (GOCACHE) and GOPATH. Always private: Go's cache keeps the cgo
# link flags a package was built with, so a shared cache filled here (linked
# against a build tree) could later hand a program built against an installed
# libsecrets this build tree's library.
set -eu
go=${GO:-go}    # ctest passes the go found at configure time
pcdir=$1
state=${2:-$pcdir/..}
cd "$(dirname "$0")"

PKG_CONFIG_PATH="$pcdir${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
export PKG_CONFIG_PATH
GOCACHE=$state/go-cache GOPATH=$state/go-path
export GOCACHE GOPATH
# The module has no dependencies: never touch the network or switch toolchains.
GOPROXY=off GOTOOLCHAIN=local CGO_ENABLED=1
export GOPROXY GOTOOLCHAIN CGO_ENABLED

race=-race
case "$("$go" env GOOS)/$("$go" env GOARCH)" in
    linux/amd64 | linux/arm64 | linux/ppc64le | linux/s390x | darwin/amd64 | darwin/arm64 | freebsd/amd64 | netbsd/amd64 | windows/amd64) ;;
    *) race= ; echo "note: the race detector is not available on $("$go" env GOOS)/$("$go" env GOARCH); testing without -race" ;;
esac

echo "$("$go" version); pkg-config secrets: $(pkg-config --cflags --libs secrets)"
set -x
"$go" vet ./...
"$go" test $race -count=1 ./...
