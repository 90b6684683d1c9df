package secrets_test

import (
	"encoding/hex"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

func TestTokenChars(t *testing.T) {
	for _, alphabet := range []string{"abc", "x", "é日𝄞a", "aab"} {
		runes := map[rune]bool{}
		for _, r := range alphabet {
			runes[r] = true
		}
		seen := map[rune]bool{}
		for _, length := range []int{0, 1, 5, 64} {
			s, err := secrets.TokenChars(length, alphabet)
			noErr(t, fmt.Sprintf("TokenChars(%d, %q)", length, alphabet), err)
			if !utf8.ValidString(s) || utf8.RuneCountInString(s) != length {
				t.Fatalf("TokenChars(%d, %q) = %q: want %d code points", length, alphabet, s, length)
			}
			for _, r := range s {
				if !runes[r] {
					t.Fatalf("TokenChars(%d, %q) = %q: %q is not in the alphabet", length, alphabet, s, r)
				}
				seen[r] = true
			}
		}
		if len(seen) != len(runes) {
			t.Errorf("TokenChars over %q reached only %d code points", alphabet, len(seen))
		}
	}
	// A repeated code point counts twice: "aab" gives about 2/3 a.
	s, err := secrets.TokenChars(3000, "aab")
	noErr(t, "TokenChars(3000, aab)", err)
	if a := strings.Count(s, "a"); a < 1800 || a > 2200 { // mean 2000, sd 26
		t.Errorf("TokenChars(3000, \"aab\") has %d a's, want about 2000", a)
	}

	s, err = secrets.TokenChars(0, "")
	noErr(t, "TokenChars(0, \"\")", err)
	if s != "" {
		t.Errorf("TokenChars(0, \"\") = %q", s)
	}
	_, err = secrets.TokenChars(5, "")
	wantErr(t, "TokenChars(5, \"\")", err, secrets.ErrEmpty)
	for _, bad := range []string{"ab\xff", "\xc3", "a\xed\xa0\x80"} {
		_, err = secrets.TokenChars(5, bad)
		wantErr(t, fmt.Sprintf("TokenChars(5, %q)", bad), err, secrets.ErrInvalidUTF8)
	}
	_, err = secrets.TokenChars(5, "a\x00b") // U+0000 would cut the C string
	wantErr(t, "TokenChars(5, \"a\\x00b\")", err, secrets.ErrInvalidArgument)
	_, err = secrets.TokenChars(-1, "abc")
	wantErr(t, "TokenChars(-1)", err, secrets.ErrInvalidArgument)
	_, err = secrets.TokenChars(math.MaxInt/2+1, "é") // (MaxInt/2+1)*2+1 overflows
	wantErr(t, "TokenChars(MaxInt/2+1, \"é\")", err, secrets.ErrTooLarge)
}

// countPolicy counts, by brute force, the strings over p's alphabet that
// meet p (small cases only).
func countPolicy(p secrets.Policy) int {
	alphabet := []rune(p.Alphabet)
	if p.Alphabet == "" {
		alphabet = []rune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
	}
	n := 0
	idx := make([]int, p.Length)
	for {
		var lo, up, dg, sy int
		for _, i := range idx {
			switch r := alphabet[i]; {
			case r >= 'a' && r <= 'z':
				lo++
			case r >= 'A' && r <= 'Z':
				up++
			case r >= '0' && r <= '9':
				dg++
			default:
				sy++
			}
		}
		if lo >= p.MinLower && up >= p.MinUpper && dg >= p.MinDigits && sy >= p.MinSymbols {
			n++
		}
		j := 0
		for ; j < len(idx); j++ {
			idx[j]++
			if idx[j] < len(alphabet) {
				break
			}
			idx[j] = 0
		}
		if j == len(idx) {
			return n
		}
	}
}

// classes counts the a-z, A-Z, 0-9 and other characters of s.
func classes(s string) (lo, up, dg, sy int) {
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			lo++
		case r >= 'A' && r <= 'Z':
			up++
		case r >= '0' && r <= '9':
			dg++
		default:
			sy++
		}
	}
	return
}

func TestPassword(t *testing.T) {
	p := secrets.Policy{Length: 16, MinLower: 1, MinUpper: 1, MinDigits: 1}
	for i := 0; i < 200; i++ {
		s, err := secrets.Password(p)
		noErr(t, "Password(16, default alphabet)", err)
		lo, up, dg, sy := classes(s)
		if len(s) != 16 || lo < 1 || up < 1 || dg < 1 || sy != 0 {
			t.Fatalf("Password(%+v) = %q", p, s)
		}
	}
	p = secrets.Policy{Length: 12, MinLower: 3, MinUpper: 3, MinDigits: 3}
	s, err := secrets.Password(p)
	noErr(t, "Password(12, 3/3/3)", err)
	if lo, up, dg, _ := classes(s); len(s) != 12 || lo < 3 || up < 3 || dg < 3 {
		t.Errorf("Password(%+v) = %q", p, s)
	}

	// Every string meeting the policy is reached: 4! = 24 of them.
	p = secrets.Policy{Length: 4, Alphabet: "aA0!", MinLower: 1, MinUpper: 1, MinDigits: 1, MinSymbols: 1}
	seen := map[string]bool{}
	for i := 0; i < 2000; i++ {
		s, err := secrets.Password(p)
		noErr(t, "Password(aA0!)", err)
		seen[s] = true
	}
	if len(seen) != 24 {
		t.Errorf("Password(%+v) reached %d strings, want 24", p, len(seen))
	}

	// Non-ASCII characters are symbols; the buffer fits multi-byte output.
	p = secrets.Policy{Length: 3, Alphabet: "abé", MinSymbols: 1}
	s, err = secrets.Password(p)
	noErr(t, "Password(abé)", err)
	if utf8.RuneCountInString(s) != 3 || !strings.Contains(s, "é") {
		t.Errorf("Password(%+v) = %q", p, s)
	}
	p = secrets.Policy{Length: 40, Alphabet: "𝄞日é-x", MinSymbols: 40}
	s, err = secrets.Password(p)
	noErr(t, "Password(40 symbols)", err)
	if utf8.RuneCountInString(s) != 40 || strings.Contains(s, "x") {
		t.Errorf("Password(%+v) = %q", p, s)
	}

	s, err = secrets.Password(secrets.Policy{})
	noErr(t, "Password(zero policy)", err)
	if s != "" {
		t.Errorf("Password(Policy{}) = %q", s)
	}

	bad := []struct {
		p    secrets.Policy
		want error
	}{
		{secrets.Policy{Length: 8, Alphabet: "abca"}, secrets.ErrInvalidArgument},
		{secrets.Policy{Length: 8, Alphabet: "xéyé"}, secrets.ErrInvalidArgument},
		{secrets.Policy{Length: 3, MinLower: 2, MinDigits: 2}, secrets.ErrUnsatisfiable},
		{secrets.Policy{Length: 8, Alphabet: "abc", MinUpper: 1}, secrets.ErrUnsatisfiable},
		{secrets.Policy{Length: 8, MinSymbols: 1}, secrets.ErrUnsatisfiable},
		{secrets.Policy{Length: 8, Alphabet: "ab\xff"}, secrets.ErrInvalidUTF8},
		{secrets.Policy{Length: 8, Alphabet: "ab\x00"}, secrets.ErrInvalidArgument},
		{secrets.Policy{Length: -1}, secrets.ErrInvalidArgument},
		{secrets.Policy{Length: 8, MinDigits: -1}, secrets.ErrInvalidArgument},
		{secrets.Policy{Length: secrets.PasswordMaxLength + 1}, secrets.ErrTooLarge},
		{secrets.Policy{Length: math.MaxInt}, secrets.ErrTooLarge},
	}
	for _, c := range bad {
		_, err := secrets.Password(c.p)
		wantErr(t, fmt.Sprintf("Password(%+v)", c.p), err, c.want)
		_, err = secrets.PasswordEntropy(c.p)
		wantErr(t, fmt.Sprintf("PasswordEntropy(%+v)", c.p), err, c.want)
	}

	// The longest password, from a 4-byte alphabet.
	p = secrets.Policy{Length: secrets.PasswordMaxLength, Alphabet: "𝄞𝄢"}
	s, err = secrets.Password(p)
	noErr(t, "Password(PasswordMaxLength)", err)
	if utf8.RuneCountInString(s) != secrets.PasswordMaxLength || len(s) != 4*secrets.PasswordMaxLength {
		t.Errorf("Password(%d characters of 4 bytes): %d code points, %d bytes", secrets.PasswordMaxLength, utf8.RuneCountInString(s), len(s))
	}

	// A demanding policy: bounded time, minimums met.
	p = secrets.Policy{Length: 1000, MinLower: 300, MinUpper: 300, MinDigits: 300}
	s, err = secrets.Password(p)
	noErr(t, "Password(1000, 300/300/300)", err)
	if lo, up, dg, _ := classes(s); len(s) != 1000 || lo < 300 || up < 300 || dg < 300 {
		t.Errorf("Password(1000, 300/300/300): %d chars, classes %d/%d/%d", len(s), lo, up, dg)
	}
}

func TestPasswordEntropy(t *testing.T) {
	exact := []struct {
		p    secrets.Policy
		want float64
	}{
		{secrets.Policy{Length: 10, Alphabet: "ab"}, 10},
		{secrets.Policy{Length: 8}, 8 * math.Log2(62)},
		{secrets.Policy{Length: 20, Alphabet: "日本語"}, 20 * math.Log2(3)},
		{secrets.Policy{}, 0},
	}
	for _, c := range exact {
		got, err := secrets.PasswordEntropy(c.p)
		noErr(t, fmt.Sprintf("PasswordEntropy(%+v)", c.p), err)
		if math.Abs(got-c.want) > 1e-9*math.Max(1, c.want) {
			t.Errorf("PasswordEntropy(%+v) = %v, want %v", c.p, got, c.want)
		}
	}
	counted := []secrets.Policy{
		{Length: 2, Alphabet: "aA", MinLower: 1, MinUpper: 1},
		{Length: 3, Alphabet: "ab1", MinDigits: 1},
		{Length: 4, Alphabet: "aA0!", MinLower: 1, MinUpper: 1, MinDigits: 1, MinSymbols: 1},
		{Length: 5, Alphabet: "abXY12#", MinLower: 1, MinUpper: 2, MinDigits: 1},
		{Length: 3, MinLower: 1, MinUpper: 1, MinDigits: 1},
	}
	for _, p := range counted {
		want := math.Log2(float64(countPolicy(p)))
		got, err := secrets.PasswordEntropy(p)
		noErr(t, fmt.Sprintf("PasswordEntropy(%+v)", p), err)
		if math.Abs(got-want) > 1e-9*math.Max(1, want) {
			t.Errorf("PasswordEntropy(%+v) = %v, want log2(%d) = %v", p, got, countPolicy(p), want)
		}
	}
}

func TestPassphrase(t *testing.T) {
	words := []string{"alpha", "beta", "gamma", "delta"}
	member := map[string]bool{}
	for _, w := range words {
		member[w] = true
	}
	seen := map[string]bool{}
	for i := 0; i < 20; i++ {
		s, err := secrets.Passphrase(6, words, "-")
		noErr(t, "Passphrase(6, words, -)", err)
		parts := strings.Split(s, "-")
		if len(parts) != 6 {
			t.Fatalf("Passphrase(6) = %q", s)
		}
		for _, p := range parts {
			if !member[p] {
				t.Fatalf("Passphrase(6) = %q: %q is not a word", s, p)
			}
			seen[p] = true
		}
	}
	if len(seen) != len(words) {
		t.Errorf("Passphrase reached only %v", seen)
	}

	s, err := secrets.Passphrase(8, []string{"ab", "cd"}, "")
	noErr(t, "Passphrase(sep \"\")", err)
	if len(s) != 16 {
		t.Errorf("Passphrase(8, [ab cd], \"\") = %q", s)
	}
	for i := 0; i+2 <= len(s); i += 2 {
		if w := s[i : i+2]; w != "ab" && w != "cd" {
			t.Fatalf("Passphrase(8, [ab cd], \"\") = %q", s)
		}
	}
	s, err = secrets.Passphrase(5, []string{"日本", "é", "𝄞𝄞𝄞"}, " · ")
	noErr(t, "Passphrase(unicode)", err)
	if parts := strings.Split(s, " · "); len(parts) != 5 || !utf8.ValidString(s) {
		t.Errorf("Passphrase(unicode) = %q", s)
	}
	s, err = secrets.Passphrase(1, words, "-")
	noErr(t, "Passphrase(1)", err)
	if !member[s] {
		t.Errorf("Passphrase(1) = %q", s)
	}
	s, err = secrets.Passphrase(0, words, "-")
	noErr(t, "Passphrase(0)", err)
	if s != "" {
		t.Errorf("Passphrase(0) = %q", s)
	}
	s, err = secrets.Passphrase(0, nil, " ")
	noErr(t, "Passphrase(0, nil)", err)
	if s != "" {
		t.Errorf("Passphrase(0, nil) = %q", s)
	}

	_, err = secrets.Passphrase(3, nil, " ")
	wantErr(t, "Passphrase(3, nil)", err, secrets.ErrEmpty)
	_, err = secrets.Passphrase(-1, words, " ")
	wantErr(t, "Passphrase(-1)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Passphrase(3, []string{"ok", "b\x00d"}, " ")
	wantErr(t, "Passphrase(word with NUL)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Passphrase(3, words, "\x00")
	wantErr(t, "Passphrase(separator NUL)", err, secrets.ErrInvalidArgument)
	_, err = secrets.Passphrase(3, []string{"ok", "b\xffd"}, " ")
	wantErr(t, "Passphrase(invalid UTF-8 word)", err, secrets.ErrInvalidUTF8)
	_, err = secrets.Passphrase(3, words, "\xff")
	wantErr(t, "Passphrase(invalid UTF-8 separator)", err, secrets.ErrInvalidUTF8)
	_, err = secrets.Passphrase(math.MaxInt/2, words, "-")
	wantErr(t, "Passphrase(MaxInt/2)", err, secrets.ErrTooLarge)
}

func TestUUID(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 200; i++ {
		u, err := secrets.UUID4()
		noErr(t, "UUID4()", err)
		if !uuidRE.MatchString(u) || u[14] != '4' || !strings.ContainsRune("89ab", rune(u[19])) {
			t.Fatalf("UUID4() = %q", u)
		}
		if seen[u] {
			t.Fatalf("UUID4() repeated %q", u)
		}
		seen[u] = true
	}

	before := time.Now().UnixMilli()
	prev := ""
	for i := 0; i < 2000; i++ {
		u, err := secrets.UUID7()
		noErr(t, "UUID7()", err)
		if !uuidRE.MatchString(u) || u[14] != '7' || !strings.ContainsRune("89ab", rune(u[19])) {
			t.Fatalf("UUID7() = %q", u)
		}
		if u <= prev {
			t.Fatalf("UUID7() not increasing: %q after %q", u, prev)
		}
		prev = u
	}
	after := time.Now().UnixMilli()
	ms, err := strconv.ParseInt(strings.ReplaceAll(prev[:13], "-", ""), 16, 64)
	if err != nil || ms < before-1 || ms > after+1000 {
		// Generous: the library may run ahead of the clock to stay increasing.
		t.Errorf("UUID7 timestamp %d ms, clock was %d..%d", ms, before, after)
	}
}

// The binary UUIDs: version and variant bits, the canonical text of
// UUIDFormat, and one monotonic order shared with UUID7.
func TestUUIDBytes(t *testing.T) {
	seen := map[[16]byte]bool{}
	for i := 0; i < 200; i++ {
		u, err := secrets.UUID4Bytes()
		noErr(t, "UUID4Bytes()", err)
		if u[6]>>4 != 4 || u[8]>>6 != 2 {
			t.Fatalf("UUID4Bytes() = %x: version nibble %x, variant bits %b", u, u[6]>>4, u[8]>>6)
		}
		if seen[u] {
			t.Fatalf("UUID4Bytes() repeated %x", u)
		}
		seen[u] = true
		s := secrets.UUIDFormat(u)
		h := hex.EncodeToString(u[:])
		if want := h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]; s != want {
			t.Fatalf("UUIDFormat(%x) = %q, want %q", u, s, want)
		}
	}
	// Any 16 bytes format, version bits or not.
	for _, c := range []struct {
		u    [16]byte
		want string
	}{
		{[16]byte{}, "00000000-0000-0000-0000-000000000000"},
		{[16]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff},
			"ffffffff-ffff-ffff-ffff-ffffffffffff"},
		{[16]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10},
			"01234567-89ab-cdef-fedc-ba9876543210"},
	} {
		if got := secrets.UUIDFormat(c.u); got != c.want {
			t.Errorf("UUIDFormat(%x) = %q, want %q", c.u, got, c.want)
		}
	}

	// UUID7Bytes and UUID7, in any mix, strictly increasing.
	before := time.Now().UnixMilli()
	prev := ""
	for i := 0; i < 3000; i++ {
		var s string
		if i%3 == 0 {
			s2, err := secrets.UUID7()
			noErr(t, "UUID7()", err)
			s = s2
		} else {
			u, err := secrets.UUID7Bytes()
			noErr(t, "UUID7Bytes()", err)
			if u[6]>>4 != 7 || u[8]>>6 != 2 {
				t.Fatalf("UUID7Bytes() = %x: version nibble %x, variant bits %b", u, u[6]>>4, u[8]>>6)
			}
			s = secrets.UUIDFormat(u)
		}
		if s <= prev {
			t.Fatalf("UUID7/UUID7Bytes not increasing: %q after %q (call %d)", s, prev, i)
		}
		prev = s
	}
	u, err := secrets.UUID7Bytes()
	noErr(t, "UUID7Bytes()", err)
	ms := int64(u[0])<<40 | int64(u[1])<<32 | int64(u[2])<<24 | int64(u[3])<<16 | int64(u[4])<<8 | int64(u[5])
	if after := time.Now().UnixMilli(); ms < before-1 || ms > after+1000 {
		t.Errorf("UUID7Bytes timestamp %d ms, clock was %d..%d", ms, before, after)
	}
}

var effWordRE = regexp.MustCompile(`^[a-z][a-z-]{1,7}[a-z]$`) // 3 to 9 characters of a-z and -

func TestPassphraseEFF(t *testing.T) {
	if secrets.EFFWordlistLen != 7776 {
		t.Errorf("EFFWordlistLen = %d, want 7776", secrets.EFFWordlistLen)
	}
	distinct := map[string]bool{}
	for _, sep := range []string{" ", "-", " · ", "", "🔑"} {
		for _, n := range []int{1, 2, 6, 12} {
			s, err := secrets.PassphraseEFF(n, sep)
			noErr(t, fmt.Sprintf("PassphraseEFF(%d, %q)", n, sep), err)
			if !utf8.ValidString(s) {
				t.Fatalf("PassphraseEFF(%d, %q) = %q: not UTF-8", n, sep, s)
			}
			if sep == "" || sep == "-" { // words may contain "-": count the bytes only
				if len(s) < 3*n+(n-1)*len(sep) || len(s) > 9*n+(n-1)*len(sep) {
					t.Fatalf("PassphraseEFF(%d, %q) = %q: %d bytes", n, sep, s, len(s))
				}
				continue
			}
			words := strings.Split(s, sep)
			if len(words) != n {
				t.Fatalf("PassphraseEFF(%d, %q) = %q: %d words", n, sep, s, len(words))
			}
			for _, w := range words {
				if !effWordRE.MatchString(w) {
					t.Fatalf("PassphraseEFF(%d, %q) = %q: %q is not a word of the list", n, sep, s, w)
				}
				distinct[w] = true
			}
		}
	}
	// Many words: nearly all distinct among 7776 (about 2.5 repeats in 200),
	// so the list really is long (a short or stuck list is caught).
	s, err := secrets.PassphraseEFF(200, " ")
	noErr(t, "PassphraseEFF(200)", err)
	for _, w := range strings.Split(s, " ") {
		distinct[w] = true
	}
	if len(distinct) < 190 {
		t.Errorf("PassphraseEFF: only %d distinct words in about 300 draws", len(distinct))
	}
	// Longer than the first guess: sized by a first call to the library.
	s, err = secrets.PassphraseEFF(3000, strings.Repeat("+", 2000))
	noErr(t, "PassphraseEFF(3000, 2000-byte separator)", err)
	if n := strings.Count(s, strings.Repeat("+", 2000)); n != 2999 {
		t.Errorf("PassphraseEFF(3000, long separator): %d separators", n)
	}

	s, err = secrets.PassphraseEFF(0, "-")
	noErr(t, "PassphraseEFF(0)", err)
	if s != "" {
		t.Errorf("PassphraseEFF(0) = %q", s)
	}
	_, err = secrets.PassphraseEFF(-1, " ")
	wantErr(t, "PassphraseEFF(-1)", err, secrets.ErrInvalidArgument)
	_, err = secrets.PassphraseEFF(3, "a\x00b")
	wantErr(t, "PassphraseEFF(separator with NUL)", err, secrets.ErrInvalidArgument)
	_, err = secrets.PassphraseEFF(3, "\xff")
	wantErr(t, "PassphraseEFF(invalid UTF-8 separator)", err, secrets.ErrInvalidUTF8)
	_, err = secrets.PassphraseEFF(math.MaxInt/2, "-")
	wantErr(t, "PassphraseEFF(MaxInt/2)", err, secrets.ErrTooLarge)
}

// The text functions get their buffer sizes from the library's size
// helpers: the sizes are right on both paths (the first buffer fits, or
// the library asks for a larger one) and for characters of every width.
func TestSizedByLibrary(t *testing.T) {
	for _, c := range []struct {
		length   int
		alphabet string
		width    int
	}{
		{4096, "ab", 1}, {4097, "ab", 1}, {10000, "xyz", 1}, // past the first guess
		{100, "é", 2}, {100, "日", 3}, {100, "𝄞", 4}, {5000, "𝄞", 4},
	} {
		s, err := secrets.TokenChars(c.length, c.alphabet)
		noErr(t, fmt.Sprintf("TokenChars(%d, %q)", c.length, c.alphabet), err)
		if len(s) != c.length*c.width || utf8.RuneCountInString(s) != c.length {
			t.Errorf("TokenChars(%d, %q): %d bytes, %d code points", c.length, c.alphabet, len(s), utf8.RuneCountInString(s))
		}
	}
	// A mixed alphabet: the buffer is the longest case; the text is shorter
	// and is returned exactly.
	s, err := secrets.TokenChars(50, "a𝄞")
	noErr(t, "TokenChars(50, a𝄞)", err)
	if utf8.RuneCountInString(s) != 50 || len(s) != 50+3*strings.Count(s, "𝄞") {
		t.Errorf("TokenChars(50, a𝄞) = %q", s)
	}
	p := secrets.Policy{Length: 30, Alphabet: "日本語aB1", MinUpper: 1, MinDigits: 1, MinSymbols: 2}
	s, err = secrets.Password(p)
	noErr(t, "Password(3-byte symbols)", err)
	if utf8.RuneCountInString(s) != 30 {
		t.Errorf("Password(%+v) = %q", p, s)
	}
	// The size helpers check the arguments before anything is allocated.
	_, err = secrets.Password(secrets.Policy{Length: 1 << 40})
	wantErr(t, "Password(2^40)", err, secrets.ErrTooLarge)
	_, err = secrets.TokenChars(1<<40, "")
	wantErr(t, "TokenChars(2^40, \"\")", err, secrets.ErrEmpty)
	s, err = secrets.Passphrase(3, []string{"日本", "x"}, "·")
	noErr(t, "Passphrase(3, [日本 x], ·)", err)
	if len(strings.Split(s, "·")) != 3 {
		t.Errorf("Passphrase(3, [日本 x], ·) = %q", s)
	}
	// Past the first guess: the library's size helper sizes the buffer.
	s, err = secrets.Passphrase(70000, []string{"日本", "x"}, "-")
	noErr(t, "Passphrase(70000)", err)
	if parts := strings.Split(s, "-"); len(parts) != 70000 || (parts[0] != "日本" && parts[0] != "x") {
		t.Errorf("Passphrase(70000): %d words", len(parts))
	}
}
