#!/bin/sh
# check-target.sh TRIPLE SRC WORK CARGO
# `cargo check --lib` for a target that cannot be run here (macOS, FreeBSD):
# nothing Linux-only may leak into the portable code.  Exits 77 (skipped)
# when the target's standard library is not installed.
set -u
triple=$1 src=$2 work=$3 cargo=$4
rustc=$(dirname "$cargo")/rustc
[ -x "$rustc" ] || rustc=rustc
libdir=$("$rustc" --print target-libdir --target "$triple" 2>/dev/null)
ls "$libdir"/libcore-*.rlib >/dev/null 2>&1 ||
    { echo "SKIPPED: no Rust standard library for $triple (rustup target add $triple)"; exit 77; }
export SECRETS_HEADER_CHECK_ONLY=1
start=$(date +%s)
# `cargo check`, with the crate's own warnings as errors (code that only Linux
# uses shows up as dead code elsewhere).
"$cargo" rustc --lib --profile check --quiet --manifest-path "$src/Cargo.toml" --target "$triple" \
    --target-dir "$work/target" -- -D warnings || exit 1
echo "cargo check --lib --target $triple (warnings denied): clean in $(( $(date +%s) - start )) s"
