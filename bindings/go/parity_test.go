package secrets_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"regexp"
	"strings"
	"testing"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

// wantErr fails the test unless errors.Is(err, want).
func wantErr(t *testing.T, what string, err error, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Errorf("%s: error %v, want %v", what, err, want)
	}
}

// noErr fails the test now if err is not nil.
func noErr(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: unexpected error %v", what, err)
	}
}

func TestErrors(t *testing.T) {
	all := []struct {
		err  secrets.Error
		code int32
		word string // a word of the library's description
	}{
		{secrets.ErrNullPointer, -1, "NULL"},
		{secrets.ErrBufferTooSmall, -2, "small"},
		{secrets.ErrInvalidArgument, -3, "argument"},
		{secrets.ErrEmpty, -4, "empty"},
		{secrets.ErrInvalidUTF8, -5, "UTF-8"},
		{secrets.ErrTooLarge, -6, "large"},
		{secrets.ErrEntropyUnavailable, -7, "randomness"},
		{secrets.ErrUnsatisfiable, -8, "policy"},
		{secrets.ErrInternal, -99, "internal"},
	}
	seen := map[string]bool{}
	for _, c := range all {
		if int32(c.err) != c.code {
			t.Errorf("%v has code %d, want %d (docs/reference.md section 2)", c.err, int32(c.err), c.code)
		}
		msg := c.err.Error()
		if !strings.HasPrefix(msg, "secrets: ") || !strings.Contains(msg, c.word) {
			t.Errorf("Error(%d).Error() = %q, want \"secrets: \" and the library's description (%q)", c.code, msg, c.word)
		}
		if seen[msg] {
			t.Errorf("duplicate message %q", msg)
		}
		seen[msg] = true
		var e error = c.err
		if !errors.Is(fmt.Errorf("wrapped: %w", e), c.err) {
			t.Errorf("errors.Is does not see %v through a wrapper", c.err)
		}
		var got secrets.Error
		if !errors.As(fmt.Errorf("wrapped: %w", e), &got) || got != c.err {
			t.Errorf("errors.As gives %v, want %v", got, c.err)
		}
	}
	if msg := secrets.Error(-1234).Error(); !strings.Contains(msg, "unknown") {
		t.Errorf("unknown status message %q, want the library's generic description", msg)
	}
	if errors.Is(secrets.ErrEmpty, secrets.ErrInvalidArgument) {
		t.Error("distinct sentinels compare equal")
	}
	// Arguments rejected in Go name the function and wrap the sentinel.
	_, err := secrets.TokenHex(-1)
	var e secrets.Error
	if !errors.As(err, &e) || e != secrets.ErrInvalidArgument ||
		err.Error() != "secrets: TokenHex: negative length -1: "+secrets.ErrInvalidArgument.Error() {
		t.Errorf("TokenHex(-1): %v", err)
	}
}

func TestInfo(t *testing.T) {
	v := secrets.Version()
	prefix := fmt.Sprintf("%d.%d.%d", secrets.VersionMajor, secrets.VersionMinor, secrets.VersionPatch)
	if v != prefix && !strings.HasPrefix(v, prefix+"-") && !strings.HasPrefix(v, prefix+"+") {
		t.Errorf("Version() = %q, want %q (the header's version), optionally with a suffix", v, prefix)
	}
	if s := secrets.EntropySource(); s == "" || strings.ContainsAny(s, " \n") {
		t.Errorf("EntropySource() = %q, want a backend name", s)
	}
	if secrets.DefaultEntropy != 32 {
		t.Errorf("DefaultEntropy = %d, want 32", secrets.DefaultEntropy)
	}
	if secrets.UUIDLength != 36 {
		t.Errorf("UUIDLength = %d, want 36", secrets.UUIDLength)
	}
}

func TestTokenBytes(t *testing.T) {
	for n := 0; n <= 70; n++ {
		b, err := secrets.TokenBytes(n)
		noErr(t, fmt.Sprintf("TokenBytes(%d)", n), err)
		if len(b) != n || b == nil {
			t.Fatalf("TokenBytes(%d): len %d (nil %v)", n, len(b), b == nil)
		}
	}
	a, err := secrets.TokenBytes(32)
	noErr(t, "TokenBytes(32)", err)
	b, err := secrets.TokenBytes(32)
	noErr(t, "TokenBytes(32)", err)
	if bytes.Equal(a, b) || bytes.Equal(a, make([]byte, 32)) {
		t.Errorf("two 32-byte tokens: %x %x", a, b)
	}
	_, err = secrets.TokenBytes(-1)
	wantErr(t, "TokenBytes(-1)", err, secrets.ErrInvalidArgument)
}

func TestTextTokens(t *testing.T) {
	b32 := base32.StdEncoding.WithPadding(base32.NoPadding)
	cases := []struct {
		name   string
		f      func(int) (string, error)
		length func(n int) int
		alpha  string
		decode func(string) ([]byte, error)
	}{
		{"TokenHex", secrets.TokenHex, func(n int) int { return 2 * n }, "0123456789abcdef", hex.DecodeString},
		{"TokenURLSafe", secrets.TokenURLSafe, func(n int) int { return (4*n + 2) / 3 },
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", base64.RawURLEncoding.Strict().DecodeString},
		{"TokenBase32", secrets.TokenBase32, func(n int) int { return (8*n + 4) / 5 },
			"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", func(s string) ([]byte, error) {
				// No Strict for base32: a round trip checks the unused bits are zero.
				b, err := b32.DecodeString(s)
				if err == nil && b32.EncodeToString(b) != s {
					err = errors.New("non-canonical encoding")
				}
				return b, err
			}},
		{"TokenBase64", secrets.TokenBase64, func(n int) int { return (n + 2) / 3 * 4 },
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=", func(s string) ([]byte, error) {
				// Strict: canonical padding and zero unused bits; and the
				// library's own decoder reads it back the same.
				b, err := base64.StdEncoding.Strict().DecodeString(s)
				if d, err2 := secrets.Base64Decode(s); err == nil && (err2 != nil || !bytes.Equal(b, d)) {
					err = fmt.Errorf("Base64Decode(%q) = %x, %v; encoding/base64 gives %x", s, d, err2, b)
				}
				return b, err
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for n := 0; n <= 70; n++ {
				s, err := c.f(n)
				noErr(t, fmt.Sprintf("%s(%d)", c.name, n), err)
				if len(s) != c.length(n) {
					t.Fatalf("%s(%d) = %q: length %d, want %d", c.name, n, s, len(s), c.length(n))
				}
				if strings.Trim(s, c.alpha) != "" {
					t.Fatalf("%s(%d) = %q: characters outside %q", c.name, n, s, c.alpha)
				}
				raw, err := c.decode(s)
				if err != nil || len(raw) != n {
					t.Fatalf("%s(%d) = %q does not decode strictly to %d bytes: %v", c.name, n, s, n, err)
				}
			}
			// Above 64 KiB the buffer is sized by a first call to the library.
			for _, n := range []int{1 << 16, 1<<16 + 1, 200001} {
				s, err := c.f(n)
				noErr(t, fmt.Sprintf("%s(%d)", c.name, n), err)
				if raw, err := c.decode(s); len(s) != c.length(n) || err != nil || len(raw) != n {
					t.Fatalf("%s(%d): %d characters (want %d), decode error %v", c.name, n, len(s), c.length(n), err)
				}
			}
			a, _ := c.f(32)
			b, _ := c.f(32)
			if a == b {
				t.Errorf("%s(32) twice gave %q", c.name, a)
			}
			_, err := c.f(-1)
			wantErr(t, c.name+"(-1)", err, secrets.ErrInvalidArgument)
			// The size helper overflows or the size does not fit an int:
			// reported before any allocation.
			_, err = c.f(math.MaxInt)
			wantErr(t, c.name+"(MaxInt)", err, secrets.ErrTooLarge)
		})
	}
}

func TestRandBelow(t *testing.T) {
	_, err := secrets.RandBelow(0)
	wantErr(t, "RandBelow(0)", err, secrets.ErrInvalidArgument)
	for i := 0; i < 100; i++ {
		x, err := secrets.RandBelow(1)
		noErr(t, "RandBelow(1)", err)
		if x != 0 {
			t.Fatalf("RandBelow(1) = %d", x)
		}
	}
	seen := map[uint64]int{}
	for i := 0; i < 1000; i++ {
		x, err := secrets.RandBelow(10)
		noErr(t, "RandBelow(10)", err)
		if x >= 10 {
			t.Fatalf("RandBelow(10) = %d", x)
		}
		seen[x]++
	}
	if len(seen) != 10 {
		t.Errorf("RandBelow(10) in 1000 draws reached only %v", seen)
	}
	high := 0
	for i := 0; i < 200; i++ {
		x, err := secrets.RandBelow(math.MaxUint64)
		noErr(t, "RandBelow(MaxUint64)", err)
		if x == math.MaxUint64 {
			t.Fatalf("RandBelow(MaxUint64) = MaxUint64")
		}
		if x>>63 == 1 {
			high++
		}
	}
	if high == 0 || high == 200 {
		t.Errorf("RandBelow(MaxUint64): top bit set in %d of 200 draws", high)
	}
}

func TestRandBelowBig(t *testing.T) {
	_, err := secrets.RandBelowBig(nil)
	wantErr(t, "RandBelowBig(nil)", err, secrets.ErrNullPointer)
	_, err = secrets.RandBelowBig(big.NewInt(0))
	wantErr(t, "RandBelowBig(0)", err, secrets.ErrInvalidArgument)
	_, err = secrets.RandBelowBig(big.NewInt(-5))
	wantErr(t, "RandBelowBig(-5)", err, secrets.ErrInvalidArgument)

	one := big.NewInt(1)
	x, err := secrets.RandBelowBig(one)
	noErr(t, "RandBelowBig(1)", err)
	if x.Sign() != 0 {
		t.Errorf("RandBelowBig(1) = %v", x)
	}
	seen := map[int64]bool{}
	ten := big.NewInt(10)
	for i := 0; i < 1000; i++ {
		x, err := secrets.RandBelowBig(ten)
		noErr(t, "RandBelowBig(10)", err)
		if x.Sign() < 0 || x.Cmp(ten) >= 0 {
			t.Fatalf("RandBelowBig(10) = %v", x)
		}
		seen[x.Int64()] = true
	}
	if len(seen) != 10 {
		t.Errorf("RandBelowBig(10) in 1000 draws reached %d values", len(seen))
	}
	// 2^200 + 12345: results below it, and large ones occur.
	upper := new(big.Int).Lsh(one, 200)
	upper.Add(upper, big.NewInt(12345))
	before := upper.String()
	long := 0
	for i := 0; i < 100; i++ {
		x, err := secrets.RandBelowBig(upper)
		noErr(t, "RandBelowBig(2^200+12345)", err)
		if x.Sign() < 0 || x.Cmp(upper) >= 0 {
			t.Fatalf("RandBelowBig(2^200+12345) = %v", x)
		}
		if x.BitLen() >= 190 {
			long++
		}
	}
	if long < 90 {
		t.Errorf("RandBelowBig(2^200+12345): only %d of 100 results have >= 190 bits", long)
	}
	if upper.String() != before {
		t.Errorf("RandBelowBig modified its argument: %s, was %s", upper, before)
	}
}

func TestRandBits(t *testing.T) {
	_, err := secrets.RandBits(-1)
	wantErr(t, "RandBits(-1)", err, secrets.ErrInvalidArgument)
	x, err := secrets.RandBits(0)
	noErr(t, "RandBits(0)", err)
	if x.Sign() != 0 {
		t.Errorf("RandBits(0) = %v", x)
	}
	for _, k := range []int{1, 7, 8, 9, 63, 64, 65, 130, 1001} {
		top := 0
		for i := 0; i < 64; i++ {
			x, err := secrets.RandBits(k)
			noErr(t, fmt.Sprintf("RandBits(%d)", k), err)
			if x.Sign() < 0 || x.BitLen() > k {
				t.Fatalf("RandBits(%d) = %v (%d bits)", k, x, x.BitLen())
			}
			if x.BitLen() == k {
				top++
			}
		}
		if top == 0 || top == 64 {
			t.Errorf("RandBits(%d): bit %d set in %d of 64 draws", k, k-1, top)
		}
	}
}

func TestChoice(t *testing.T) {
	s, err := secrets.Choice([]string(nil))
	wantErr(t, "Choice(nil)", err, secrets.ErrEmpty)
	if s != "" {
		t.Errorf("Choice(nil) returned %q with its error", s)
	}
	_, err = secrets.Choice([]int{})
	wantErr(t, "Choice([]int{})", err, secrets.ErrEmpty)

	// Elements holding pointers: they never cross into C.
	type item struct {
		name string
		p    *int
	}
	items := []item{{"a", new(int)}, {"b", nil}, {"c", new(int)}, {"d", nil}, {"e", new(int)}}
	seen := map[string]bool{}
	for i := 0; i < 500; i++ {
		it, err := secrets.Choice(items)
		noErr(t, "Choice(items)", err)
		seen[it.name] = true
	}
	if len(seen) != len(items) {
		t.Errorf("Choice over 5 items in 500 draws reached %v", seen)
	}
	one, err := secrets.Choice([]float64{2.5})
	noErr(t, "Choice([2.5])", err)
	if one != 2.5 {
		t.Errorf("Choice([2.5]) = %v", one)
	}

	_, err = secrets.ChoiceIndex(0)
	wantErr(t, "ChoiceIndex(0)", err, secrets.ErrEmpty)
	_, err = secrets.ChoiceIndex(-3)
	wantErr(t, "ChoiceIndex(-3)", err, secrets.ErrInvalidArgument)
	for i := 0; i < 100; i++ {
		j, err := secrets.ChoiceIndex(7)
		noErr(t, "ChoiceIndex(7)", err)
		if j < 0 || j >= 7 {
			t.Fatalf("ChoiceIndex(7) = %d", j)
		}
	}
}

func TestCompareDigest(t *testing.T) {
	a := []byte("0123456789abcdef0123456789abcdef")
	if !secrets.CompareDigest(a, append([]byte(nil), a...)) {
		t.Error("equal slices compare unequal")
	}
	for i := range a {
		for bit := 0; bit < 8; bit++ {
			b := append([]byte(nil), a...)
			b[i] ^= 1 << bit
			if secrets.CompareDigest(a, b) || secrets.CompareDigest(b, a) {
				t.Fatalf("flip of byte %d bit %d compares equal", i, bit)
			}
		}
	}
	if secrets.CompareDigest(a, a[:31]) || secrets.CompareDigest(a[:31], a) {
		t.Error("a prefix compares equal")
	}
	if !secrets.CompareDigest(nil, nil) || !secrets.CompareDigest([]byte{}, nil) || !secrets.CompareDigest(a[:0], []byte{}) {
		t.Error("empty slices compare unequal")
	}
	if secrets.CompareDigest(nil, []byte{0}) || secrets.CompareDigest([]byte{0}, nil) {
		t.Error("empty and non-empty compare equal")
	}

	if !secrets.CompareDigestString("token", "token") || !secrets.CompareDigestString("", "") {
		t.Error("CompareDigestString: equal strings compare unequal")
	}
	if secrets.CompareDigestString("token", "tokeN") || secrets.CompareDigestString("token", "token2") ||
		secrets.CompareDigestString("", "x") {
		t.Error("CompareDigestString: unequal strings compare equal")
	}
	// Not NUL-terminated in Go: an embedded NUL is part of the string.
	if secrets.CompareDigestString("a\x00b", "a\x00c") {
		t.Error("CompareDigestString stops at a NUL byte")
	}
}

// Equal is fail-closed constant-time equality: true only for equal bytes.
func TestEqual(t *testing.T) {
	a := []byte("0123456789abcdef0123456789abcdef")
	if !secrets.Equal(a, append([]byte(nil), a...)) || !secrets.Equal(a, a) {
		t.Error("equal slices compare unequal")
	}
	for i := range a {
		for bit := 0; bit < 8; bit++ {
			b := append([]byte(nil), a...)
			b[i] ^= 1 << bit
			if secrets.Equal(a, b) || secrets.Equal(b, a) {
				t.Fatalf("flip of byte %d bit %d compares equal", i, bit)
			}
		}
	}
	if secrets.Equal(a, a[:31]) || secrets.Equal(a[:31], a) || secrets.Equal(a, append(a[:32:32], 0)) {
		t.Error("a prefix compares equal")
	}
	if !secrets.Equal(nil, nil) || !secrets.Equal([]byte{}, nil) || !secrets.Equal(nil, a[:0]) {
		t.Error("empty slices compare unequal")
	}
	if secrets.Equal(nil, []byte{0}) || secrets.Equal([]byte{0}, nil) || secrets.Equal([]byte{0}, []byte{}) {
		t.Error("empty and non-empty compare equal")
	}
	// The same answers as bytes.Equal and CompareDigest on random pairs
	// that differ in one byte at most.
	for i := 0; i < 500; i++ {
		x, err := secrets.TokenBytes(i % 40)
		noErr(t, "TokenBytes", err)
		y := append([]byte(nil), x...)
		if i%3 == 0 && len(y) > 0 {
			y[i%len(y)] ^= byte(1 + i%255)
		}
		want := bytes.Equal(x, y)
		if secrets.Equal(x, y) != want || secrets.CompareDigest(x, y) != want {
			t.Fatalf("Equal(%x, %x) = %v, CompareDigest %v, want %v", x, y, secrets.Equal(x, y), secrets.CompareDigest(x, y), want)
		}
	}

	if !secrets.EqualString("token", "token") || !secrets.EqualString("", "") {
		t.Error("EqualString: equal strings compare unequal")
	}
	if secrets.EqualString("token", "tokeN") || secrets.EqualString("token", "token2") ||
		secrets.EqualString("", "x") || secrets.EqualString("x", "") {
		t.Error("EqualString: unequal strings compare equal")
	}
	if secrets.EqualString("a\x00b", "a\x00c") || !secrets.EqualString("a\x00b", "a\x00b") {
		t.Error("EqualString stops at a NUL byte")
	}
}

func TestReader(t *testing.T) {
	n, err := secrets.Reader.Read(nil)
	if n != 0 || err != nil {
		t.Errorf("Read(nil) = %d, %v", n, err)
	}
	buf := make([]byte, 1<<16)
	if _, err := io.ReadFull(secrets.Reader, buf); err != nil {
		t.Fatal(err)
	}
	var hist [256]int
	for _, b := range buf {
		hist[b]++
	}
	for v, c := range hist {
		if c < 128 || c > 400 { // expected 256, standard deviation 16
			t.Errorf("byte value %d occurs %d times in 65536 random bytes", v, c)
		}
	}
	// Plugs in where Go expects a random source.
	max := new(big.Int).Lsh(big.NewInt(1), 100)
	x, err := rand.Int(secrets.Reader, max)
	if err != nil || x.Sign() < 0 || x.Cmp(max) >= 0 {
		t.Errorf("rand.Int(secrets.Reader, 2^100) = %v, %v", x, err)
	}
}

func TestMemZero(t *testing.T) {
	b := []byte("secret key material")
	secrets.MemZero(b)
	if !bytes.Equal(b, make([]byte, len(b))) {
		t.Errorf("MemZero left %q", b)
	}
	secrets.MemZero(nil)
	secrets.MemZero([]byte{})
}

var uuidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
