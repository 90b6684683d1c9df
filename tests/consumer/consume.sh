#!/bin/sh
# consume.sh STEP - one consumer test (ctest label `consumer`): a program
# outside the source tree built against libsecrets installed into a scratch
# prefix, then run. The shell lines that build and run are the README's own
# ("Installing and consuming"; the test consumer_readme_commands checks that
# every command of that section appears here verbatim), with
#   SRC     the source tree (the README's commands run from it)
#   BUILD   the build tree (`build` in the README)
#   PREFIX  the install prefix (BUILD/tests/consumer/prefix here)
#   WORK    a scratch folder for this step, emptied first
# Steps: install, c-shared, c-static, cxx, subproject, go, ruby, readme-c, version.
# Exit 0 pass, 1 fail, 77 skipped (a tool this step needs is missing).
set -eu
step=$1
: "${SRC:?}" "${BUILD:?}" "${PREFIX:?}" "${WORK:?}"
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
LIB=$PREFIX/lib
export PREFIX

fail() { echo "FAIL: $*"; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed"; }

# The dynamic loader resolves libsecrets.so.N of $1 to the installed library.
uses_installed() {
    ldd "$1" | grep -F "libsecrets.so" || fail "$1 is not linked against libsecrets.so"
    ldd "$1" | grep -q -F "=> $LIB/libsecrets.so." || fail "$1 does not load $LIB/libsecrets.so.*"
    if readelf -d "$1" | grep -F "$BUILD/" | grep -v -F "$PREFIX"; then
        fail "$1 has the build tree in its dynamic section"
    fi
}

if [ "$step" != install ]; then
    [ -f "$LIB/libsecrets.so" ] || fail "nothing installed at $PREFIX (the consumer_install test sets it up)"
fi
# The subproject step keeps only cargo's output from its last run (a fresh
# CMake cache every time, but no full LTO rebuild of an unchanged library).
keep=$WORK/build/libsecrets/cargo
if [ "$step" = subproject ] && [ -d "$keep" ]; then rm -rf "$WORK.cargo"; mv "$keep" "$WORK.cargo"; fi
rm -rf "$WORK"
mkdir -p "$WORK"
if [ -d "$WORK.cargo" ]; then mkdir -p "$WORK/build/libsecrets"; mv "$WORK.cargo" "$keep"; fi
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

case $step in
install)
    rm -rf "$PREFIX"
    cd "$SRC"
    cmake --install "$BUILD" --prefix "$PREFIX"
    for f in include/secrets.h lib/libsecrets.a lib/pkgconfig/secrets.pc lib/pkgconfig/secrets-static.pc \
             lib/cmake/secrets/secretsConfig.cmake lib/cmake/secrets/secretsConfigVersion.cmake; do
        [ -f "$PREFIX/$f" ] || fail "not installed: $f"
    done
    [ -L "$LIB/libsecrets.so" ] && [ -L "$LIB/libsecrets.so.0" ] || fail "libsecrets.so symlinks missing"
    ls -l "$LIB"
    ;;

c-shared)
    # pkg-config, shared library, found at run time through an rpath.
    need pkg-config
    cp "$here/main.c" "$WORK/app.c"
    cd "$WORK"
    export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
    cc -o app app.c $(pkg-config --cflags --libs secrets) -Wl,-rpath,"$PREFIX/lib"
    ./app
    uses_installed ./app
    # Without an rpath the loader does not look in PREFIX: LD_LIBRARY_PATH
    # (or ldconfig, for a system directory) tells it.
    cc -o app-norpath app.c $(pkg-config --cflags --libs secrets)
    if env -u LD_LIBRARY_PATH ./app-norpath >/dev/null 2>&1; then
        echo "note: app-norpath ran without LD_LIBRARY_PATH (libsecrets is installed system-wide)"
    fi
    LD_LIBRARY_PATH="$PREFIX/lib" ./app-norpath
    ;;

c-static)
    # Fully static: libsecrets.a, the C library and the unwinder all linked in.
    need pkg-config
    need readelf
    cp "$here/main.c" "$WORK/app.c"
    cd "$WORK"
    export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
    cc -static -o app-static app.c $(pkg-config --static --cflags --libs secrets-static)
    ./app-static
    readelf -d app-static | tee readelf.out
    grep -q 'There is no dynamic section' readelf.out || fail "app-static has a dynamic section"
    # libsecrets.a in a dynamic program: the same .pc file, without -static.
    cc -o app-static-lib app.c $(pkg-config --cflags --libs secrets-static)
    ./app-static-lib
    if ldd app-static-lib | grep -F libsecrets; then fail "app-static-lib loads libsecrets.so"; fi
    ;;

cxx)
    # C++17 with find_package(secrets): secrets::secrets and secrets::secrets_static.
    cp -R "$here/cmake" "$WORK/app"
    cp "$here/main.cpp" "$WORK/main.cpp"
    cd "$WORK/app"
    cmake -S . -B build -DCMAKE_PREFIX_PATH="$PREFIX"
    cmake --build build
    ./build/app_shared
    uses_installed ./build/app_shared
    ./build/app_static
    if ldd ./build/app_static | grep -F libsecrets; then fail "app_static loads libsecrets.so"; fi
    ;;

subproject)
    # add_subdirectory(libsecrets): only the library is built, nothing is
    # installed, no test is registered, and cargo writes into the parent's
    # build tree, not into the vendored source.
    cp "$here/subproject/CMakeLists.txt" "$WORK/CMakeLists.txt"
    cp "$here/main.c" "$WORK/app.c"
    ln -s "$SRC" "$WORK/libsecrets"
    stamp=$WORK/stamp
    : >"$stamp"
    sleep 1
    cd "$WORK"
    cmake -S . -B build >cmake.log || { cat cmake.log; fail "configure"; }
    cmake --build build -j2 >build.log 2>&1 || { tail -40 build.log; fail "build"; }
    ./build/app
    targets=$(cmake --build build --target help | sed -n 's/^\.\.\. //p' | sed 's/ .*//' | sort)
    echo "targets:" $targets
    for t in secrets_cli print_tokens secrets_bench test_tokens header_compile verify_all verify_bias go_binding_check; do
        if echo "$targets" | grep -qx "$t"; then fail "target $t is defined by default in a subproject"; fi
    done
    [ -f build/libsecrets/cargo/release/libsecrets.so ] || fail "cargo's output is not in build/libsecrets/cargo"
    ldd build/app | grep -F "=> $WORK/build/libsecrets/cargo/release/libsecrets.so" ||
        fail "the app does not load the library cargo built in the parent's build tree"
    if [ -d "$SRC/target" ] && [ -n "$(find "$SRC/target" -newer "$stamp" -print -quit)" ]; then
        fail "cargo wrote into the source tree: $(find "$SRC/target" -newer "$stamp" | head -3)"
    fi
    ntests=$(cd build && ctest -N | sed -n 's/^Total Tests: //p')
    [ "${ntests:-0}" = 0 ] || fail "the subproject registers $ntests tests"
    cmake --install build --prefix "$WORK/inst" >install.log
    if [ -n "$(find "$WORK/inst" -name '*secrets*' -print -quit 2>/dev/null)" ]; then
        fail "the subproject installs files: $(find "$WORK/inst" -name '*secrets*')"
    fi
    # The options turn the rest on (configure only: nothing more is built).
    cmake -S . -B build-on -DSECRETS_BUILD_CLI=ON -DSECRETS_BUILD_TESTS=ON -DSECRETS_INSTALL=ON >cmake-on.log
    on=$(cmake --build build-on --target help | sed -n 's/^\.\.\. //p' | sed 's/ .*//')
    for t in secrets_cli test_tokens; do
        echo "$on" | grep -qx "$t" || fail "SECRETS_BUILD_*=ON does not define $t"
    done
    grep -q 'libsecrets.a' build-on/libsecrets/cmake_install.cmake || fail "SECRETS_INSTALL=ON adds no install rule"
    echo "subproject: library only by default; the options add the CLI, tests and install rules"
    ;;

go)
    # A module outside the repository requiring and replacing the binding,
    # with its own empty build cache (Go caches cgo link flags).
    need go
    need pkg-config
    mkdir "$WORK/app"
    cp "$here/go/main.go" "$WORK/app/"
    cd "$WORK/app"
    GOCACHE=$WORK/gocache GOPATH=$WORK/gopath GOPROXY=off GOTOOLCHAIN=local GOFLAGS=
    export GOCACHE GOPATH GOPROXY GOTOOLCHAIN GOFLAGS
    export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
    export CGO_LDFLAGS="-Wl,-rpath,$PREFIX/lib"
    go mod init example.com/app
    go mod edit -require github.com/libsecrets/libsecrets/bindings/go@v0.0.0 \
                -replace github.com/libsecrets/libsecrets/bindings/go="$SRC/bindings/go"
    go build -o app .
    ./app
    uses_installed ./app
    # Without cgo the binding says why it cannot build, in one error.
    if CGO_ENABLED=0 go build -o app-nocgo . >nocgo.log 2>&1; then fail "a CGO_ENABLED=0 build succeeded"; fi
    cat nocgo.log
    grep -q 'libsecrets_go_binding_needs_cgo' nocgo.log || fail "CGO_ENABLED=0 does not give the clear error"
    ;;

ruby)
    # The gem, built with the README's command from the repository root,
    # installed into a scratch GEM_HOME and used by a script outside the tree.
    need ruby
    need gem
    ruby -e 'require "ffi"' 2>/dev/null || skip "the ffi gem is not installed"
    cp "$here/ruby/use.rb" "$WORK/use.rb"
    export GEM_HOME="$WORK/gems"
    cd "$SRC"
    gem build bindings/ruby/libsecrets.gemspec --output "$BUILD/libsecrets.gem"
    gem install --local "$BUILD/libsecrets.gem"
    cd "$WORK"
    LIBSECRETS_PATH="$PREFIX/lib/libsecrets.so.0" ruby use.rb
    case $(LIBSECRETS_PATH="$PREFIX/lib/libsecrets.so.0" ruby -e 'require "libsecrets"; print $LOADED_FEATURES.grep(/libsecrets\.rb/).first') in
        "$GEM_HOME"/*) ;;
        *) fail "the script did not load the gem from GEM_HOME" ;;
    esac
    if git -C "$SRC" status --porcelain --untracked-files=all | grep '\.gem$'; then
        fail "gem build left a .gem in the source tree"
    fi
    ;;

readme-c)
    # The README's C examples ("Using it from C"), each compiled with
    # -Wall -Wextra -Werror as the body of a main() and run against the
    # installed library. The first example compares against two buffers it
    # does not declare; they are declared here.
    need pkg-config
    export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
    awk -v dir="$WORK" '
        /^## / { insec = ($0 == "## Using it from C"); next }
        insec && /^```c$/ { n++; f = dir "/block" n ".c"; inblock = 1; next }
        inblock && /^```/ { inblock = 0; next }
        inblock { print > f }
    ' "$SRC/README.md"
    ls "$WORK"/block*.c >/dev/null 2>&1 || fail "no C example in the README's \"Using it from C\""
    for b in "$WORK"/block*.c; do
        {
            echo '#include <stdio.h>'
            echo '#include <string.h>'
            echo '#include <secrets.h>'
            grep '^#include' "$b" || true
            echo 'int main(void) {'
            echo '    const unsigned char expected[16] = {1}, input[16] = {1};'
            echo '    size_t expected_len = sizeof expected, input_len = sizeof input;'
            echo '    (void)expected; (void)input; (void)expected_len; (void)input_len;'
            grep -v '^#include' "$b"
            echo '    return 0;'
            echo '}'
        } >"$b.main.c"
        $CC -std=c11 -Wall -Wextra -Werror -o "${b%.c}" "$b.main.c" $(pkg-config --cflags --libs secrets) \
            -Wl,-rpath,"$PREFIX/lib" || fail "README example $(basename "$b") does not compile"
        "${b%.c}" || fail "README example $(basename "$b") exits with $?"
        echo "README example $(basename "$b"): compiled and ran"
    done
    ;;

version)
    # One version, one policy: Cargo.toml's version is the CMake package's,
    # pkg-config's, the header's, the library's, and the file names'; the
    # soname and the CMake compatibility rule both promise "same major".
    need pkg-config
    need readelf
    v=$(sed -n 's/^version = "\([0-9.]*\)".*/\1/p' "$SRC/Cargo.toml" | head -n 1)
    major=${v%%.*}
    echo "Cargo.toml: $v"
    export PKG_CONFIG_PATH="$PREFIX/lib/pkgconfig"
    [ "$(pkg-config --modversion secrets)" = "$v" ] || fail "secrets.pc says $(pkg-config --modversion secrets)"
    [ "$(pkg-config --modversion secrets-static)" = "$v" ] || fail "secrets-static.pc disagrees"
    grep -q "^#define SECRETS_VERSION_STRING \"$v\"" "$PREFIX/include/secrets.h" || fail "header version"
    [ -f "$LIB/libsecrets.so.$v" ] || fail "no $LIB/libsecrets.so.$v"
    soname=$(readelf -d "$LIB/libsecrets.so.$v" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    [ "$soname" = "libsecrets.so.$major" ] || fail "soname $soname, want libsecrets.so.$major"
    [ "$(readlink "$LIB/libsecrets.so.$major")" = "libsecrets.so.$v" ] || fail "libsecrets.so.$major link"
    grep -q "PACKAGE_VERSION \"$v\"" "$LIB/cmake/secrets/secretsConfigVersion.cmake" || fail "CMake package version"
    grep -q "^  VERSION = \"$v\"" "$SRC/bindings/ruby/lib/libsecrets/version.rb" || fail "the Ruby gem's VERSION is not $v"
    # find_package: same major, any minor/patch up to this one, is accepted;
    # another major, or a newer version than installed, is not.
    mkdir "$WORK/fp"
    cat >"$WORK/fp/CMakeLists.txt" <<'EOF'
cmake_minimum_required(VERSION 3.16)
project(fp C)
find_package(secrets ${WANT} QUIET)
message(STATUS "found=${secrets_FOUND} version=${secrets_VERSION}")
EOF
    probe() {
        rm -rf "$WORK/fp/build"
        cmake -S "$WORK/fp" -B "$WORK/fp/build" -DCMAKE_PREFIX_PATH="$PREFIX" -DWANT="$1" |
            sed -n 's/^-- found=\([A-Za-z0-9]*\).*/\1/p'
    }
    [ "$(probe "$major.0")" = 1 ] || fail "find_package(secrets $major.0) fails for $v (same major)"
    [ "$(probe "$v")" = 1 ] || fail "find_package(secrets $v) fails"
    [ "$(probe "$((major + 1)).0")" = 0 ] || fail "find_package(secrets $((major + 1)).0) accepts $v"
    [ "$(probe "$major.$(( $(echo "$v" | cut -d. -f2) + 1 )).0")" = 0 ] || fail "a newer minor is accepted"
    grep -q 'SameMajorVersion\|same major' "$LIB/cmake/secrets/secretsConfigVersion.cmake" ||
        grep -q 'CVF_VERSION_MAJOR' "$LIB/cmake/secrets/secretsConfigVersion.cmake" || fail "not SameMajorVersion"
    echo "version $v: soname libsecrets.so.$major, CMake SameMajorVersion, pkg-config, header agree"
    ;;

*) echo "usage: $0 install|c-shared|c-static|cxx|subproject|go|ruby|readme-c|version"; exit 2 ;;
esac
echo "consumer $step: ok"
