package secrets

/*
#include <secrets.h>
*/
import "C"

import "io"

// Reader is a source of cryptographically secure random bytes backed by
// libsecrets: each Read fills the whole buffer with one call to
// secrets_token_bytes. It is safe for concurrent use and plugs in wherever
// Go expects a random source, for example crypto/rand.Int(secrets.Reader,
// max) or ecdsa.GenerateKey(curve, secrets.Reader).
var Reader io.Reader = reader{}

type reader struct{}

// Read fills p with random bytes and returns len(p), nil; on failure it
// returns 0 and an Error (p is then zeroed).
func (reader) Read(p []byte) (int, error) {
	if err := status(C.secrets_token_bytes(bytePtr(p), C.size_t(len(p)))); err != nil {
		return 0, err
	}
	return len(p), nil
}
