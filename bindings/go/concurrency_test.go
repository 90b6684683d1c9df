package secrets_test

import (
	"bytes"
	"fmt"
	"io"
	"math/big"
	"strings"
	"sync"
	"testing"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

// An op calls one function of the package and checks its result.
type op struct {
	name string
	run  func() error
}

// ops covers every function that draws randomness (and CompareDigest).
var ops = []op{
	{"TokenBytes", func() error { _, err := secrets.TokenBytes(16); return err }},
	{"TokenHex", func() error { return expectLen(secrets.TokenHex(16))(32) }},
	{"TokenURLSafe", func() error { return expectLen(secrets.TokenURLSafe(32))(43) }},
	{"TokenBase32", func() error { return expectLen(secrets.TokenBase32(20))(32) }},
	{"RandBelow", func() error {
		x, err := secrets.RandBelow(1000)
		if err == nil && x >= 1000 {
			err = fmt.Errorf("RandBelow(1000) = %d", x)
		}
		return err
	}},
	{"RandBelowBig", func() error { _, err := secrets.RandBelowBig(big.NewInt(1e15)); return err }},
	{"RandBits", func() error { _, err := secrets.RandBits(100); return err }},
	{"Choice", func() error { _, err := secrets.Choice([]string{"a", "b", "c"}); return err }},
	{"ChoiceIndex", func() error { _, err := secrets.ChoiceIndex(3); return err }},
	{"CompareDigest", func() error {
		if !secrets.CompareDigest([]byte("abc"), []byte("abc")) || secrets.CompareDigest([]byte("abc"), []byte("abd")) {
			return fmt.Errorf("CompareDigest gave a wrong answer")
		}
		return nil
	}},
	{"Reader", func() error { _, err := io.ReadFull(secrets.Reader, make([]byte, 64)); return err }},
	{"Random", func() error { _, err := secrets.Random(); return err }},
	{"Uniform", func() error { _, err := secrets.Uniform(-1, 1); return err }},
	{"RandRange", func() error { _, err := secrets.RandRange(0, 100, 7); return err }},
	{"RandInt", func() error { _, err := secrets.RandInt(1, 6); return err }},
	{"Shuffle", func() error { return secrets.Shuffle([]string{"a", "b", "c", "d"}) }},
	{"Sample", func() error { _, err := secrets.Sample(1000, 10); return err }},
	{"Choices", func() error { _, err := secrets.Choices([]float64{1, 2, 3}, 3, 10); return err }},
	{"Triangular", func() error { _, err := secrets.Triangular(0, 1, 0.5); return err }},
	{"NormalVariate", func() error { _, err := secrets.NormalVariate(0, 1); return err }},
	{"Gauss", func() error { _, err := secrets.Gauss(0, 1); return err }},
	{"LogNormVariate", func() error { _, err := secrets.LogNormVariate(0, 1); return err }},
	{"ExpoVariate", func() error { _, err := secrets.ExpoVariate(1); return err }},
	{"VonMisesVariate", func() error { _, err := secrets.VonMisesVariate(0, 1); return err }},
	{"GammaVariate", func() error { _, err := secrets.GammaVariate(2, 1); return err }},
	{"BetaVariate", func() error { _, err := secrets.BetaVariate(2, 2); return err }},
	{"ParetoVariate", func() error { _, err := secrets.ParetoVariate(2); return err }},
	{"WeibullVariate", func() error { _, err := secrets.WeibullVariate(1, 2); return err }},
	{"BinomialVariate", func() error { _, err := secrets.BinomialVariate(100, 0.3); return err }},
	{"TokenChars", func() error { return expectLen(secrets.TokenChars(12, "abcdef"))(12) }},
	{"Password", func() error {
		return expectLen(secrets.Password(secrets.Policy{Length: 16, MinLower: 2, MinUpper: 2, MinDigits: 2}))(16)
	}},
	{"PasswordEntropy", func() error { _, err := secrets.PasswordEntropy(secrets.Policy{Length: 16}); return err }},
	{"Passphrase", func() error { _, err := secrets.Passphrase(4, []string{"a", "b", "c"}, "-"); return err }},
	{"UUID4", func() error { return expectLen(secrets.UUID4())(36) }},
	{"TokenBase64", func() error { return expectLen(secrets.TokenBase64(32))(44) }},
	{"Equal", func() error {
		if !secrets.Equal([]byte("abc"), []byte("abc")) || secrets.Equal([]byte("abc"), []byte("abd")) ||
			!secrets.EqualString("abc", "abc") {
			return fmt.Errorf("Equal gave a wrong answer")
		}
		return nil
	}},
	{"UUIDBytes", func() error {
		u, err := secrets.UUID4Bytes()
		if err == nil && len(secrets.UUIDFormat(u)) != 36 {
			err = fmt.Errorf("UUIDFormat(%x) = %q", u, secrets.UUIDFormat(u))
		}
		if err != nil {
			return err
		}
		a, err := secrets.UUID7Bytes()
		if err != nil {
			return err
		}
		b, err := secrets.UUID7()
		if err == nil && b <= secrets.UUIDFormat(a) {
			err = fmt.Errorf("UUID7 not after UUID7Bytes within a goroutine: %x then %s", a, b)
		}
		return err
	}},
	{"Decoders", func() error {
		for _, c := range []struct {
			f    func(string) ([]byte, error)
			text string
		}{{secrets.HexDecode, "0a0b0c"}, {secrets.Base64Decode, "CgsM"}, {secrets.Base64URLDecode, "CgsM"}} {
			if b, err := c.f(c.text); err != nil || !bytes.Equal(b, []byte{10, 11, 12}) {
				return fmt.Errorf("decoding %q: %x, %v", c.text, b, err)
			}
		}
		if _, err := secrets.HexDecode("0g"); err == nil {
			return fmt.Errorf("HexDecode(0g) succeeded")
		}
		return nil
	}},
	{"PassphraseEFF", func() error {
		s, err := secrets.PassphraseEFF(6, " ")
		if n := strings.Count(s, " "); err == nil && n != 5 {
			err = fmt.Errorf("PassphraseEFF(6) = %q", s)
		}
		return err
	}},
	{"UUID7", func() error {
		a, err := secrets.UUID7()
		if err != nil {
			return err
		}
		b, err := secrets.UUID7()
		if err == nil && b <= a {
			err = fmt.Errorf("UUID7 not increasing within a goroutine: %s then %s", a, b)
		}
		return err
	}},
}

func expectLen(s string, err error) func(int) error {
	return func(n int) error {
		if err == nil && len(s) != n {
			err = fmt.Errorf("got %q, want %d characters", s, n)
		}
		return err
	}
}

// runOps runs every op once, reporting errors (safe from any goroutine).
func runOps(t *testing.T) {
	for _, o := range ops {
		if err := o.run(); err != nil {
			t.Errorf("%s: %v", o.name, err)
		}
	}
}

// Many goroutines at once: every call succeeds and no two 16-byte tokens
// are equal.
func TestConcurrentUse(t *testing.T) {
	const goroutines, iters = 32, 50
	var (
		mu     sync.Mutex
		tokens = map[string]bool{}
		wg     sync.WaitGroup
	)
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([][]byte, 0, iters)
			for i := 0; i < iters; i++ {
				runOps(t)
				b, err := secrets.TokenBytes(16)
				if err != nil {
					t.Errorf("TokenBytes: %v", err)
					return
				}
				mine = append(mine, b)
			}
			mu.Lock()
			defer mu.Unlock()
			for _, b := range mine {
				if tokens[string(b)] {
					t.Errorf("token %x drawn twice", b)
				}
				tokens[string(b)] = true
			}
		}()
	}
	wg.Wait()
	if len(tokens) != goroutines*iters && !t.Failed() {
		t.Errorf("%d distinct tokens, want %d", len(tokens), goroutines*iters)
	}
}

// Calls made concurrently into the same output through Reader and MemZero
// are not a thing; but one shared input slice read by many goroutines is.
func TestConcurrentSharedInput(t *testing.T) {
	secret := bytes.Repeat([]byte{0x5a}, 64)
	items := []int{1, 2, 3, 4, 5}
	var wg sync.WaitGroup
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				if !secrets.CompareDigest(secret, secret) {
					t.Error("CompareDigest(secret, secret) = false")
					return
				}
				if _, err := secrets.Choice(items); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
}
