package secrets_test

import (
	"errors"
	"fmt"
	"sort"

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
