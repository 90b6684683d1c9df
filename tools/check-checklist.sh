#!/bin/sh
# check-checklist.sh [SOURCE_DIR] - the parts of CONTRIBUTING.md's "Adding a
# function" checklist that a script can check.  For every function that
# include/secrets.h declares:
#   1. a C test in c-tests/test_*.c calls it;
#   2. the Go binding wraps it (bindings/go/*.go, tests excluded);
#   3. the Ruby binding attaches it (bindings/ruby/lib/libsecrets/native.rb);
#   4. if it draws randomness, verify/common/entry_points.h calls it (so the
#      entropy-failure and allocation-failure injections reach it);
#   5. the linker version script gives it a version node;
#   6. docs/reference.md documents it.
# (Its place in a header section is enforced by build.rs itself.)
# Exemptions are listed below, each with its reason.  Exit 0 when every
# function passes, 1 with one line per gap otherwise.
set -u
src=${1:-$(dirname "$0")/..}
cd "$src" || exit 2

# Functions that draw no randomness: nothing for the failure injections to reach.
no_draw=" secrets_compare_digest secrets_compare_digest_str secrets_equal
 secrets_hex_decode secrets_base64_decode secrets_base64url_decode
 secrets_token_hex_size secrets_token_urlsafe_size secrets_token_base32_size
 secrets_token_base64_size secrets_token_chars_size secrets_password_size
 secrets_passphrase_size secrets_passphrase_eff_size secrets_password_entropy
 secrets_uuid_format secrets_strerror secrets_version secrets_entropy_source
 secrets_default_entropy secrets_memzero "
# Go: the binding's own idioms cover these: it sizes token buffers itself
# (the same formulas, in one Go helper), exposes DefaultEntropy as a Go
# constant and errors as sentinel values; generic Choice[T] picks through
# secrets_choice_index; CompareDigest takes strings as []byte; RandBits
# serves every k through secrets_randbits.
go_exempt=" secrets_token_hex_size secrets_token_urlsafe_size secrets_token_base32_size
 secrets_token_base64_size secrets_default_entropy secrets_strerror secrets_choice
 secrets_compare_digest_str secrets_randbits_u64 "
no_draw=" $(echo $no_draw) "
go_exempt=" $(echo $go_exempt) "

map=
for f in src/libsecrets.map src/secrets.map libsecrets.map; do
    [ -f "$f" ] && { map=$f; break; }
done

fns=$(grep -o 'secrets_[a-z0-9_]*(' include/secrets.h | tr -d '(' | sort -u)
[ -n "$fns" ] || { echo "check-checklist: no functions found in include/secrets.h"; exit 2; }
gaps=0
gap() { echo "checklist: $1: $2"; gaps=$((gaps + 1)); }
n=0
for f in $fns; do
    n=$((n + 1))
    base=${f#secrets_}
    grep -qw "$f" c-tests/test_*.c || gap "$f" "no C test in c-tests/test_*.c calls it"
    case "$go_exempt" in *" $f "*) ;; *)
        ls bindings/go/*.go | grep -v '_test\.go$' | xargs grep -qE "\\b$f\\b|\\($base\\)" ||
            gap "$f" "the Go binding (bindings/go) does not wrap it" ;;
    esac
    grep -q ":$f\\b" bindings/ruby/lib/libsecrets/native.rb ||
        gap "$f" "the Ruby binding does not attach it (bindings/ruby/lib/libsecrets/native.rb)"
    case "$no_draw" in *" $f "*) ;; *)
        grep -qw "$f" verify/common/entry_points.h ||
            gap "$f" "draws randomness but verify/common/entry_points.h does not call it" ;;
    esac
    if [ -n "$map" ]; then
        grep -qw "$f" "$map" || gap "$f" "no version node in $map"
    fi
    if [ -f docs/reference.md ]; then
        grep -qw "$f" docs/reference.md || gap "$f" "not documented in docs/reference.md"
    fi
done
echo "checklist: $n functions, $gaps gap(s)"
[ "$gaps" -eq 0 ]
