package secrets_test

// Benchmarks, one per main function, and crypto/rand doing the same job
// side by side (BenchmarkCryptoRand*), so the binding's overhead can be read
// off one run:
//
//	go test -run '^$' -bench . -benchmem

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"math"
	"math/big"
	"testing"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

var (
	sinkBytes  []byte
	sinkString string
	sinkU64    uint64
	sinkInt    int
	sinkBig    *big.Int
	sinkBool   bool
)

func check(b *testing.B, err error) {
	if err != nil {
		b.Fatal(err)
	}
}

func BenchmarkTokenBytes16(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t, err := secrets.TokenBytes(16)
		check(b, err)
		sinkBytes = t
	}
}

func BenchmarkCryptoRandTokenBytes16(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := make([]byte, 16)
		_, err := rand.Read(t)
		check(b, err)
		sinkBytes = t
	}
}

func BenchmarkTokenBytes32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t, err := secrets.TokenBytes(32)
		check(b, err)
		sinkBytes = t
	}
}

func BenchmarkCryptoRandTokenBytes32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := make([]byte, 32)
		_, err := rand.Read(t)
		check(b, err)
		sinkBytes = t
	}
}

// Reader.Read and rand.Read into a reused buffer: no allocation either side.
func BenchmarkReaderRead16(b *testing.B) {
	buf := make([]byte, 16)
	for i := 0; i < b.N; i++ {
		_, err := secrets.Reader.Read(buf)
		check(b, err)
	}
}

func BenchmarkCryptoRandRead16(b *testing.B) {
	buf := make([]byte, 16)
	for i := 0; i < b.N; i++ {
		_, err := rand.Read(buf)
		check(b, err)
	}
}

func BenchmarkReaderRead4096(b *testing.B) {
	buf := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		_, err := secrets.Reader.Read(buf)
		check(b, err)
	}
}

func BenchmarkCryptoRandRead4096(b *testing.B) {
	buf := make([]byte, 4096)
	b.SetBytes(4096)
	for i := 0; i < b.N; i++ {
		_, err := rand.Read(buf)
		check(b, err)
	}
}

func BenchmarkTokenHex16(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.TokenHex(16)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkCryptoRandTokenHex16(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := make([]byte, 16)
		_, err := rand.Read(t)
		check(b, err)
		sinkString = hex.EncodeToString(t)
	}
}

func BenchmarkTokenURLSafe32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.TokenURLSafe(32)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkCryptoRandTokenURLSafe32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := make([]byte, 32)
		_, err := rand.Read(t)
		check(b, err)
		sinkString = base64.RawURLEncoding.EncodeToString(t)
	}
}

func BenchmarkTokenBase32_20(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.TokenBase32(20)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkRandBelow1000(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x, err := secrets.RandBelow(1000)
		check(b, err)
		sinkU64 = x
	}
}

func BenchmarkCryptoRandInt1000(b *testing.B) {
	max := big.NewInt(1000)
	for i := 0; i < b.N; i++ {
		x, err := rand.Int(rand.Reader, max)
		check(b, err)
		sinkBig = x
	}
}

func BenchmarkRandBelowBig256(b *testing.B) {
	max := new(big.Int).Lsh(big.NewInt(1), 255)
	max.Add(max, big.NewInt(12345))
	for i := 0; i < b.N; i++ {
		x, err := secrets.RandBelowBig(max)
		check(b, err)
		sinkBig = x
	}
}

func BenchmarkCryptoRandInt256(b *testing.B) {
	max := new(big.Int).Lsh(big.NewInt(1), 255)
	max.Add(max, big.NewInt(12345))
	for i := 0; i < b.N; i++ {
		x, err := rand.Int(rand.Reader, max)
		check(b, err)
		sinkBig = x
	}
}

func BenchmarkRandBits256(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x, err := secrets.RandBits(256)
		check(b, err)
		sinkBig = x
	}
}

func BenchmarkChoice10(b *testing.B) {
	items := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}
	for i := 0; i < b.N; i++ {
		s, err := secrets.Choice(items)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkCompareDigest32(b *testing.B) {
	x, y := make([]byte, 32), make([]byte, 32)
	for i := 0; i < b.N; i++ {
		sinkBool = secrets.CompareDigest(x, y)
	}
}

func BenchmarkSubtleConstantTimeCompare32(b *testing.B) {
	x, y := make([]byte, 32), make([]byte, 32)
	for i := 0; i < b.N; i++ {
		sinkBool = subtle.ConstantTimeCompare(x, y) == 1
	}
}

func BenchmarkTokenBytes16Parallel(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := secrets.TokenBytes(16); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func BenchmarkCryptoRandTokenBytes16Parallel(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := rand.Read(make([]byte, 16)); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

var sinkF64 float64

func benchF64(b *testing.B, f func() (float64, error)) {
	for i := 0; i < b.N; i++ {
		x, err := f()
		check(b, err)
		sinkF64 = x
	}
}

func BenchmarkRandom(b *testing.B) { benchF64(b, secrets.Random) }
func BenchmarkUniform(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.Uniform(-1, 1) })
}
func BenchmarkTriangular(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.Triangular(0, 1, 0.3) })
}
func BenchmarkNormalVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.NormalVariate(0, 1) })
}
func BenchmarkGauss(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.Gauss(0, 1) })
}
func BenchmarkLogNormVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.LogNormVariate(0, 1) })
}
func BenchmarkExpoVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.ExpoVariate(1) })
}
func BenchmarkVonMisesVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.VonMisesVariate(0, 2) })
}
func BenchmarkGammaVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.GammaVariate(2, 1) })
}
func BenchmarkBetaVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.BetaVariate(2, 3) })
}
func BenchmarkParetoVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.ParetoVariate(3) })
}
func BenchmarkWeibullVariate(b *testing.B) {
	benchF64(b, func() (float64, error) { return secrets.WeibullVariate(1, 2) })
}

func BenchmarkBinomialVariate(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x, err := secrets.BinomialVariate(100, 0.3)
		check(b, err)
		sinkU64 = x
	}
}

func BenchmarkRandRange(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x, err := secrets.RandRange(-1000, 1000, 3)
		check(b, err)
		sinkInt = int(x)
	}
}

func BenchmarkRandInt(b *testing.B) {
	for i := 0; i < b.N; i++ {
		x, err := secrets.RandInt(math.MinInt64, math.MaxInt64)
		check(b, err)
		sinkInt = int(x)
	}
}

func BenchmarkShuffle100(b *testing.B) {
	s := make([]string, 100)
	for i := range s {
		s[i] = fmt.Sprint(i)
	}
	for i := 0; i < b.N; i++ {
		check(b, secrets.Shuffle(s))
	}
}

func BenchmarkSample10of1e6(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.Sample(1000000, 10)
		check(b, err)
		sinkInt = s[0]
	}
}

func BenchmarkChoicesWeighted10(b *testing.B) {
	w := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for i := 0; i < b.N; i++ {
		s, err := secrets.Choices(w, len(w), 10)
		check(b, err)
		sinkInt = s[0]
	}
}

func BenchmarkTokenChars32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.TokenChars(32, "abcdefghijklmnopqrstuvwxyz0123456789")
		check(b, err)
		sinkString = s
	}
}

func BenchmarkPassword16(b *testing.B) {
	p := secrets.Policy{Length: 16, MinLower: 1, MinUpper: 1, MinDigits: 1}
	for i := 0; i < b.N; i++ {
		s, err := secrets.Password(p)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkPasswordEntropy16(b *testing.B) {
	p := secrets.Policy{Length: 16, MinLower: 1, MinUpper: 1, MinDigits: 1}
	for i := 0; i < b.N; i++ {
		x, err := secrets.PasswordEntropy(p)
		check(b, err)
		sinkF64 = x
	}
}

// A diceware-sized list (7776 words): the per-call copy into C dominates.
func BenchmarkPassphrase6of7776(b *testing.B) {
	words := make([]string, 7776)
	for i := range words {
		words[i] = fmt.Sprintf("word%05d", i)
	}
	for i := 0; i < b.N; i++ {
		s, err := secrets.Passphrase(6, words, " ")
		check(b, err)
		sinkString = s
	}
}

func BenchmarkUUID4(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.UUID4()
		check(b, err)
		sinkString = s
	}
}

func BenchmarkUUID7(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.UUID7()
		check(b, err)
		sinkString = s
	}
}

// The section-8 additions, each beside the standard library doing the same
// job.

func BenchmarkTokenBase64_32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.TokenBase64(32)
		check(b, err)
		sinkString = s
	}
}

func BenchmarkCryptoRandTokenBase64_32(b *testing.B) {
	for i := 0; i < b.N; i++ {
		t := make([]byte, 32)
		_, err := rand.Read(t)
		check(b, err)
		sinkString = base64.StdEncoding.EncodeToString(t)
	}
}

func BenchmarkEqual32(b *testing.B) {
	x, y := make([]byte, 32), make([]byte, 32)
	for i := 0; i < b.N; i++ {
		sinkBool = secrets.Equal(x, y)
	}
}

func BenchmarkUUID4Bytes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		u, err := secrets.UUID4Bytes()
		check(b, err)
		sinkInt = int(u[0])
	}
}

// What a Go program does without the library: 16 random bytes, version and
// variant bits set by hand.
func BenchmarkCryptoRandUUID4Bytes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		var u [16]byte
		_, err := rand.Read(u[:])
		check(b, err)
		u[6] = u[6]&0x0f | 0x40
		u[8] = u[8]&0x3f | 0x80
		sinkInt = int(u[0])
	}
}

func BenchmarkUUID7Bytes(b *testing.B) {
	for i := 0; i < b.N; i++ {
		u, err := secrets.UUID7Bytes()
		check(b, err)
		sinkInt = int(u[0])
	}
}

func BenchmarkUUIDFormat(b *testing.B) {
	u := [16]byte{1, 2, 3, 4, 5, 6, 0x47, 8, 0x89, 10, 11, 12, 13, 14, 15, 16}
	for i := 0; i < b.N; i++ {
		sinkString = secrets.UUIDFormat(u)
	}
}

func BenchmarkHexDecode32(b *testing.B) {
	text := hex.EncodeToString(make([]byte, 32))
	for i := 0; i < b.N; i++ {
		d, err := secrets.HexDecode(text)
		check(b, err)
		sinkBytes = d
	}
}

func BenchmarkStdlibHexDecode32(b *testing.B) {
	text := hex.EncodeToString(make([]byte, 32))
	for i := 0; i < b.N; i++ {
		d, err := hex.DecodeString(text)
		check(b, err)
		sinkBytes = d
	}
}

func BenchmarkBase64Decode32(b *testing.B) {
	text := base64.StdEncoding.EncodeToString(make([]byte, 32))
	for i := 0; i < b.N; i++ {
		d, err := secrets.Base64Decode(text)
		check(b, err)
		sinkBytes = d
	}
}

func BenchmarkStdlibBase64Decode32(b *testing.B) {
	text := base64.StdEncoding.EncodeToString(make([]byte, 32))
	for i := 0; i < b.N; i++ {
		d, err := base64.StdEncoding.Strict().DecodeString(text)
		check(b, err)
		sinkBytes = d
	}
}

func BenchmarkPassphraseEFF6(b *testing.B) {
	for i := 0; i < b.N; i++ {
		s, err := secrets.PassphraseEFF(6, " ")
		check(b, err)
		sinkString = s
	}
}
