// A Go program outside the repository using the binding.
package main

import (
	"fmt"
	"os"

	secrets "github.com/libsecrets/libsecrets/bindings/go"
)

func main() {
	token, err := secrets.TokenURLSafe(secrets.DefaultEntropy)
	if err != nil || len(token) != 43 {
		fmt.Fprintln(os.Stderr, "consumer (Go):", err)
		os.Exit(1)
	}
	fmt.Println("consumer (Go):", token)
}
