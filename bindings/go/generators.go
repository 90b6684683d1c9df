package secrets

/*
#include <stdlib.h>
#include <secrets.h>

// Go strings are passed to these wrappers without copying (_GoString_);
// the policy struct is built on the C side, so no Go memory handed to C
// holds a Go pointer.
static int32_t gosecrets_token_chars(char *out, size_t out_size, size_t length, _GoString_ alphabet) {
	return secrets_token_chars(out, out_size, length, _GoStringPtr(alphabet), _GoStringLen(alphabet));
}

static struct secrets_password_policy gosecrets_policy(size_t length, _GoString_ alphabet, size_t min_lower,
                                                size_t min_upper, size_t min_digits, size_t min_symbols) {
	struct secrets_password_policy p;
	p.length = length;
	p.alphabet = _GoStringLen(alphabet) > 0 ? _GoStringPtr(alphabet) : NULL;
	p.alphabet_len = _GoStringLen(alphabet);
	p.min_lower = min_lower;
	p.min_upper = min_upper;
	p.min_digits = min_digits;
	p.min_symbols = min_symbols;
	return p;
}

static int32_t gosecrets_password(char *out, size_t out_size, size_t length, _GoString_ alphabet,
                                  size_t min_lower, size_t min_upper, size_t min_digits, size_t min_symbols) {
	struct secrets_password_policy p = gosecrets_policy(length, alphabet, min_lower, min_upper, min_digits, min_symbols);
	return secrets_password(out, out_size, &p);
}

static int32_t gosecrets_password_entropy(size_t length, _GoString_ alphabet, size_t min_lower,
                                          size_t min_upper, size_t min_digits, size_t min_symbols, double *bits) {
	struct secrets_password_policy p = gosecrets_policy(length, alphabet, min_lower, min_upper, min_digits, min_symbols);
	return secrets_password_entropy(&p, bits);
}
*/
import "C"

import (
	"bytes"
	"math"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// maxRuneWidth returns the length in bytes of the longest code point of s
// (1 for ""), or utf8.UTFMax if s is not valid UTF-8 (the library rejects
// it; the generous size only makes sure it gets to say so).
func maxRuneWidth(s string) int {
	w := 1
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			if !utf8.ValidString(s) {
				return utf8.UTFMax
			}
			for _, r := range s[i:] {
				if n := utf8.RuneLen(r); n > w {
					w = n
				}
			}
			return w
		}
	}
	return w
}

// TokenChars returns length characters, each an independent uniform choice
// among the code points of alphabet (a code point that appears twice counts
// twice), like Python's "".join(secrets.choice(alphabet) for _ in
// range(length)). An empty alphabet with length > 0 is ErrEmpty; an alphabet
// that is not valid UTF-8 is ErrInvalidUTF8; one containing U+0000 is
// ErrInvalidArgument.
func TokenChars(length int, alphabet string) (string, error) {
	cl, err := count("TokenChars", "length", length)
	if err != nil {
		return "", err
	}
	size, err := textSize(length, maxRuneWidth(alphabet))
	if err != nil {
		return "", err
	}
	buf := make([]byte, size)
	if err := status(C.gosecrets_token_chars(charPtr(buf), C.size_t(size), cl, alphabet)); err != nil {
		return "", err
	}
	return textResult(buf), nil
}

// Policy describes the passwords Password generates.
type Policy struct {
	// Length is the number of characters (Unicode code points).
	Length int
	// Alphabet holds the allowed characters, UTF-8, each at most once, no
	// U+0000. "" means the ASCII letters and digits (A-Z a-z 0-9).
	Alphabet string
	// MinLower, MinUpper, MinDigits and MinSymbols are the least numbers of
	// characters from a-z, A-Z, 0-9 and from the rest of the alphabet.
	MinLower, MinUpper, MinDigits, MinSymbols int
}

// counts checks p's counts and converts them to size_t.
func (p Policy) counts(fn string) (c [5]C.size_t, err error) {
	names := [5]string{"Length", "MinLower", "MinUpper", "MinDigits", "MinSymbols"}
	vals := [5]int{p.Length, p.MinLower, p.MinUpper, p.MinDigits, p.MinSymbols}
	for i, v := range vals {
		if c[i], err = count(fn, "Policy."+names[i], v); err != nil {
			return c, err
		}
	}
	return c, nil
}

// PasswordMaxLength is the longest password (in code points) the library
// makes: SECRETS_PASSWORD_MAX_LENGTH.
const PasswordMaxLength = C.SECRETS_PASSWORD_MAX_LENGTH

// Password returns a password meeting the policy, uniformly distributed over
// every string that meets it (the distribution of the rejection loop in
// Python's documentation, in bounded time). A policy no string can meet is
// ErrUnsatisfiable; an alphabet with a repeated character is
// ErrInvalidArgument; Length > PasswordMaxLength is ErrTooLarge.
func Password(p Policy) (string, error) {
	c, err := p.counts("Password")
	if err != nil {
		return "", err
	}
	if p.Length > PasswordMaxLength {
		// The library's documented limit, checked here so that no buffer
		// for an impossible password is allocated first.
		return "", argError("Password", ErrTooLarge, "length %d above %d", p.Length, PasswordMaxLength)
	}
	size, err := textSize(p.Length, maxRuneWidth(p.Alphabet))
	if err != nil {
		return "", err
	}
	buf := make([]byte, size)
	rc := C.gosecrets_password(charPtr(buf), C.size_t(size), c[0], p.Alphabet, c[1], c[2], c[3], c[4])
	if err := status(rc); err != nil {
		return "", err
	}
	return textResult(buf), nil
}

// PasswordEntropy returns log2 of the number of strings that meet the policy:
// the entropy in bits of Password's output for it. It fails as Password
// would, and draws no randomness.
func PasswordEntropy(p Policy) (float64, error) {
	c, err := p.counts("PasswordEntropy")
	if err != nil {
		return 0, err
	}
	var bits C.double
	rc := C.gosecrets_password_entropy(c[0], p.Alphabet, c[1], c[2], c[3], c[4], &bits)
	if err := status(rc); err != nil {
		return 0, err
	}
	return float64(bits), nil
}

// Passphrase returns nwords words, each chosen uniformly (with replacement)
// from words, joined by sep (which may be ""). Words and separator must be
// valid UTF-8 (else ErrInvalidUTF8) without NUL bytes (else
// ErrInvalidArgument). An empty word list with nwords > 0 is ErrEmpty.
//
// Each call copies the word list into one C allocation (C needs
// NUL-terminated strings) and the library checks every word, so a call
// costs time in proportion to the list's total size: with a 7776-word list,
// draw more words per call rather than calling in a tight loop.
func Passphrase(nwords int, words []string, sep string) (string, error) {
	cn, err := count("Passphrase", "word count", nwords)
	if err != nil {
		return "", err
	}
	// One C block: the pointer array, then every word and the separator,
	// each NUL-terminated.
	ptrSize := int(unsafe.Sizeof((*C.char)(nil)))
	total := len(words)*ptrSize + len(sep) + 1
	longest := 0
	for _, w := range words {
		total += len(w) + 1
		if len(w) > longest {
			longest = len(w)
		}
	}
	// The longest possible result: nwords*longest + (nwords-1)*len(sep) + NUL.
	size := 1
	if nwords > 0 {
		wordBytes, err := textSize(nwords, longest)
		if err != nil {
			return "", err
		}
		sepBytes, err := textSize(nwords-1, len(sep))
		if err != nil {
			return "", err
		}
		if wordBytes > math.MaxInt-sepBytes {
			return "", ErrTooLarge
		}
		size = wordBytes + sepBytes - 1
	}

	block := C.malloc(C.size_t(total)) // cgo's malloc never returns nil
	defer C.free(block)
	var ptrs []*C.char
	if len(words) > 0 {
		ptrs = unsafe.Slice((**C.char)(block), len(words))
	}
	data := unsafe.Slice((*byte)(unsafe.Add(block, len(words)*ptrSize)), total-len(words)*ptrSize)
	off := 0
	for i, w := range words {
		ptrs[i] = (*C.char)(unsafe.Pointer(&data[off]))
		off += copy(data[off:], w)
		data[off] = 0
		off++
	}
	csep := (*C.char)(unsafe.Pointer(&data[off]))
	copy(data[off:], sep)
	data[len(data)-1] = 0
	// A NUL inside a word or the separator would silently cut it short in
	// C: there must be exactly one NUL per string (one fast scan).
	if bytes.Count(data, []byte{0}) != len(words)+1 {
		if strings.IndexByte(sep, 0) >= 0 {
			return "", argError("Passphrase", ErrInvalidArgument, "separator contains a NUL byte")
		}
		for i, w := range words {
			if strings.IndexByte(w, 0) >= 0 {
				return "", argError("Passphrase", ErrInvalidArgument, "word %d contains a NUL byte", i)
			}
		}
	}
	var cwords **C.char
	if len(words) > 0 {
		cwords = &ptrs[0]
	}

	buf := make([]byte, size)
	rc := C.secrets_passphrase(charPtr(buf), C.size_t(size), cn, cwords, C.size_t(len(words)), csep)
	if err := status(rc); err != nil {
		return "", err
	}
	return textResult(buf), nil
}

func uuid(v7 bool) (string, error) {
	buf := make([]byte, C.SECRETS_UUID_SIZE)
	var rc C.int32_t
	if v7 {
		rc = C.secrets_uuid7(charPtr(buf), C.SECRETS_UUID_SIZE)
	} else {
		rc = C.secrets_uuid4(charPtr(buf), C.SECRETS_UUID_SIZE)
	}
	if err := status(rc); err != nil {
		return "", err
	}
	return textResult(buf), nil
}

// UUID4 returns a random RFC 9562 version 4 UUID in lowercase canonical
// form (36 characters).
func UUID4() (string, error) { return uuid(false) }

// UUID7 returns an RFC 9562 version 7 UUID (48-bit Unix milliseconds, then
// random bits) in lowercase canonical form. Successive calls in one process
// return strictly increasing values.
func UUID7() (string, error) { return uuid(true) }
