#!/bin/sh
# cli_test.sh PROGRAM GROUP - black-box tests of the `secrets` program.
#
# GROUP is one of: tokens numbers randrange choice lines password passphrase
# wordlist eff uuid usage failures help io manpage newcmds output docs
# completion zsh (each a ctest case: cli_GROUP; exit 77 = skipped).
# POSIX sh; needs only standard utilities (awk, grep, sort, wc, od).
# Randomised checks are chosen so that a correct program fails them with
# probability below 2^-40.
set -u
prog=$1
group=$2
case $prog in /*) ;; *) prog=$PWD/$prog ;; esac
srcdir=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/secrets-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT HUP INT TERM
LC_ALL=C
export LC_ALL
unset SECRETS_WORDLIST
fails=0
checks=0

fail() {
    echo "FAIL: $*" >&2
    fails=$((fails + 1))
}

# run ARGS...: runs the program; stdout in $tmp/out, stderr in $tmp/err, status in $rc.
run() {
    checks=$((checks + 1))
    desc=$(printf '%s' "secrets $*" | cut -c 1-120)
    "$prog" "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# ok ARGS...: status 0 and nothing on stderr.
ok() {
    run "$@"
    [ "$rc" -eq 0 ] || fail "$desc: status $rc, want 0; stderr: $(cat "$tmp/err")"
    [ ! -s "$tmp/err" ] || fail "$desc: unexpected stderr: $(cat "$tmp/err")"
}

# status N ARGS...: status N, empty stdout, exactly one line "secrets: ..." on stderr.
status() {
    want=$1
    shift
    run "$@"
    [ "$rc" -eq "$want" ] || fail "$desc: status $rc, want $want; stderr: $(cat "$tmp/err")"
    [ ! -s "$tmp/out" ] || fail "$desc: stdout not empty on error: $(head -c 200 "$tmp/out")"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$desc: stderr is not one line: $(cat "$tmp/err")"
    grep -q '^secrets: ' "$tmp/err" || fail "$desc: stderr lacks the 'secrets: ' prefix: $(cat "$tmp/err")"
}

# err_has TEXT: the last run's stderr contains TEXT (fixed string).
err_has() {
    grep -qF -- "$1" "$tmp/err" || fail "$desc: stderr lacks '$1': $(cat "$tmp/err")"
}

# lines N ERE: stdout has N lines, each matching ERE entirely.
lines() {
    n=$(wc -l <"$tmp/out")
    [ "$n" -eq "$1" ] || fail "$desc: $n lines, want $1"
    bad=$(grep -Evxc -- "$2" "$tmp/out")
    [ "$bad" -eq 0 ] || fail "$desc: $bad line(s) do not match /$2/: $(grep -Evx -- "$2" "$tmp/out" | head -n 3)"
}

# distinct N: stdout has N distinct lines.
distinct() {
    n=$(sort -u "$tmp/out" | wc -l)
    [ "$n" -eq "$1" ] || fail "$desc: $n distinct lines, want $1"
}

# seen TEXT...: every TEXT occurs as a whole line of stdout.
seen() {
    for s in "$@"; do
        grep -qxF -- "$s" "$tmp/out" || fail "$desc: never printed '$s'"
    done
}

# repeat S N: S repeated N times.
repeat() {
    awk -v s="$1" -v n="$2" 'BEGIN { r = ""; for (i = 0; i < n; i++) r = r s; print r }'
}

# Every stdout line, as a decimal string, is below the decimal $1 (compares
# by length, then as strings: exact for any size).
all_below() {
    awk -v n="$1" '
        function lt(a, b) { if (length(a) != length(b)) return length(a) < length(b); return (a "") < (b "") }
        !/^(0|[1-9][0-9]*)$/ { bad++; next }
        !lt($0, n) { bad++ }
        END { exit bad > 0 }' "$tmp/out" || fail "$desc: a value is not a canonical decimal below $1"
}

TWO_1000=10715086071862673209484250490600018105614048117055336074437503883703510511249361224931983788156958581275946729175531468251871452856923140435984577574698574803934567774824230985421074605062371141877954182153046474983581941267398767559165543946077062914571196477686542167660429831652624386837205668069376
TWO_999=5357543035931336604742125245300009052807024058527668037218751941851755255624680612465991894078479290637973364587765734125935726428461570217992288787349287401967283887412115492710537302531185570938977091076523237491790970633699383779582771973038531457285598238843271083830214915826312193418602834034688
TWO_64=18446744073709551616

test_tokens() {
    ok token-hex
    lines 1 '[0-9a-f]{64}'
    ok token-urlsafe
    lines 1 '[A-Za-z0-9_-]{43}'
    ok token-base32
    lines 1 '[A-Z2-7]{52}'
    for n in 0 1 2 3 4 5 6 7 16 31 100; do
        ok token-hex "$n"
        lines 1 "[0-9a-f]{$((2 * n))}"
        ok token-urlsafe "$n"
        lines 1 "[A-Za-z0-9_-]{$(((4 * n + 2) / 3))}"
        ok token-base32 "$n"
        lines 1 "[A-Z2-7]{$(((8 * n + 4) / 5))}"
    done
    ok token-hex 16 -n 50
    lines 50 '[0-9a-f]{32}'
    distinct 50
    ok token-urlsafe -n 5
    lines 5 '[A-Za-z0-9_-]{43}'
    distinct 5
    ok token-base32 --count=5 10
    lines 5 '[A-Z2-7]{16}'
    ok -n 3 token-hex 4
    lines 3 '[0-9a-f]{8}'
    ok token-hex -n 0
    lines 0 ''
    # All 16 hex digits and all 64 base64url characters do occur.
    ok token-hex 256
    for ch in 0 1 2 3 4 5 6 7 8 9 a b c d e f; do
        grep -q "$ch" "$tmp/out" || fail "$desc: hex digit $ch never occurs"
    done
    ok token-urlsafe 4096
    [ "$(fold -w 1 "$tmp/out" | sort -u | wc -l)" -eq 64 ] || fail "$desc: not all 64 base64url characters occur"
}

test_numbers() {
    ok randbelow 1 -n 20
    lines 20 '0'
    ok randbelow 2 -n 200
    lines 200 '[01]'
    seen 0 1
    ok randbelow 1000 -n 2000
    lines 2000 '0|[1-9][0-9]{0,2}'
    [ "$(sort -n "$tmp/out" | tail -n 1)" -ge 900 ] || fail "$desc: nothing >= 900"
    [ "$(sort -n "$tmp/out" | head -n 1)" -lt 100 ] || fail "$desc: nothing < 100"
    ok randbelow 000256 -n 300
    all_below 256
    # P(nothing >= 200 in 300 draws) = (200/256)^300 < 2^-100.
    grep -qx '2[0-5][0-9]' "$tmp/out" || fail "$desc: nothing in 200..255"
    for n in 255 257 4294967295 4294967296 4294967297 "$TWO_64" 18446744073709551617; do
        ok randbelow "$n" -n 50
        all_below "$n"
    done
    # A 300-digit bound: every result stays below it, and the top of the
    # range is reached (P(result >= 6e299) = 0.18 per draw).
    big=7$(repeat 3 299)
    ok randbelow "$big" -n 300
    lines 300 '0|[1-9][0-9]*'
    all_below "$big"
    awk 'length($0) == 300 && /^[67]/ { f = 1 } END { exit !f }' "$tmp/out" || fail "$desc: the top of the range is never reached"
    ok randbelow "$TWO_1000" -n 3
    all_below "$TWO_1000"

    ok randbits 0
    lines 1 '0'
    ok randbits 1 -n 100
    lines 100 '[01]'
    seen 0 1
    ok randbits 8 -n 500
    all_below 256
    grep -qx '2[0-5][0-9]' "$tmp/out" || fail "$desc: nothing in 200..255"
    ok randbits 64 -n 50
    all_below "$TWO_64"
    ok randbits 1000 -n 50
    lines 50 '0|[1-9][0-9]*'
    all_below "$TWO_1000"
    # P(no result >= 2^999 in 50 draws) = 2^-50.
    awk -v h="$TWO_999" 'length($0) > length(h) || (length($0) == length(h) && ($0 "") >= (h "")) { f = 1 } END { exit !f }' "$tmp/out" ||
        fail "$desc: no result has its top bit set"
    ok randbits 100000
    lines 1 '[1-9][0-9]*'
    [ "$(wc -c <"$tmp/out")" -le 30104 ] || fail "$desc: more than 30103 digits"
}

test_randrange() {
    ok randrange 1 7 -n 300
    lines 300 '[1-6]'
    seen 1 2 3 4 5 6
    ok randrange 10 -n 300
    lines 300 '[0-9]'
    seen 0 9
    ok randrange 10 -10 -3 -n 400
    lines 400 '10|7|4|1|-2|-5|-8'
    seen 10 7 4 1 -2 -5 -8
    ok randrange 0 100 5 -n 200
    lines 200 '[0-9]?[05]'
    ok randrange -5 -4 -n 5
    lines 5 '-5'
    ok randrange 9223372036854775806 9223372036854775807
    lines 1 '9223372036854775806'
    ok randrange -9223372036854775808 -9223372036854775807
    lines 1 '-9223372036854775808'
    ok randrange -9223372036854775808 9223372036854775807 -n 20
    lines 20 '-?[1-9][0-9]{0,18}|0'
    ok randrange -- -3 3
    lines 1 '-[1-3]|[0-2]'
}

test_choice() {
    ok choice rock paper scissors -n 200
    lines 200 'rock|paper|scissors'
    seen rock paper scissors
    ok choice only
    lines 1 'only'
    ok choice 'two words' x -n 100
    lines 100 'two words|x'
    seen 'two words' x
    ok choice -n 100 -- -x -y
    lines 100 '-x|-y'
    ok choice -1 0 1 -n 100
    lines 100 '-1|0|1'
    seen -1 0 1
}

test_lines() {
    # shuffle: a permutation, duplicates and empty lines kept, last line
    # without a newline gets one.
    printf 'b\na\n\nc\na\nd d\nlast' >"$tmp/in"
    printf 'b\na\n\nc\na\nd d\nlast\n' | sort >"$tmp/want"
    ok shuffle "$tmp/in"
    sort "$tmp/out" | cmp -s - "$tmp/want" || fail "$desc: not a permutation of the input lines"
    run shuffle <"$tmp/in"
    sort "$tmp/out" | cmp -s - "$tmp/want" || fail "$desc (stdin): not a permutation"
    # Really shuffled: 3 runs of 20 lines all in input order has p = 20!^-3.
    seq 1 20 >"$tmp/seq20" 2>/dev/null || awk 'BEGIN { for (i = 1; i <= 20; i++) print i }' >"$tmp/seq20"
    same=0
    for i in 1 2 3; do
        run shuffle "$tmp/seq20"
        cmp -s "$tmp/out" "$tmp/seq20" && same=$((same + 1))
        sort -n "$tmp/out" | cmp -s - "$tmp/seq20" || fail "$desc: not a permutation of 1..20"
    done
    [ "$same" -lt 3 ] || fail "shuffle never changed the order"
    # Several files, the first without a final newline; '-' is stdin.
    printf 'x' >"$tmp/f1"
    printf 'y\n' >"$tmp/f2"
    printf 'z\n' | "$prog" shuffle "$tmp/f1" - "$tmp/f2" >"$tmp/out" 2>"$tmp/err"
    [ "$(sort "$tmp/out" | tr '\n' ,)" = "x,y,z," ] || fail "shuffle FILE - FILE: got $(tr '\n' , <"$tmp/out")"
    ok shuffle /dev/null
    lines 0 ''

    awk 'BEGIN { for (i = 1; i <= 50; i++) print "line " i }' >"$tmp/fifty"
    ok sample 5 "$tmp/fifty"
    lines 5 'line [0-9]+'
    distinct 5
    while IFS= read -r l; do
        grep -qxF -- "$l" "$tmp/fifty" || fail "$desc: '$l' is not an input line"
    done <"$tmp/out"
    run sample 50 <"$tmp/fifty"
    sort "$tmp/out" | cmp -s - "$(sort "$tmp/fifty" >"$tmp/fifty.s" && echo "$tmp/fifty.s")" || fail "$desc: sample of all lines is not a permutation"
    cmp -s "$tmp/out" "$tmp/fifty" && fail "$desc: sample of all 50 lines kept the input order"
    # Different runs draw different lines (all three equal: p < 2^-44).
    "$prog" sample 4 "$tmp/fifty" >"$tmp/s1"
    "$prog" sample 4 "$tmp/fifty" >"$tmp/s2"
    "$prog" sample 4 "$tmp/fifty" >"$tmp/s3"
    if cmp -s "$tmp/s1" "$tmp/s2" && cmp -s "$tmp/s2" "$tmp/s3"; then
        fail "sample 4: three runs printed the same lines"
    fi
    # The last line can be drawn: 10 samples of 49 from 50 all leave out
    # line 50 with p = 50^-10 < 2^-56.
    : >"$tmp/all"
    for i in 1 2 3 4 5 6 7 8 9 10; do
        "$prog" sample 49 "$tmp/fifty" >>"$tmp/all"
    done
    grep -qx 'line 50' "$tmp/all" || fail "sample 49: line 50 never drawn in 10 runs"
    ok sample 0 "$tmp/fifty"
    lines 0 ''
    # Lines are distinct by position: two equal lines can both be drawn.
    printf 'same\nsame\n' >"$tmp/dup"
    ok sample 2 "$tmp/dup"
    lines 2 'same'
}

test_password() {
    ok password
    lines 1 '[A-Za-z0-9]{20}'
    ok password 32
    lines 1 '[A-Za-z0-9]{32}'
    ok password --length 8 -n 20
    lines 20 '[A-Za-z0-9]{8}'
    distinct 20
    status 2 password -l 0
    err_has "LENGTH must be at least 1"
    status 2 password 0
    ok password --symbols 40 -n 10
    lines 10 '[!-~]{40}'
    ok password --alphabet 0123456789 6 -n 10
    lines 10 '[0-9]{6}'
    ok password --alphabet 'αβγ' 5 -n 10
    lines 10 '(α|β|γ){5}'
    ok password 12 --symbols --min-lower 3 --min-upper 3 --min-digits 3 --min-symbols 3 -n 40
    lines 40 '[!-~]{12}'
    awk '{ s = $0; l = gsub(/[a-z]/, "", s); s = $0; u = gsub(/[A-Z]/, "", s);
           s = $0; d = gsub(/[0-9]/, "", s); s = $0; y = gsub(/[^A-Za-z0-9]/, "", s);
           if (l < 3 || u < 3 || d < 3 || y < 3) bad++ } END { exit bad > 0 }' "$tmp/out" ||
        fail "$desc: a password misses a minimum"
    ok password 4 --min-digits 4 -n 5
    lines 5 '[0-9]{4}'
    ok password 1024
    lines 1 '[A-Za-z0-9]{1024}'
    ok password 4096 --alphabet 'αβγδ'
    [ "$(wc -c <"$tmp/out")" -eq 8193 ] || fail "$desc: not 4096 two-byte characters"
    status 1 password 4097
    err_has "LENGTH 4097"
    status 2 password 99999999999999999999
    # --entropy: log2 of the number of acceptable strings.
    ok password --entropy 10
    lines 1 '59\.54'
    ok password --entropy --symbols 16
    lines 1 '104\.87'
    status 2 password --entropy 0
    ok password --entropy --alphabet 01 --length 8
    lines 1 '8\.00'
    # Exactly one 8-digit string of 0/1 has eight 1s: log2(1) = 0.
    ok password --entropy --alphabet 01 --length 8 --min-digits 8
    lines 1 '8\.00'
    ok password --entropy --alphabet ab --length 3 --min-lower 3
    lines 1 '3\.00'
    # Minimums exclude strings: entropy drops below LENGTH * log2(62).
    ok password --entropy 8 --min-digits 4
    awk '{ exit !($1 < 47.63 && $1 > 30) }' "$tmp/out" || fail "$desc: entropy $(cat "$tmp/out") not below 47.63"
    # Unsatisfiable policies and bad alphabets are library failures (1).
    status 1 password --min-symbols 1
    err_has "add --symbols or --alphabet"
    status 1 password 3 --min-digits 2 --min-upper 2
    status 1 password --alphabet abc --min-digits 1
    status 1 password --alphabet aab 5
    status 1 password --alphabet '' 5
    status 1 password --alphabet "$(printf 'a\377b')" 5
    status 1 password --entropy --min-symbols 1

    # --exclude CHARS and --no-ambiguous (pwgen -B: B8G6I1l0OQDS5Z2) remove
    # characters from the alphabet in use.
    ok password 64 --no-ambiguous -n 20
    lines 20 '[AC-FHJ-NPR-Ya-km-z3479]{64}'
    # 1280 characters from 47: every remaining one occurs (P(miss) < 2^-30).
    fold -w 1 "$tmp/out" | sort -u | wc -l | grep -qx ' *47' || fail "$desc: not all 47 characters occur"
    ok password -B --entropy 10
    lines 1 '55\.55'
    ok password 64 --exclude abcXYZ019 -n 20
    lines 20 '[d-zA-W2-8]{64}'
    ok password 40 -x 'aeiou' --symbols -n 10
    lines 10 '[!-~]{40}'
    grep -q '[aeiou]' "$tmp/out" && fail "$desc: an excluded vowel occurs"
    ok password 30 -B -s -x '!"#$%&' -n 10
    grep -q '[B8G6I1l0OQDS5Z2!"#$%&]' "$tmp/out" && fail "$desc: an excluded character occurs"
    ok password 10 --alphabet 'αβγδ' --exclude 'β' -n 20
    lines 20 '(α|γ|δ){10}'
    ok password --alphabet 0123456789 -x 0 --entropy 4
    lines 1 '12\.68'
    status 1 password --alphabet abc --exclude abc
    err_has "the alphabet is empty after --exclude/--no-ambiguous"
    status 1 password --exclude 0123456789 --min-digits 1
    err_has "missing from the alphabet"
    status 2 password --exclude
}

test_passphrase() {
    printf 'apple\n  banana \r\ncherry\n\napple\ndate\nelder' >"$tmp/words"
    W='(apple|banana|cherry|date|elder)'
    ok passphrase --wordlist "$tmp/words" --words 4
    lines 1 "($W ){3}$W"
    ok passphrase -W "$tmp/words"
    lines 1 "($W ){5}$W"
    ok passphrase -W "$tmp/words" -w 3 -S - -n 20
    lines 20 "($W-){2}$W"
    ok passphrase 2 -W "$tmp/words" --separator=' :: ' -n 200
    lines 200 "$W :: $W"
    # Every word is used (P(a word unused in 400 draws) < 2^-125), and
    # blanks around words were trimmed.
    tr ' :' '\n\n' <"$tmp/out" >"$tmp/used"
    for w in apple banana cherry date elder; do
        grep -qx "$w" "$tmp/used" || fail "$desc: '$w' never used"
    done
    ok passphrase -W - -w 2 <"$tmp/words"
    lines 1 "$W $W"
    # Entropy counts distinct words: 6 * log2(5).
    ok passphrase -W "$tmp/words" --entropy
    lines 1 '13\.93'
    SECRETS_WORDLIST=$tmp/words
    export SECRETS_WORDLIST
    ok passphrase 3
    lines 1 "($W ){2}$W"
    SECRETS_WORDLIST=$tmp/missing
    status 1 passphrase
    err_has "$tmp/missing"
    unset SECRETS_WORDLIST
    status 1 passphrase --wordlist "$tmp/missing"
    status 1 passphrase --wordlist /dev/null
    err_has "has no words"
    printf '\n  \n' >"$tmp/blank"
    status 1 passphrase --wordlist "$tmp/blank"
    status 1 passphrase --wordlist "$tmp" # a directory
    printf 'ok\nb\377d\n' >"$tmp/badutf8"
    status 1 passphrase --wordlist "$tmp/badutf8" 2
    err_has "UTF-8"
    status 1 passphrase -W "$tmp/words" -S "$(printf '\377')"
    status 2 passphrase --words x -W "$tmp/words"
    status 2 passphrase 3 --words 3 -W "$tmp/words"
    # Zero words is a usage error, however it is asked for.
    status 2 passphrase 0 -W "$tmp/words"
    err_has "NWORDS must be at least 1"
    status 2 passphrase --words 0
    status 2 passphrase -w 0 --entropy
    # The short options mean the same as in every other command.
    status 2 passphrase -s - -W "$tmp/words"
    err_has "-s/--symbols does not apply to passphrase"
    status 2 passphrase -f "$tmp/words"
    err_has "-f/--force does not apply to passphrase"
}

test_wordlist() {
    # The diceware/EFF format: dice digits, a tab or spaces, the word.
    printf '11111\tabacus\n11112\tabdomen\n11113  abide\r\n\n11114\t abiding  \n' >"$tmp/eff"
    E='(abacus|abdomen|abide|abiding)'
    ok passphrase -W "$tmp/eff" -w 3 -n 100
    lines 100 "($E ){2}$E"
    tr ' ' '\n' <"$tmp/out" | sort -u >"$tmp/used"
    [ "$(wc -l <"$tmp/used")" -eq 4 ] || fail "$desc: not exactly the 4 words used: $(tr '\n' ' ' <"$tmp/used")"
    ok passphrase -W "$tmp/eff" -w 6 --entropy
    lines 1 '12\.00'
    # Repeated words count once in either format.
    printf '1\tx\n2\ty\n3\tx\n' >"$tmp/dupeff"
    ok passphrase -W "$tmp/dupeff" -w 5 --entropy
    lines 1 '5\.00'
    # A plain list whose words are numbers stays a plain list.
    printf '2024\n1999\n' >"$tmp/years"
    ok passphrase -W "$tmp/years" -w 2 -n 20
    lines 20 '(2024|1999) (2024|1999)'
    # Lines that are neither form are refused, naming the file and line.
    printf '11111\tabacus\textra\n' >"$tmp/threecol"
    status 1 passphrase -W "$tmp/threecol"
    err_has "line 1"
    err_has "blank inside the word"
    printf 'apple\nice cream\n' >"$tmp/space"
    status 1 passphrase -W "$tmp/space"
    err_has "'$tmp/space' line 2"
    printf 'apple\tpie\n' >"$tmp/tab"
    status 1 passphrase -W "$tmp/tab"
    err_has "blank inside the word"
    printf '11111\tabacus\nbanana\n' >"$tmp/mixed1"
    status 1 passphrase -W "$tmp/mixed1"
    err_has "line 2: a line without dice digits in a diceware list"
    printf 'banana\n11111\tabacus\n' >"$tmp/mixed2"
    status 1 passphrase -W "$tmp/mixed2"
    err_has "line 2: a numbered line in a list of plain words"
    printf 'ok\nb\033d\n' >"$tmp/ctrl"
    status 1 passphrase -W "$tmp/ctrl"
    err_has "control character"
    # Malformed lists are refused for --entropy too (no figure for a bad list).
    status 1 passphrase -W "$tmp/threecol" --entropy
}

test_eff() {
    # The EFF long list built into the library is the default.
    ok passphrase
    lines 1 '[a-z-]+( [a-z-]+){5}'
    ok passphrase -w 8 -S . -n 50
    lines 50 '[a-z-]+(\.[a-z-]+){7}'
    # 400 words from 7776: repeats are few (expected about 10).
    tr . '\n' <"$tmp/out" | sort -u >"$tmp/used"
    [ "$(wc -l <"$tmp/used")" -gt 360 ] || fail "$desc: only $(wc -l <"$tmp/used") distinct words"
    ok passphrase --entropy
    lines 1 '77\.55'
    ok passphrase 10 --entropy
    lines 1 '129\.25'
    ok passphrase 1 --entropy
    lines 1 '12\.92'
    # The first and last words of the EFF long list can come out: 2000 draws
    # miss a given word with p = (7775/7776)^2000 ~ 0.77, so instead check
    # membership of everything drawn against the list's shape: lowercase
    # ASCII words (a few with a hyphen), 3 to 9 letters.
    ok passphrase 1 -n 2000
    lines 2000 '[a-z-]{3,9}'
    status 2 passphrase 0
    status 1 passphrase -S "$(printf '\377')"
    err_has "UTF-8"
}

test_uuid() {
    v4='[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
    v7='[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}'
    ok uuid
    lines 1 "$v4"
    ok uuid --v4 -n 100
    lines 100 "$v4"
    distinct 100
    ok uuid --v7
    lines 1 "$v7"
    ok uuid --v7 -n 200
    lines 200 "$v7"
    sort -c -u "$tmp/out" 2>/dev/null || fail "$desc: v7 UUIDs are not strictly increasing"
    # The v7 timestamp is the current Unix time in milliseconds.
    hex=$(head -n 1 "$tmp/out" | tr -d - | cut -c 1-12)
    secs=$(($(printf '%d' "0x$hex") / 1000))
    now=$(date +%s)
    [ $((secs - now)) -lt 600 ] && [ $((now - secs)) -lt 600 ] ||
        fail "$desc: v7 timestamp $secs is far from now ($now)"
}

test_usage() {
    status 2
    status 2 frobnicate
    err_has "unknown command 'frobnicate'"
    status 2 --bogus
    status 2 -n
    status 2 -n x uuid
    status 2 -n -1 uuid
    status 2 token-hex abc
    status 2 token-hex -1
    err_has "must not be negative"
    status 2 token-hex 99999999999999999999999
    err_has "too large"
    status 2 token-hex 1.5
    status 2 token-hex 1 2
    status 2 token-hex --bogus
    status 2 token-hex -x
    status 2 token-hex -n
    status 2 token-hex -n x
    status 2 token-hex -n -3
    status 2 token-hex -n 99999999999999999999999999
    status 2 token-urlsafe x
    status 2 token-base32 " 5"
    status 2 token-bytes x
    status 2 token-bytes -n 2 16
    status 2 -n 2 token-bytes
    status 2 randbelow
    status 2 randbelow abc
    status 2 randbelow -5
    status 2 randbelow 1e5
    status 2 randbelow 0x10
    status 2 randbelow 1 2
    status 2 randbelow "$(repeat 9 100001)"
    status 2 randbits
    status 2 randbits -1
    status 2 randbits x
    status 2 randbits 1000001
    status 2 randrange
    status 2 randrange a b
    status 2 randrange 1 2 3 4
    status 2 randrange 9223372036854775808
    status 2 randrange -9223372036854775809 0
    status 2 randrange 1 x
    status 2 shuffle -n 3
    err_has "sample"
    status 2 sample
    status 2 sample x
    status 2 sample -2
    status 2 sample -n 2 3
    status 2 password --length x
    status 2 password --min-digits -1
    status 2 password --symbols --alphabet abc
    status 2 password 5 --length 6
    status 2 password 5 6
    status 2 password --length
    status 2 passphrase --words
    status 2 passphrase 1 2
    status 2 uuid extra
    status 2 uuid --v8
    status 2 uuid --v7=1
    # Conflicting options are usage errors, in either order.
    status 2 uuid --v4 --v7
    err_has "--v4 and --v7 cannot be combined"
    status 2 uuid --v7 --v4 -n 3
    status 2 password -s -a abc
    err_has "--symbols and --alphabet cannot be combined"
    # An option of another command is refused by name.
    status 2 uuid --symbols
    err_has "-s/--symbols does not apply to uuid"
    status 2 token-hex --force
    status 2 password --wordlist x
    status 2 -s password
    err_has "belongs after a command"
    status 2 choice -n x a b
    status 2 help frobnicate
    status 2 help uuid extra
}

test_failures() {
    # Errors the library reports: status 1 and its message.
    status 1 randbelow 0
    err_has "N must be at least 1"
    status 1 randbelow 000
    status 1 randrange 5 5
    status 1 randrange 0 10 0
    status 1 randrange 0 10 -1
    status 1 choice
    err_has "no ITEM given"
    status 1 sample 3 /dev/null
    printf 'a\nb\n' >"$tmp/two"
    status 1 sample 3 "$tmp/two"
    status 1 shuffle "$tmp/missing"
    err_has "$tmp/missing"
    status 1 sample 1 "$tmp/missing"
    status 1 shuffle "$tmp"
    status 1 password --min-symbols 1
    err_has "add --symbols or --alphabet"
    status 1 randrange 5 5
    err_has "the range is empty"
}

test_help() {
    ok --help
    grep -q '^Usage: secrets' "$tmp/out" || fail "$desc: no usage line"
    cp "$tmp/out" "$tmp/mainhelp"
    ok -h
    cmp -s "$tmp/out" "$tmp/mainhelp" || fail "secrets -h differs from --help"
    ok help
    cmp -s "$tmp/out" "$tmp/mainhelp" || fail "secrets help differs from --help"
    for c in token-hex token-urlsafe token-base32 token-base64 token-bytes randbelow randbits \
        randrange randint pin choice shuffle sample password passphrase uuid; do
        grep -q "^  $c " "$tmp/mainhelp" || fail "secrets --help does not list $c"
        ok "$c" --help
        head -n 1 "$tmp/out" | grep -q "^Usage: secrets $c" || fail "$desc: bad first line"
        cp "$tmp/out" "$tmp/sub"
        ok help "$c"
        cmp -s "$tmp/out" "$tmp/sub" || fail "secrets help $c differs from secrets $c --help"
        ok "$c" -h
        cmp -s "$tmp/out" "$tmp/sub" || fail "secrets $c -h differs from --help"
    done
    ok --version
    lines 2 'secrets [0-9]+\.[0-9]+\.[0-9]+.*|libsecrets [0-9]+\.[0-9]+\.[0-9]+.*'
    ok -V
    lines 2 '.+'
}

test_io() {
    for n in 0 1 16 31 100000; do
        "$prog" token-bytes "$n" >"$tmp/bytes" 2>"$tmp/err" || fail "token-bytes $n: status $?"
        [ "$(wc -c <"$tmp/bytes")" -eq "$n" ] || fail "token-bytes $n: wrote $(wc -c <"$tmp/bytes") bytes"
    done
    [ "$("$prog" token-bytes 16 | wc -c)" -eq 16 ] || fail "token-bytes 16 | wc -c is not 16"
    [ "$("$prog" token-bytes | wc -c)" -eq 32 ] || fail "token-bytes | wc -c is not 32"
    # All 256 byte values occur in 64 KiB (P(miss) < 256 * e^-256).
    [ "$("$prog" token-bytes 65536 | od -An -v -tu1 | tr -s ' ' '\n' | grep -v '^$' | sort -u | wc -l)" -eq 256 ] ||
        fail "token-bytes 65536: not all byte values occur"
    # A reader that goes away early: no crash, no message.
    for args in "token-hex" "-n 200000 token-hex" "token-bytes 10000000" "-n 100000 uuid"; do
        # shellcheck disable=SC2086
        { "$prog" $args 2>"$tmp/err"; echo $? >"$tmp/st"; } | head -c 1 >/dev/null
        st=$(cat "$tmp/st")
        [ "$st" -le 1 ] || fail "secrets $args | head -c 1: status $st (killed by a signal?)"
        [ ! -s "$tmp/err" ] || fail "secrets $args | head -c 1: stderr: $(cat "$tmp/err")"
    done
    if [ -w /dev/full ]; then
        run token-hex
        "$prog" token-hex >/dev/full 2>"$tmp/err"
        st=$?
        [ "$st" -eq 1 ] || fail "secrets token-hex >/dev/full: status $st, want 1"
        grep -q '^secrets: write error' "$tmp/err" || fail "secrets token-hex >/dev/full: $(cat "$tmp/err")"
    fi
    # Raw bytes are refused on a terminal (util-linux script gives a pty).
    if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
        script -qec "'$prog' token-bytes 8" /dev/null >"$tmp/tty" 2>&1
        st=$?
        [ "$st" -eq 2 ] || fail "token-bytes on a terminal: status $st, want 2"
        grep -q 'refusing to write raw bytes to a terminal' "$tmp/tty" || fail "token-bytes on a terminal: $(cat "$tmp/tty")"
        script -qec "'$prog' token-bytes 8 --force" /dev/null >"$tmp/tty" 2>&1
        st=$?
        [ "$st" -eq 0 ] || fail "token-bytes --force on a terminal: status $st, want 0"
    else
        echo "note: no util-linux script(1); terminal refusal not tested"
    fi
}

test_manpage() {
    man=$srcdir/secrets.1
    [ -f "$man" ] || { fail "no $man"; return; }
    for c in token-hex token-urlsafe token-base32 token-base64 token-bytes randbelow randbits \
        randrange randint pin choice shuffle sample password passphrase uuid; do
        sed 's/\\-/-/g' "$man" | grep -q "^\\\\fB$c\\\\fR" || fail "man page does not describe $c"
    done
    if command -v groff >/dev/null 2>&1; then
        warnings=$(groff -man -Tutf8 -ww -z "$man" 2>&1)
        [ -z "$warnings" ] || fail "groff warnings: $warnings"
        checks=$((checks + 1))
    else
        echo "note: no groff; man page syntax not checked"
    fi
}

test_newcmds() {
    # token-base64: RFC 4648 section 4, padded, 4*ceil(n/3) characters.
    ok token-base64
    lines 1 '[A-Za-z0-9+/]{43}='
    for n in 0 1 2 3 4 5 16 31; do
        ok token-base64 "$n"
        len=$((4 * ((n + 2) / 3)))
        pad=$(((3 - n % 3) % 3))
        lines 1 "[A-Za-z0-9+/]{$((len - pad))}={$pad}"
    done
    ok token-base64 3072
    [ "$(tr -d '\n' <"$tmp/out" | fold -w 1 | sort -u | wc -l)" -eq 64 ] || fail "$desc: not all 64 base64 characters occur"
    ok token-base64 24 -n 20
    lines 20 '[A-Za-z0-9+/]{32}'
    distinct 20
    if command -v base64 >/dev/null 2>&1; then
        "$prog" token-base64 33 | base64 -d 2>/dev/null | wc -c >"$tmp/n"
        [ "$(cat "$tmp/n")" -eq 33 ] || fail "token-base64 33 does not decode to 33 bytes"
    fi
    status 2 token-base64 x
    status 2 token-base64 1 2

    # pin: N uniform decimal digits, leading zeros kept.
    ok pin
    lines 1 '[0-9]{6}'
    ok pin 4 -n 300
    lines 300 '[0-9]{4}'
    ok pin 1 -n 300
    lines 300 '[0-9]'
    seen 0 1 2 3 4 5 6 7 8 9
    ok pin 2 -n 2000
    # P(no PIN starting with 0 in 2000 draws) = 0.9^2000.
    grep -q '^0' "$tmp/out" || fail "$desc: no leading zero"
    ok pin 5000
    lines 1 '[0-9]{5000}'
    status 2 pin 0
    err_has "N must be at least 1"
    status 2 pin -3
    status 2 pin x
    status 2 pin 1 2

    # randint A B: both ends included.
    ok randint 1 6 -n 300
    lines 300 '[1-6]'
    seen 1 2 3 4 5 6
    ok randint 7 7 -n 5
    lines 5 '7'
    ok randint -3 -1 -n 100
    lines 100 '-[1-3]'
    seen -1 -2 -3
    ok randint -9223372036854775808 9223372036854775807 -n 20
    lines 20 '-?[1-9][0-9]{0,18}|0'
    ok randint 9223372036854775807 9223372036854775807
    lines 1 '9223372036854775807'
    status 1 randint 6 1
    err_has "A must not be greater than B"
    status 2 randint 1
    err_has "missing A and B"
    status 2 randint 1 2 3
    status 2 randint 1 9223372036854775808
    err_has "out of range"
    err_has "randbelow"
    status 2 randint -9223372036854775809 0
    status 2 randint 1.5 2

    # Python's underscore spellings.
    ok token_hex 4
    lines 1 '[0-9a-f]{8}'
    ok token_urlsafe 3
    lines 1 '[A-Za-z0-9_-]{4}'
    ok token_base64 3
    lines 1 '[A-Za-z0-9+/]{4}'
    ok token_base32 5
    lines 1 '[A-Z2-7]{8}'
    "$prog" token_bytes 7 | wc -c | grep -qx ' *7' || fail "token_bytes 7 is not 7 bytes"
    ok help token_hex
    head -n 1 "$tmp/out" | grep -q '^Usage: secrets token-hex' || fail "$desc: not token-hex's help"
    ok -n 2 token_hex 1
    lines 2 '[0-9a-f]{2}'

    # Did you mean ...
    status 2 randnit 1 6
    err_has "unknown command 'randnit' (did you mean 'randint'?"
    status 2 tokenhex
    err_has "did you mean 'token-hex'?"
    status 2 passwrod
    err_has "did you mean 'password'?"
    status 2 uuid4
    err_has "did you mean 'uuid'?"
    status 2 pass
    err_has "did you mean 'password' or 'passphrase'?"
    status 2 help randitn
    err_has "did you mean 'randint'?"
    status 2 frobnicate
    err_has "unknown command 'frobnicate' (see 'secrets --help')"
    # ... and on a misspelt long option.
    status 2 password --no-ambigous
    err_has "unknown option '--no-ambigous' (did you mean '--no-ambiguous'?"
    status 2 passphrase --word-list x
    err_has "did you mean '--wordlist'?"
    status 2 uuid --bogus-option
    err_has "unknown option '--bogus-option' (see 'secrets uuid --help')"
}

test_output() {
    d=$tmp/outdir
    mkdir "$d"
    # -o FILE: mode 0600 whatever the umask, the whole output, no temporary left.
    (umask 022 && "$prog" token-hex 16 -o "$d/key") 2>"$tmp/err" || fail "token-hex -o: status $?: $(cat "$tmp/err")"
    [ ! -s "$tmp/err" ] || fail "token-hex -o: stderr: $(cat "$tmp/err")"
    grep -Eqx '[0-9a-f]{32}' "$d/key" || fail "token-hex -o: bad content: $(cat "$d/key")"
    [ "$(stat -c %a "$d/key")" = 600 ] || fail "token-hex -o: mode $(stat -c %a "$d/key"), want 600"
    [ "$(ls -A "$d" | wc -l)" -eq 1 ] || fail "token-hex -o: left other files: $(ls -A "$d")"
    # Before the command too, and for a command with -n.
    ok -o "$d/uuids" -n 3 uuid
    lines 0 ''
    [ "$(wc -l <"$d/uuids")" -eq 3 ] || fail "$desc: not 3 lines in the file"
    ok uuid --output="$d/one"
    [ "$(wc -l <"$d/one")" -eq 1 ] || fail "$desc: not 1 line in the file"
    # Raw bytes: no terminal check, the exact size.
    ok token-bytes 100000 -o "$d/bin"
    [ "$(wc -c <"$d/bin")" -eq 100000 ] || fail "$desc: not 100000 bytes"
    [ "$(stat -c %a "$d/bin")" = 600 ] || fail "$desc: mode $(stat -c %a "$d/bin")"
    # An existing file is replaced whole (a new inode: never written in place),
    # and its old mode does not survive.
    printf 'old\n' >"$d/existing"
    chmod 644 "$d/existing"
    ino=$(stat -c %i "$d/existing")
    ok password -o "$d/existing"
    grep -Eqx '[A-Za-z0-9]{20}' "$d/existing" || fail "$desc: not replaced"
    [ "$(stat -c %a "$d/existing")" = 600 ] || fail "$desc: mode $(stat -c %a "$d/existing")"
    [ "$(stat -c %i "$d/existing")" != "$ino" ] || fail "$desc: written in place (same inode)"
    # A failing command leaves the old file alone and no temporary behind.
    printf 'old\n' >"$d/keep"
    status 1 -o "$d/keep" randbelow 0
    [ "$(cat "$d/keep")" = old ] || fail "$desc: the old file changed"
    status 2 -o "$d/keep" password 0
    [ "$(cat "$d/keep")" = old ] || fail "$desc: the old file changed"
    status 1 -o "$d/new" password --min-symbols 1
    [ ! -e "$d/new" ] || fail "$desc: created the file"
    # A write that fails half-way (file size limit; SIGXFSZ ignored, so write
    # returns EFBIG): no partial file, the old one intact.
    (trap '' XFSZ; ulimit -f 8 && exec "$prog" token-bytes 1000000 -o "$d/keep") 2>"$tmp/err"
    st=$?
    [ "$st" -eq 1 ] || fail "token-bytes 1000000 -o under ulimit -f: status $st, want 1"
    grep -q "^secrets: cannot write '$d/keep'" "$tmp/err" || fail "ulimit -f: stderr: $(cat "$tmp/err")"
    [ "$(cat "$d/keep")" = old ] || fail "ulimit -f: the old file changed"
    (trap '' XFSZ; ulimit -f 8 && exec "$prog" token-bytes 1000000 -o "$d/partial") 2>/dev/null
    [ ! -e "$d/partial" ] || fail "ulimit -f: a partial file was left"
    # Unwritable targets: a directory, a symlink, a missing directory, a
    # non-directory parent. Nothing is followed, nothing is left behind.
    mkdir "$d/sub"
    status 1 -o "$d/sub" uuid
    err_has "not a regular file"
    ln -s "$d/keep" "$d/link"
    status 1 -o "$d/link" uuid
    err_has "not a regular file"
    [ "$(cat "$d/keep")" = old ] || fail "$desc: wrote through the symlink"
    ln -s "$d/nowhere" "$d/dangling"
    status 1 -o "$d/dangling" uuid
    [ ! -e "$d/nowhere" ] || fail "$desc: created the symlink's target"
    status 1 -o "$d/missing/key" uuid
    err_has "$d/missing/key"
    status 1 -o "$d/keep/key" uuid
    status 1 -o "$d/" uuid
    if [ "$(id -u)" -ne 0 ]; then
        mkdir "$d/ro"
        chmod 555 "$d/ro"
        status 1 -o "$d/ro/key" uuid
        [ "$(ls -A "$d/ro" | wc -l)" -eq 0 ] || fail "$desc: left a file in a read-only directory"
        chmod 755 "$d/ro"
    else
        echo "note: running as root; the read-only directory case is not tested"
    fi
    ls -A "$d" | grep '^\.' && fail "temporary files left behind: $(ls -A "$d" | grep '^\.')"
    # Help is never written to the file.
    ok -o "$d/help" uuid --help
    [ ! -e "$d/help" ] || fail "$desc: created a file for --help"
    grep -q '^Usage: secrets uuid' "$tmp/out" || fail "$desc: help not on stdout"
    # A SIGTERM while writing removes the temporary file.
    mkfifo "$d/fifo" 2>/dev/null && {
        "$prog" shuffle "$d/fifo" -o "$d/killed" 2>/dev/null &
        pid=$!
        sleep 1
        ls -A "$d" | grep -q '^\.killed\.' || fail "no temporary file while shuffle waits for input"
        kill -TERM "$pid"
        wait "$pid" 2>/dev/null
        rm -f "$d/fifo"
        ls -A "$d" | grep '^\.' && fail "SIGTERM left a temporary file"
        [ ! -e "$d/killed" ] || fail "SIGTERM left the output file"
    }
    checks=$((checks + 1))
}

# The commands and options as --help prints them (from the program's one
# table): help_commands, help_options [COMMAND] (long names), help_pairs
# (every "-x, --long" pair).
help_commands() {
    "$prog" --help | awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }'
}
help_option_lines() {
    if [ $# -gt 0 ]; then "$prog" help "$1"; else "$prog" --help; fi | awk '/^Options/ { on = 1; next } /^$/ { on = 0 } on && /^  +-/'
}
help_options() {
    help_option_lines "$@" | grep -oE -- '--[a-z0-9-]+' | sort -u
}
help_pairs() {
    help_option_lines | grep -oE -- '-[A-Za-z], --[a-z0-9-]+' | sort -u
}

test_docs() {
    man=$srcdir/secrets.1
    readme=$srcdir/../README.md
    help_commands | sort >"$tmp/h.cmds"
    [ "$(wc -l <"$tmp/h.cmds")" -ge 16 ] || fail "--help lists only $(wc -l <"$tmp/h.cmds") commands"
    help_options | sort >"$tmp/h.opts"
    help_pairs >"$tmp/h.pairs"
    [ "$(wc -l <"$tmp/h.opts")" -ge 20 ] || fail "--help lists only $(wc -l <"$tmp/h.opts") options"
    # The man page, with its escapes and fonts removed.
    sed 's/\\-/-/g; s/\\f[BIRP]//g; s/\\(..//g; s/\\//g; s/"//g' "$man" | tr -s ' ' | sed 's/ ,/,/g' >"$tmp/man"
    # Its commands: the .TP entries of the COMMANDS section.
    awk '/^\.SH COMMANDS/ { on = 1; next } /^\.SH/ { on = 0 } on && tp { print $1 } { tp = on && /^\.TP/ }' "$tmp/man" | sort >"$tmp/m.cmds"
    diff "$tmp/h.cmds" "$tmp/m.cmds" >"$tmp/d" || fail "commands of --help (<) and the man page (>) differ: $(cat "$tmp/d")"
    # The README's command table: the first code span of each row.
    awk '/^## The `secrets` command-line program/ { on = 1; next } /^## / { on = 0 } on' "$readme" >"$tmp/readme"
    awk '/^\| command \|/ { on = 1; next } on && !/^\|/ { exit } on && /^\| `/ { sub(/^\| `/, ""); sub(/[ `].*/, ""); print }' "$tmp/readme" | sort >"$tmp/r.cmds"
    diff "$tmp/h.cmds" "$tmp/r.cmds" >"$tmp/d" || fail "commands of --help (<) and the README's table (>) differ: $(cat "$tmp/d")"
    # Every option is documented in both, with the same letter.
    while read -r o; do
        grep -qF -- "$o" "$tmp/man" || fail "the man page does not document $o"
        grep -qF -- "\`$o" "$tmp/readme" || fail "the README's option table does not list $o"
    done <"$tmp/h.opts"
    while read -r sh lo; do
        grep -qF -- "$sh $lo" "$tmp/man" || fail "the man page does not pair $sh with $lo"
        grep -qF -- "\`${sh%,}\`, \`$lo" "$tmp/readme" || fail "the README does not pair $sh $lo"
    done <"$tmp/h.pairs"
    # And neither documents an option the program does not have.
    for f in man readme; do
        grep -oE -- '--[a-z][a-z0-9-]*' "$tmp/$f" | sort -u | grep -vx -e --opt -e --base64 >"$tmp/$f.opts"
        comm -13 "$tmp/h.opts" "$tmp/$f.opts" >"$tmp/d"
        [ ! -s "$tmp/d" ] || fail "the $f documents options the program does not have: $(tr '\n' ' ' <"$tmp/d")"
    done
    # Each command's help lists exactly the options it accepts: every one
    # listed is accepted (not a usage error), and one not listed is refused.
    while read -r c; do
        help_options "$c" >"$tmp/c.opts"
        grep -qx -- --help "$tmp/c.opts" || fail "$c --help does not list --help"
        grep -qx -- --output "$tmp/c.opts" || fail "$c --help does not list --output"
        comm -23 "$tmp/h.opts" "$tmp/c.opts" | grep -vx -e --version >"$tmp/others"
        while read -r o; do
            "$prog" "$c" "$o" 1 >/dev/null 2>"$tmp/err" </dev/null
            grep -q "does not apply to $c" "$tmp/err" || fail "$c accepts $o, which its help does not list"
        done <"$tmp/others"
        checks=$((checks + 1))
    done <"$tmp/h.cmds"
    checks=$((checks + 1))
}

test_completion() {
    comp=$srcdir/completions/secrets.bash
    command -v bash >/dev/null 2>&1 || { echo "SKIP: no bash"; exit 77; }
    # complete WORD...: the completions of the last word, one per line.
    complete_words() {
        bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _secrets; printf "%s\n" "${COMPREPLY[@]}"' \
            _ "$comp" "$prog" "$@" | sort
    }
    [ "$(bash -c '. "$1"; complete -p secrets' _ "$comp")" = "complete -F _secrets secrets" ] ||
        fail "secrets.bash does not register _secrets"
    { help_commands; echo help; } | sort >"$tmp/want"
    complete_words "" >"$tmp/got"
    diff "$tmp/want" "$tmp/got" >"$tmp/d" || fail "bash: commands differ from --help: $(cat "$tmp/d")"
    [ "$(complete_words tok | tr '\n' ' ')" = "token-base32 token-base64 token-bytes token-hex token-urlsafe " ] ||
        fail "bash: 'secrets tok' completes to $(complete_words tok | tr '\n' ' ')"
    [ "$(complete_words pass | tr '\n' ' ')" = "passphrase password " ] || fail "bash: 'secrets pass'"
    [ "$(complete_words -n 3 rand | tr '\n' ' ')" = "randbelow randbits randint randrange " ] || fail "bash: 'secrets -n 3 rand'"
    [ "$(complete_words password --no)" = "--no-ambiguous" ] || fail "bash: 'secrets password --no'"
    [ "$(complete_words -o f uuid --v | tr '\n' ' ')" = "--v4 --v7 " ] || fail "bash: 'secrets -o f uuid --v'"
    [ "$(complete_words token_bytes --f)" = "--force" ] || fail "bash: 'secrets token_bytes --f'"
    [ "$(complete_words help randb)" = "randbelow
randbits" ] || fail "bash: 'secrets help randb'"
    mkdir "$tmp/cdir" && : >"$tmp/cdir/wordsfile"
    [ "$(complete_words passphrase -W "$tmp/cdir/wor")" = "$tmp/cdir/wordsfile" ] || fail "bash: -W FILE"
    [ -z "$(complete_words password -l "")" ] || fail "bash: completed the value of -l"
    # For every command, '-' completes to exactly the options of its help.
    help_commands >"$tmp/cmds"
    while read -r c; do
        help_option_lines "$c" | awk '{ for (i = 1; i <= NF && $i ~ /^-/; i++) { sub(/,$/, "", $i); print $i } }' | sort >"$tmp/want"
        complete_words "$c" - >"$tmp/got"
        diff "$tmp/want" "$tmp/got" >"$tmp/d" || fail "bash: options of $c differ from its help: $(cat "$tmp/d")"
        checks=$((checks + 1))
    done <"$tmp/cmds"
}

test_zsh() {
    command -v zsh >/dev/null 2>&1 || { echo "SKIP: zsh is not installed"; exit 77; }
    comp=$srcdir/completions
    zsh -n "$comp/_secrets" || fail "_secrets: zsh syntax error"
    [ "$(zsh -fc 'fpath=($1 $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[secrets]' _ "$comp")" = _secrets ] ||
        fail "compinit does not map secrets to _secrets"
    # A real completion in an interactive zsh on a pseudo-terminal: TAB
    # completes the word, then the line runs, and its output shows what
    # it became.
    mkdir -p "$tmp/bin" && ln -sf "$prog" "$tmp/bin/secrets"
    zcomplete() {
        BIN=$tmp/bin COMP=$comp LINE=$1 timeout 30 zsh -f -c '
            zmodload zsh/zpty || exit 3
            zpty z zsh -f -i
            zpty -w z "PS1=\"> \"; PATH=$BIN:\$PATH; fpath=($COMP \$fpath); autoload -Uz compinit; compinit -u -D; setopt nobeep"
            zpty -w -n z "${LINE%%TAB*}"$'"'"'\t'"'"'
            sleep 2
            zpty -w z "${LINE#*TAB}"
            sleep 2
            out=
            while zpty -r -t z l; do out+=$l; done
            print -r -- $out
            zpty -d z' 2>&1 | tr -d '\r'
    }
    out=$(zcomplete 'secrets passwTAB 0')
    printf '%s' "$out" | grep -q 'secrets: password: LENGTH must be at least 1' || fail "zsh: 'secrets passw<TAB>' did not become 'password': $out"
    checks=$((checks + 1))
    out=$(zcomplete 'secrets uuid --heTAB x')
    printf '%s' "$out" | grep -q 'Usage: secrets uuid' || fail "zsh: 'secrets uuid --he<TAB>' did not become --help: $out"
    checks=$((checks + 1))
    out=$(zcomplete 'secrets randiTAB 5 4')
    printf '%s' "$out" | grep -q 'A must not be greater than B' || fail "zsh: 'secrets randi<TAB>' did not become randint: $out"
    checks=$((checks + 1))
}

case $group in
tokens | numbers | randrange | choice | lines | password | passphrase | wordlist | eff | uuid | usage | failures | help | io | manpage | newcmds | output | docs | completion | zsh)
    "test_$group"
    ;;
*)
    echo "unknown group '$group'" >&2
    exit 2
    ;;
esac

if [ "$fails" -ne 0 ]; then
    echo "cli_$group: $fails of $checks checks failed" >&2
    exit 1
fi
echo "cli_$group: $checks checks passed"
