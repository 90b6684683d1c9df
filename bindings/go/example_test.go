package secrets_test

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

func ExampleTokenHex() {
	token, err := secrets.TokenHex(secrets.DefaultEntropy)
	if err != nil {
		panic(err)
	}
	fmt.Println(len(token)) // e.g. "3f0c...": 32 random bytes, 64 hex digits
	// Output: 64
}

func ExampleTokenURLSafe() {
	token, err := secrets.TokenURLSafe(16) // for a password-reset link
	if err != nil {
		panic(err)
	}
	fmt.Println(len(token))
	// Output: 22
}

func ExampleChoice() {
	colour, err := secrets.Choice([]string{"red", "green", "blue"})
	if err != nil {
		panic(err)
	}
	fmt.Println(colour == "red" || colour == "green" || colour == "blue")

	_, err = secrets.Choice([]string{})
	fmt.Println(errors.Is(err, secrets.ErrEmpty))
	// Output:
	// true
	// true
}

func ExampleShuffle() {
	deck := []string{"A", "K", "Q", "J"}
	if err := secrets.Shuffle(deck); err != nil {
		panic(err)
	}
	sort.Strings(deck) // the same cards, in some uniformly random order
	fmt.Println(deck)
	// Output: [A J K Q]
}

func ExampleRandBelow() {
	die, err := secrets.RandBelow(6) // 0..5, exactly uniform
	if err != nil {
		panic(err)
	}
	fmt.Println(die+1 >= 1 && die+1 <= 6)

	_, err = secrets.RandBelow(0)
	fmt.Println(err)
	// Output:
	// true
	// secrets: an argument is out of its domain
}

func ExampleCompareDigest() {
	expected := []byte("b5b2b5ec")
	fmt.Println(secrets.CompareDigest(expected, []byte("b5b2b5ec")))
	fmt.Println(secrets.CompareDigest(expected, []byte("00000000")))
	// Output:
	// true
	// false
}

func ExampleEqual() {
	expected := []byte("b5b2b5ec")
	fmt.Println(secrets.Equal(expected, []byte("b5b2b5ec")))
	fmt.Println(secrets.Equal(expected, []byte("b5b2b5")))
	// Output:
	// true
	// false
}

func ExampleTokenBase64() {
	key, err := secrets.TokenBase64(32) // like `openssl rand -base64 32`
	if err != nil {
		panic(err)
	}
	fmt.Println(len(key), key[len(key)-1:])
	// Output: 44 =
}

func ExampleBase64Decode() {
	// A key read back from a configuration file, decoded in constant time.
	key, err := secrets.Base64Decode("c2VjcmV0cw==")
	fmt.Printf("%q %v\n", key, err)

	_, err = secrets.Base64Decode("c2VjcmV0cw") // unpadded: standard base64 needs the "="
	fmt.Println(errors.Is(err, secrets.ErrInvalidArgument))
	// Output:
	// "secrets" <nil>
	// true
}

func ExampleHexDecode() {
	b, err := secrets.HexDecode("00ff7F")
	fmt.Println(b, err)
	_, err = secrets.HexDecode("0g")
	fmt.Println(err)
	// Output:
	// [0 255 127] <nil>
	// secrets: an argument is out of its domain
}

func ExampleUUID7Bytes() {
	id, err := secrets.UUID7Bytes() // 16 bytes for a database column
	if err != nil {
		panic(err)
	}
	fmt.Println(id[6]>>4, len(secrets.UUIDFormat(id)))
	// Output: 7 36
}

func ExampleUUIDFormat() {
	fmt.Println(secrets.UUIDFormat([16]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0x7c, 0xde, 0x8f, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd}))
	// Output: 01234567-89ab-7cde-8f01-23456789abcd
}

func ExamplePassphraseEFF() {
	// Six words from the built-in EFF long list: 6 * 12.925 = 77.5 bits.
	phrase, err := secrets.PassphraseEFF(6, " ")
	if err != nil {
		panic(err)
	}
	fmt.Println(len(strings.Fields(phrase)))
	fmt.Printf("%.1f bits\n", 6*math.Log2(secrets.EFFWordlistLen))
	// Output:
	// 6
	// 77.5 bits
}
