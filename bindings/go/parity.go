package secrets

/*
#include <stdbool.h>
#include <secrets.h>

enum { GOSECRETS_HEX, GOSECRETS_URLSAFE, GOSECRETS_BASE32, GOSECRETS_BASE64 };

typedef struct {
	int32_t rc;
	size_t size;
} gosecrets_sized;

static size_t gosecrets_token_size(int kind, size_t nbytes) {
	switch (kind) {
	case GOSECRETS_HEX: return secrets_token_hex_size(nbytes);
	case GOSECRETS_URLSAFE: return secrets_token_urlsafe_size(nbytes);
	case GOSECRETS_BASE32: return secrets_token_base32_size(nbytes);
	default: return secrets_token_base64_size(nbytes);
	}
}

// Sizes the output with the library's size helper and, if out can hold it,
// draws the token. size is SIZE_MAX (with SECRETS_ERR_TOO_LARGE) on overflow.
static gosecrets_sized gosecrets_token_text(int kind, char *out, size_t cap, size_t nbytes) {
	gosecrets_sized r;
	r.size = gosecrets_token_size(kind, nbytes);
	if (r.size == SIZE_MAX) {
		r.rc = SECRETS_ERR_TOO_LARGE;
	} else if (r.size > cap) {
		r.rc = SECRETS_ERR_BUFFER_TOO_SMALL;
	} else {
		switch (kind) {
		case GOSECRETS_HEX: r.rc = secrets_token_hex(out, r.size, nbytes); break;
		case GOSECRETS_URLSAFE: r.rc = secrets_token_urlsafe(out, r.size, nbytes); break;
		case GOSECRETS_BASE32: r.rc = secrets_token_base32(out, r.size, nbytes); break;
		default: r.rc = secrets_token_base64(out, r.size, nbytes); break;
		}
	}
	return r;
}

// Scalar results come back by value, so no Go pointer crosses into C and
// nothing escapes to the heap: these calls do not allocate.
typedef struct {
	int32_t rc;
	uint64_t v;
} gosecrets_u64;

typedef struct {
	int32_t rc;
	size_t v;
} gosecrets_size;

static gosecrets_u64 gosecrets_randbelow_u64(uint64_t upper) {
	gosecrets_u64 r = {0, 0};
	r.rc = secrets_randbelow_u64(upper, &r.v);
	return r;
}

static gosecrets_size gosecrets_choice_index(size_t len) {
	gosecrets_size r = {0, 0};
	r.rc = secrets_choice_index(len, &r.v);
	return r;
}

// compare_digest and equal over two Go strings, passed without copying.
static int32_t gosecrets_compare_digest_str(_GoString_ a, _GoString_ b) {
	return secrets_compare_digest(_GoStringPtr(a), _GoStringLen(a), _GoStringPtr(b), _GoStringLen(b));
}

static bool gosecrets_equal_str(_GoString_ a, _GoString_ b) {
	return secrets_equal(_GoStringPtr(a), _GoStringLen(a), _GoStringPtr(b), _GoStringLen(b));
}
*/
import "C"

import (
	"math/big"
	"unsafe"
)

// TokenBytes returns n random bytes (Python's secrets.token_bytes). n == 0
// gives an empty, non-nil slice; a negative n is ErrInvalidArgument.
func TokenBytes(n int) ([]byte, error) {
	cn, err := count("TokenBytes", "length", n)
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	if err := status(C.secrets_token_bytes(bytePtr(b), cn)); err != nil {
		return nil, err
	}
	return b, nil
}

type textToken int

// The kinds of gosecrets_token_text.
const (
	hexToken     textToken = C.GOSECRETS_HEX
	urlsafeToken textToken = C.GOSECRETS_URLSAFE
	base32Token  textToken = C.GOSECRETS_BASE32
	base64Token  textToken = C.GOSECRETS_BASE64
)

var tokenFuncNames = [...]string{"TokenHex", "TokenURLSafe", "TokenBase32", "TokenBase64"}

// sizeGuess is the buffer size the library documents for an encoding of n
// bytes (2n+1, ceil(4n/3)+1, ceil(8n/5)+1, 4*ceil(n/3)+1) for the usual
// token sizes, 0 above 64 KiB. It only saves a cgo call: the library's size
// helper decides, and a missing or wrong guess costs a second call with the
// size the library asked for (which is how tokens above 64 KiB are always
// made).
func sizeGuess(kind textToken, n int) int {
	if n > 1<<16 {
		return 0
	}
	switch kind {
	case hexToken:
		return 2*n + 1
	case urlsafeToken:
		return (4*n+2)/3 + 1
	case base32Token:
		return (8*n+4)/5 + 1
	default:
		return (n+2)/3*4 + 1
	}
}

// token draws n random bytes and returns them in the given text encoding.
// One cgo call: the wrapper gets the buffer size from the library's size
// helper (secrets_token_hex_size etc.) and, if the buffer is large enough,
// makes the draw.
func token(kind textToken, n int) (string, error) {
	cn, err := count(tokenFuncNames[kind], "length", n)
	if err != nil {
		return "", err
	}
	return sizedText(sizeGuess(kind, n), true, func(buf []byte) (C.int32_t, C.size_t) {
		r := C.gosecrets_token_text(C.int(kind), charPtr(buf), C.size_t(len(buf)), cn)
		return r.rc, r.size
	})
}

// TokenHex returns the lowercase hex encoding of n random bytes, 2*n
// characters (Python's secrets.token_hex).
func TokenHex(n int) (string, error) { return token(hexToken, n) }

// TokenURLSafe returns n random bytes as unpadded base64url (RFC 4648 §5),
// ceil(4*n/3) characters from A-Z a-z 0-9 - _ (Python's
// secrets.token_urlsafe).
func TokenURLSafe(n int) (string, error) { return token(urlsafeToken, n) }

// TokenBase32 returns n random bytes as unpadded RFC 4648 base32, ceil(8*n/5)
// characters from A-Z 2-7.
func TokenBase32(n int) (string, error) { return token(base32Token, n) }

// TokenBase64 returns n random bytes as standard base64 (RFC 4648 §4,
// A-Z a-z 0-9 + / with "=" padding), 4*ceil(n/3) characters: what
// `openssl rand -base64 n` prints, and what [Base64Decode] reads back.
func TokenBase64(n int) (string, error) { return token(base64Token, n) }

// RandBelow returns an integer uniform in [0, n) (Python's
// secrets.randbelow). n == 0 is ErrInvalidArgument.
func RandBelow(n uint64) (uint64, error) {
	r := C.gosecrets_randbelow_u64(C.uint64_t(n))
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return uint64(r.v), nil
}

// RandBelowBig returns an integer uniform in [0, n) for an arbitrarily large
// n (secrets_randbelow on n's big-endian bytes). A nil n is ErrNullPointer;
// n <= 0 is ErrInvalidArgument. The scratch byte buffers are wiped; the
// returned big.Int is the only copy left.
func RandBelowBig(n *big.Int) (*big.Int, error) {
	if n == nil {
		return nil, argError("RandBelowBig", ErrNullPointer, "nil bound")
	}
	if n.Sign() < 0 {
		return nil, argError("RandBelowBig", ErrInvalidArgument, "negative bound")
	}
	upper := n.Bytes() // empty for 0: passed as (NULL, 0), which the library rejects
	out := make([]byte, len(upper))
	rc := C.secrets_randbelow(bytePtr(upper), C.size_t(len(upper)), bytePtr(out))
	wipe(upper)
	if err := status(rc); err != nil {
		return nil, err
	}
	r := new(big.Int).SetBytes(out)
	wipe(out)
	return r, nil
}

// RandBits returns an integer uniform in [0, 2^k) (Python's
// secrets.randbits). k == 0 gives 0; a negative k is ErrInvalidArgument.
func RandBits(k int) (*big.Int, error) {
	ck, err := count("RandBits", "bit count", k)
	if err != nil {
		return nil, err
	}
	nbytes := k / 8
	if k%8 != 0 {
		nbytes++
	}
	out := make([]byte, nbytes)
	if err := status(C.secrets_randbits(ck, bytePtr(out), C.size_t(nbytes))); err != nil {
		return nil, err
	}
	r := new(big.Int).SetBytes(out)
	wipe(out)
	return r, nil
}

// ChoiceIndex returns an index uniform in [0, n): the index Choice would
// pick from a slice of length n. n == 0 is ErrEmpty.
func ChoiceIndex(n int) (int, error) {
	cn, err := count("ChoiceIndex", "length", n)
	if err != nil {
		return 0, err
	}
	r := C.gosecrets_choice_index(cn)
	if err := status(r.rc); err != nil {
		return 0, err
	}
	return int(r.v), nil
}

// Choice returns a uniformly chosen element of items (Python's
// secrets.choice). An empty slice is ErrEmpty (with T's zero value). The
// index is drawn by the library (secrets_choice_index); elements of any type
// work, since they never cross into C.
func Choice[T any](items []T) (T, error) {
	r := C.gosecrets_choice_index(C.size_t(len(items)))
	if err := status(r.rc); err != nil {
		var zero T
		return zero, err
	}
	return items[r.v], nil
}

// CompareDigest reports whether a and b are equal, in constant time
// (Python's secrets.compare_digest). The running time depends only on
// len(b): pass the expected secret as a and the untrusted input as b.
func CompareDigest(a, b []byte) bool {
	return C.secrets_compare_digest(bytePtr(a), C.size_t(len(a)), bytePtr(b), C.size_t(len(b))) == 1
}

// CompareDigestString is CompareDigest for strings, without copying them.
func CompareDigestString(a, b string) bool {
	return C.gosecrets_compare_digest_str(a, b) == 1
}

// Equal reports whether a and b hold the same bytes, in constant time
// (secrets_equal): the running time depends only on the lengths, never on
// the bytes. It is fail-closed: every error inside the library counts as
// "not equal". It gives the same answers as [CompareDigest] (whose C
// counterpart returns 1, 0 or a negative status, which this package already
// reads as "equal only on 1"); Equal is the direct binding of the C
// function that cannot fail open. Empty and nil slices are equal.
func Equal(a, b []byte) bool {
	return bool(C.secrets_equal(bytePtr(a), C.size_t(len(a)), bytePtr(b), C.size_t(len(b))))
}

// EqualString is Equal for strings, without copying them.
func EqualString(a, b string) bool {
	return bool(C.gosecrets_equal_str(a, b))
}

// The library's size_t arrays are read back as Go ints: both types have the
// pointer width on every platform Go supports. This fails to compile if not.
var _ [unsafe.Sizeof(C.size_t(0)) - unsafe.Sizeof(int(0))]struct{}
var _ [unsafe.Sizeof(int(0)) - unsafe.Sizeof(C.size_t(0))]struct{}
