// Command example shows the libsecrets Go binding at work:
//
//	PKG_CONFIG_PATH=/path/to/dir/with/secrets.pc go run ./example
package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"errors"
	"fmt"
	"log"
	"math"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

func main() {
	log.SetFlags(0)
	must := func(s string, err error) string {
		if err != nil {
			log.Fatal(err)
		}
		return s
	}
	fmt.Printf("libsecrets %s (entropy: %s)\n", secrets.Version(), secrets.EntropySource())

	// Tokens, as with Python's secrets module.
	fmt.Println("token_hex:     ", must(secrets.TokenHex(secrets.DefaultEntropy)))
	fmt.Println("token_urlsafe: ", must(secrets.TokenURLSafe(secrets.DefaultEntropy)))
	fmt.Println("token_base32:  ", must(secrets.TokenBase32(20)))
	fmt.Println("uuid4:         ", must(secrets.UUID4()))
	fmt.Println("uuid7:         ", must(secrets.UUID7()))

	// A password with at least one lower-case letter, upper-case letter
	// and digit, drawn uniformly among all such strings, and its entropy.
	policy := secrets.Policy{Length: 16, MinLower: 1, MinUpper: 1, MinDigits: 1}
	bits, err := secrets.PasswordEntropy(policy)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("password:       %s (%.1f bits)\n", must(secrets.Password(policy)), bits)

	words := []string{"correct", "horse", "battery", "staple", "orbit", "lantern", "meadow", "quartz"}
	fmt.Println("passphrase:    ", must(secrets.Passphrase(5, words, "-")))
	// The built-in EFF long word list: nothing to download.
	fmt.Printf("passphrase EFF: %s (%.1f bits)\n", must(secrets.PassphraseEFF(6, "-")), 6*math.Log2(secrets.EFFWordlistLen))

	// A key as `openssl rand -base64 32` prints it, read back in constant
	// time (strict: a bad character, padding or length is an error).
	b64 := must(secrets.TokenBase64(32))
	key32, err := secrets.Base64Decode(b64)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("token_base64:   %s (%d bytes back)\n", b64, len(key32))
	secrets.MemZero(key32)
	if _, err := secrets.HexDecode("not hex"); errors.Is(err, secrets.ErrInvalidArgument) {
		fmt.Println("bad hex:       ", err)
	}

	// A UUID's 16 bytes for a database column, and its text.
	id, err := secrets.UUID7Bytes()
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("uuid7 bytes:    %x = %s\n", id, secrets.UUIDFormat(id))

	// Unbiased integers and choices.
	die, err := secrets.RandInt(1, 6)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("die roll:      ", die)
	winner, err := secrets.Choice([]string{"alice", "bob", "carol"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("winner:        ", winner)
	deck := []string{"A♠", "K♥", "Q♦", "J♣", "10♠"}
	if err := secrets.Shuffle(deck); err != nil {
		log.Fatal(err)
	}
	fmt.Println("shuffled:      ", deck)

	// Errors are sentinels usable with errors.Is.
	if _, err := secrets.Choice([]int{}); errors.Is(err, secrets.ErrEmpty) {
		fmt.Println("empty choice:  ", err)
	}

	// secrets.Reader plugs in wherever Go expects a random source.
	key, err := ecdsa.GenerateKey(elliptic.P256(), secrets.Reader)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("P-256 key X:   ", key.X.Text(16))

	// Constant-time comparison of a secret with untrusted input.
	expected := []byte(must(secrets.TokenHex(16)))
	fmt.Println("digest match:  ", secrets.CompareDigest(expected, []byte("guess")))
	fmt.Println("equal:         ", secrets.Equal(expected, expected))
	secrets.MemZero(expected)
}
