package secrets

/*
#include <secrets.h>

enum { GOSECRETS_DEC_HEX, GOSECRETS_DEC_BASE64, GOSECRETS_DEC_BASE64URL };

// The decoded length comes back by value (no Go pointer to a size_t).
typedef struct {
	int32_t rc;
	size_t n;
} gosecrets_decoded;

// The text is a Go string, passed without copying.
static gosecrets_decoded gosecrets_decode(int kind, void *out, size_t out_len, _GoString_ text) {
	gosecrets_decoded r = {0, 0};
	const char *p = _GoStringPtr(text);
	size_t n = _GoStringLen(text);
	switch (kind) {
	case GOSECRETS_DEC_HEX: r.rc = secrets_hex_decode(out, out_len, p, n, &r.n); break;
	case GOSECRETS_DEC_BASE64: r.rc = secrets_base64_decode(out, out_len, p, n, &r.n); break;
	default: r.rc = secrets_base64url_decode(out, out_len, p, n, &r.n); break;
	}
	return r;
}
*/
import "C"

import "crypto/subtle"

type decoding int

const (
	hexDecoding       decoding = C.GOSECRETS_DEC_HEX
	base64Decoding    decoding = C.GOSECRETS_DEC_BASE64
	base64URLDecoding decoding = C.GOSECRETS_DEC_BASE64URL
)

// decodedLen is the exact decoded length of a well-formed text of this
// length, from the text's length and its trailing "=" (the length of the
// result is public; the "=" are read without a branch all the same). For a
// text whose length no well-formed text has, it is an upper bound instead,
// so that the library gets to reject the text (ErrInvalidArgument) rather
// than the buffer.
func decodedLen(kind decoding, text string) int {
	n := len(text)
	switch kind {
	case hexDecoding:
		return (n + 1) / 2
	case base64Decoding:
		if n%4 != 0 {
			return n/4*3 + 3
		}
	default: // base64url: unpadded, or padded to a multiple of 4
		if n%4 != 0 {
			return n/4*3 + [4]int{0, 3, 1, 2}[n%4]
		}
	}
	if n == 0 {
		return 0
	}
	last := subtle.ConstantTimeByteEq(text[n-1], '=')
	pad := last + (last & subtle.ConstantTimeByteEq(text[n-2], '='))
	return n/4*3 - pad
}

// decode decodes text into a new slice of exactly the decoded length, in
// time that depends only on len(text).
func decode(kind decoding, text string) ([]byte, error) {
	out := make([]byte, decodedLen(kind, text))
	r := C.gosecrets_decode(C.int(kind), bytePtr(out), C.size_t(len(out)), text)
	if err := status(r.rc); err != nil {
		return nil, err // the library has zeroed out
	}
	return out[:r.n], nil
}

// HexDecode decodes hex (an even number of 0-9 a-f A-F, no whitespace) in
// constant time (secrets_hex_decode): no branch or table index depends on
// the text, and the time depends only on len(text), not on where a bad
// character is. Use it for a secret read back from a file or environment
// variable, where encoding/hex would branch on it. Bad input is
// ErrInvalidArgument. The result has exactly the decoded length; "" gives
// an empty, non-nil slice.
func HexDecode(text string) ([]byte, error) { return decode(hexDecoding, text) }

// Base64Decode decodes standard base64 (RFC 4648 §4, A-Z a-z 0-9 + /) with
// canonical "=" padding, a length that is a multiple of 4, no whitespace,
// and zero unused bits (what [TokenBase64] and `openssl rand -base64`
// write), in constant time like [HexDecode]. Anything else is
// ErrInvalidArgument.
func Base64Decode(text string) ([]byte, error) { return decode(base64Decoding, text) }

// Base64URLDecode decodes base64url (RFC 4648 §5, A-Z a-z 0-9 - _),
// unpadded as [TokenURLSafe] writes it or canonically "=" padded, no
// whitespace, zero unused bits, in constant time like [HexDecode]. Anything
// else is ErrInvalidArgument.
func Base64URLDecode(text string) ([]byte, error) { return decode(base64URLDecoding, text) }
