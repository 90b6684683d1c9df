package secrets

/*
#include <stdlib.h>
#include <string.h>
#include <secrets.h>

// Each text wrapper tries the draw with the caller's buffer; the library
// checks the buffer's size before drawing anything, and only if it is too
// small does the wrapper ask the library's size helper (which checks every
// argument as the function does) for the exact maximum size, for the
// caller to retry with. So the sizes are the library's alone, and a buffer
// of the right size costs one cgo call and one pass over the arguments
// (which matters for a long word list). Go strings are passed without
// copying (_GoString_); the policy struct is built on the C side, so no Go
// memory handed to C holds a Go pointer.
typedef struct {
	int32_t rc;
	size_t size;
} gosecrets_text;

// After a draw that found the buffer too small, the size helper's status
// if it failed (e.g. TOO_LARGE where the draw's checks came to the buffer
// first).
static void gosecrets_resize(gosecrets_text *r, int32_t size_rc) {
	if (r->rc == SECRETS_ERR_BUFFER_TOO_SMALL && size_rc != SECRETS_OK) {
		r->rc = size_rc;
	}
}

static gosecrets_text gosecrets_token_chars(char *out, size_t cap, size_t length, _GoString_ alphabet) {
	gosecrets_text r = {0, 0};
	const char *a = _GoStringPtr(alphabet);
	size_t alen = _GoStringLen(alphabet);
	r.rc = secrets_token_chars(out, cap, length, a, alen);
	gosecrets_resize(&r, r.rc == SECRETS_ERR_BUFFER_TOO_SMALL ? secrets_token_chars_size(length, a, alen, &r.size) : 0);
	return r;
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

static gosecrets_text gosecrets_password(char *out, size_t cap, size_t length, _GoString_ alphabet,
                                         size_t min_lower, size_t min_upper, size_t min_digits, size_t min_symbols) {
	gosecrets_text r = {0, 0};
	struct secrets_password_policy p = gosecrets_policy(length, alphabet, min_lower, min_upper, min_digits, min_symbols);
	r.rc = secrets_password(out, cap, &p);
	gosecrets_resize(&r, r.rc == SECRETS_ERR_BUFFER_TOO_SMALL ? secrets_password_size(&p, &r.size) : 0);
	return r;
}

static int32_t gosecrets_password_entropy(size_t length, _GoString_ alphabet, size_t min_lower,
                                          size_t min_upper, size_t min_digits, size_t min_symbols, double *bits) {
	struct secrets_password_policy p = gosecrets_policy(length, alphabet, min_lower, min_upper, min_digits, min_symbols);
	return secrets_password_entropy(&p, bits);
}

static gosecrets_text gosecrets_passphrase(char *out, size_t cap, size_t nwords, const char *const *words,
                                           size_t word_count, const char *sep) {
	gosecrets_text r = {0, 0};
	r.rc = secrets_passphrase(out, cap, nwords, words, word_count, sep);
	gosecrets_resize(&r, r.rc == SECRETS_ERR_BUFFER_TOO_SMALL
	                              ? secrets_passphrase_size(nwords, words, word_count, sep, &r.size) : 0);
	return r;
}

// The separator needs a NUL: short ones are copied on the stack. A NUL
// inside sep is caught in Go before the call.
static gosecrets_text gosecrets_passphrase_eff(char *out, size_t cap, size_t nwords, _GoString_ sep) {
	gosecrets_text r = {0, 0};
	size_t n = _GoStringLen(sep);
	char small[64];
	char *csep = n < sizeof small ? small : malloc(n + 1);
	if (csep == NULL) {
		r.rc = SECRETS_ERR_TOO_LARGE;
		return r;
	}
	if (n > 0) {
		memcpy(csep, _GoStringPtr(sep), n);
	}
	csep[n] = 0;
	r.rc = secrets_passphrase_eff(out, cap, nwords, csep);
	gosecrets_resize(&r, r.rc == SECRETS_ERR_BUFFER_TOO_SMALL ? secrets_passphrase_eff_size(nwords, csep, &r.size) : 0);
	if (csep != small) {
		free(csep);
	}
	return r;
}

// UUIDs by value: no Go pointer crosses into C and nothing escapes to the
// heap.
typedef struct {
	int32_t rc;
	uint8_t b[16];
} gosecrets_uuid_bytes;

typedef struct {
	int32_t rc;
	char s[SECRETS_UUID_SIZE];
} gosecrets_uuid_text;

static gosecrets_uuid_bytes gosecrets_uuid_bin(int v7) {
	gosecrets_uuid_bytes r;
	r.rc = v7 ? secrets_uuid7_bytes(r.b, sizeof r.b) : secrets_uuid4_bytes(r.b, sizeof r.b);
	return r;
}

static gosecrets_uuid_text gosecrets_uuid_format(gosecrets_uuid_bytes u) {
	gosecrets_uuid_text r;
	r.rc = secrets_uuid_format(u.b, sizeof u.b, r.s, sizeof r.s);
	return r;
}
*/
import "C"

import (
	"bytes"
	"strings"
	"sync"
	"unsafe"
)

// TokenChars returns length characters, each an independent uniform choice
// among the code points of alphabet (a code point that appears twice counts
// twice), like Python's "".join(secrets.choice(alphabet) for _ in
// range(length)). An empty alphabet with length > 0 is ErrEmpty; an alphabet
// that is not valid UTF-8 is ErrInvalidUTF8; one containing U+0000 is
// ErrInvalidArgument. The buffer is sized by the library
// (secrets_token_chars_size).
func TokenChars(length int, alphabet string) (string, error) {
	cl, err := count("TokenChars", "length", length)
	if err != nil {
		return "", err
	}
	return sizedText(textGuess(length), false, func(buf []byte) (C.int32_t, C.size_t) {
		r := C.gosecrets_token_chars(charPtr(buf), C.size_t(len(buf)), cl, alphabet)
		return r.rc, r.size
	})
}

// textGuess is the first buffer to try for a text of length characters:
// one byte each and the NUL, which is exactly right for ASCII alphabets.
// The library's size helper decides; for longer characters it asks for a
// second call. Long texts are sized first (no allocation for a request the
// library refuses).
func textGuess(length int) int {
	if length > 1<<12 {
		return 0
	}
	return length + 1
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
// ErrInvalidArgument; Length > PasswordMaxLength is ErrTooLarge. The buffer
// is sized by the library (secrets_password_size), which checks the policy
// before anything is allocated for a long password.
func Password(p Policy) (string, error) {
	c, err := p.counts("Password")
	if err != nil {
		return "", err
	}
	return sizedText(textGuess(p.Length), false, func(buf []byte) (C.int32_t, C.size_t) {
		r := C.gosecrets_password(charPtr(buf), C.size_t(len(buf)), c[0], p.Alphabet, c[1], c[2], c[3], c[4])
		return r.rc, r.size
	})
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

	// The first buffer holds nwords of the longest word and the separators
	// (bytes, no UTF-8 maths). It is only a guess: the library checks the
	// buffer before drawing, and if it disagrees the wrapper asks its size
	// helper and the call is made again with that size. Either way the list
	// is checked once per call when the guess is right.
	return sizedText(passphraseGuess(nwords, longest, len(sep)), false, func(buf []byte) (C.int32_t, C.size_t) {
		r := C.gosecrets_passphrase(charPtr(buf), C.size_t(len(buf)), cn, cwords, C.size_t(len(words)), csep)
		return r.rc, r.size
	})
}

// passphraseGuess is nwords*longest + (nwords-1)*sep + 1, or 0 (ask the
// library first) when that is large or overflows.
func passphraseGuess(nwords, longest, sep int) int {
	if nwords == 0 {
		return 1
	}
	if nwords > 1<<16 || longest > 1<<16 || sep > 1<<16 {
		return 0
	}
	return nwords*longest + (nwords-1)*sep + 1
}

// EFFWordlistLen is the number of words in the library's built-in list
// (the EFF long word list, SECRETS_EFF_WORDLIST_LEN): each word of
// [PassphraseEFF] carries log2(7776) = 12.925 bits.
const EFFWordlistLen = C.SECRETS_EFF_WORDLIST_LEN

// effGuess is the first buffer to try for PassphraseEFF: nwords of the
// list's longest word (as the library reports it, once) and the
// separators. It only saves a cgo call; the library's size helper decides.
func effGuess(nwords int, sep string) int {
	effWidthOnce.Do(func() {
		r := C.gosecrets_passphrase_eff(nil, 0, 1, "")
		if r.rc == C.SECRETS_ERR_BUFFER_TOO_SMALL && r.size > 1 && r.size < 64 {
			effWidth = int(r.size) - 1
		}
	})
	if effWidth == 0 || nwords <= 0 || nwords > 1<<10 || len(sep) > 1<<10 {
		return 0
	}
	return nwords*effWidth + (nwords-1)*len(sep) + 1
}

var (
	effWidthOnce sync.Once
	effWidth     int
)

// PassphraseEFF returns nwords words chosen uniformly, with replacement,
// from the library's built-in list (the EFF long word list, 7776 words,
// 12.925 bits each: use 6 words or more for 77 bits), joined by sep (which
// may be "", or "-" for a passphrase without spaces). sep must be valid
// UTF-8 (else ErrInvalidUTF8) without NUL bytes (else ErrInvalidArgument).
// Unlike [Passphrase], no word list is copied into C or checked per call.
func PassphraseEFF(nwords int, sep string) (string, error) {
	cn, err := count("PassphraseEFF", "word count", nwords)
	if err != nil {
		return "", err
	}
	if strings.IndexByte(sep, 0) >= 0 {
		return "", argError("PassphraseEFF", ErrInvalidArgument, "separator contains a NUL byte")
	}
	return sizedText(effGuess(nwords, sep), false, func(buf []byte) (C.int32_t, C.size_t) {
		r := C.gosecrets_passphrase_eff(charPtr(buf), C.size_t(len(buf)), cn, sep)
		return r.rc, r.size
	})
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

// UUID4Bytes returns a random RFC 9562 version 4 UUID as its 16 bytes, in
// network byte order (the form databases and protocols store).
// [UUIDFormat] gives its canonical text.
func UUID4Bytes() ([16]byte, error) { return uuidBytes(false) }

// UUID7Bytes returns an RFC 9562 version 7 UUID as its 16 bytes, in network
// byte order. It shares [UUID7]'s order: successive calls of either, in any
// mix, are strictly increasing in one process (compare the arrays with
// bytes.Compare, or their [UUIDFormat] strings).
func UUID7Bytes() ([16]byte, error) { return uuidBytes(true) }

func uuidBytes(v7 bool) ([16]byte, error) {
	flag := C.int(0)
	if v7 {
		flag = 1
	}
	r := C.gosecrets_uuid_bin(flag)
	if err := status(r.rc); err != nil {
		return [16]byte{}, err
	}
	return *(*[16]byte)(unsafe.Pointer(&r.b)), nil
}

// UUIDFormat returns the lowercase canonical form (36 characters,
// 8-4-4-4-12 hex digits) of the 16 bytes of a UUID, in constant time
// (secrets_uuid_format). Any 16 bytes format: the version and variant bits
// are not checked. It cannot fail for a 16-byte array; it panics only if
// the library reports an internal error, which would be a bug.
func UUIDFormat(u [16]byte) string {
	var in C.gosecrets_uuid_bytes
	*(*[16]byte)(unsafe.Pointer(&in.b)) = u
	r := C.gosecrets_uuid_format(in)
	if err := status(r.rc); err != nil {
		panic(err)
	}
	return string((*[UUIDLength]byte)(unsafe.Pointer(&r.s))[:]) // one allocation: the string
}
