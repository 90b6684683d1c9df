package secrets

/*
#cgo pkg-config: secrets
#include <secrets.h>
*/
import "C"

import (
	"fmt"
	"math"
	"unsafe"
)

// Error is a libsecrets status code. Every error this package returns is an
// Error or wraps one, so errors.Is(err, ErrEmpty) and errors.As(err, &e)
// both work.
type Error int32

// The libsecrets status codes (docs/reference.md section 2), as sentinel errors.
const (
	// ErrNullPointer: a required pointer was nil.
	ErrNullPointer Error = C.SECRETS_ERR_NULL_POINTER
	// ErrBufferTooSmall: the output buffer cannot hold the result.
	ErrBufferTooSmall Error = C.SECRETS_ERR_BUFFER_TOO_SMALL
	// ErrInvalidArgument: an argument is out of its domain (Python's ValueError).
	ErrInvalidArgument Error = C.SECRETS_ERR_INVALID_ARGUMENT
	// ErrEmpty: choosing from an empty sequence (Python's IndexError).
	ErrEmpty Error = C.SECRETS_ERR_EMPTY
	// ErrInvalidUTF8: an alphabet, word or separator is not valid UTF-8.
	ErrInvalidUTF8 Error = C.SECRETS_ERR_INVALID_UTF8
	// ErrTooLarge: size arithmetic overflows, or a documented limit is exceeded.
	ErrTooLarge Error = C.SECRETS_ERR_TOO_LARGE
	// ErrEntropyUnavailable: the operating system's randomness source failed.
	ErrEntropyUnavailable Error = C.SECRETS_ERR_ENTROPY_UNAVAILABLE
	// ErrUnsatisfiable: a password policy that no string can meet.
	ErrUnsatisfiable Error = C.SECRETS_ERR_UNSATISFIABLE
	// ErrInternal: a bug inside the library (a caught panic); never expected.
	ErrInternal Error = C.SECRETS_ERR_INTERNAL
)

// Error returns "secrets: " followed by the library's description of the
// status (secrets_strerror).
func (e Error) Error() string {
	return "secrets: " + C.GoString(C.secrets_strerror(C.int32_t(e)))
}

// Version numbers of the secrets.h this package was compiled against.
// [Version] gives the version of the library actually loaded.
const (
	VersionMajor = C.SECRETS_VERSION_MAJOR
	VersionMinor = C.SECRETS_VERSION_MINOR
	VersionPatch = C.SECRETS_VERSION_PATCH
)

// DefaultEntropy is Python's secrets.DEFAULT_ENTROPY: the number of random
// bytes a token should get when the caller has no better figure (32 bytes,
// 256 bits).
const DefaultEntropy = C.SECRETS_DEFAULT_ENTROPY

// UUIDLength is the length of a canonical UUID string (36).
const UUIDLength = C.SECRETS_UUID_SIZE - 1

// Version returns the version of the libsecrets library actually loaded,
// e.g. "0.1.0" (possibly with a pre-release suffix such as "0.1.0-dev").
func Version() string {
	return C.GoString(C.secrets_version())
}

// EntropySource returns the name of the library's randomness backend, e.g.
// "getrandom".
func EntropySource() string {
	return C.GoString(C.secrets_entropy_source())
}

// MemZero sets every byte of b to zero in a way the compiler cannot remove
// (secrets_memzero), for wiping keys and tokens after use.
func MemZero(b []byte) {
	if len(b) > 0 {
		C.secrets_memzero(unsafe.Pointer(&b[0]), C.size_t(len(b)))
	}
}

// status turns a libsecrets status into nil or an Error.
func status(rc C.int32_t) error {
	if rc == C.SECRETS_OK {
		return nil
	}
	return Error(rc)
}

// argError reports an argument that this package rejects before calling the
// library, wrapping the sentinel that the library itself would use.
func argError(fn string, sentinel Error, format string, args ...any) error {
	return fmt.Errorf("secrets: %s: %s: %w", fn, fmt.Sprintf(format, args...), sentinel)
}

// count converts a non-negative Go count to size_t.
func count(fn, name string, n int) (C.size_t, error) {
	if n < 0 {
		return 0, argError(fn, ErrInvalidArgument, "negative %s %d", name, n)
	}
	return C.size_t(n), nil
}

// sizeMax is C's SIZE_MAX, the size helpers' overflow marker.
const sizeMax = ^C.size_t(0)

// bufSize converts a buffer size computed by a libsecrets size helper to an
// int, or ErrTooLarge if it overflowed (SIZE_MAX) or does not fit an int.
func bufSize(sz C.size_t) (int, error) {
	if sz == sizeMax || uint64(sz) > math.MaxInt {
		return 0, ErrTooLarge
	}
	return int(sz), nil
}

// sizedText makes a text output whose buffer size the library decides.
// call runs one C wrapper that writes the text into buf if the library
// finds buf large enough, and otherwise returns SECRETS_ERR_BUFFER_TOO_SMALL
// with the exact size (NUL included) that the library's size helper asks
// for; on success it returns the status and the size it used. guess is the
// buffer to try first (0: none): a guess that is too small costs a second
// call with the size the library asked for, so a wrong guess is never more
// than slow. exact says the text always fills the size (fixed-length
// tokens), which saves the scan for the NUL.
func sizedText(guess int, exact bool, call func(buf []byte) (C.int32_t, C.size_t)) (string, error) {
	size := guess
	for {
		buf := make([]byte, size)
		rc, need := call(buf)
		if rc == C.SECRETS_ERR_BUFFER_TOO_SMALL && need > C.size_t(size) {
			var err error
			if size, err = bufSize(need); err != nil {
				return "", err
			}
			continue // at most once: the buffer now has the size asked for
		}
		if err := status(rc); err != nil {
			return "", err
		}
		if exact && int(need) == len(buf) {
			return ownString(buf[:len(buf)-1]), nil
		}
		return textResult(buf), nil
	}
}

// bytePtr returns a pointer to b's first byte (the library's byte buffers
// are void *), or nil for an empty slice, so that empty slices reach the
// library as (NULL, 0).
func bytePtr(b []byte) unsafe.Pointer {
	if len(b) == 0 {
		return nil
	}
	return unsafe.Pointer(&b[0])
}

// charPtr is bytePtr for char* outputs.
func charPtr(b []byte) *C.char {
	if len(b) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&b[0]))
}

// ownString returns b as a string without copying. The caller must never
// touch b again: the string takes over its memory, so a secret returned as
// a string exists exactly once in memory.
func ownString(b []byte) string {
	return *(*string)(unsafe.Pointer(&b))
}

// textResult turns a NUL-terminated text output into a string. When the
// text fills the buffer (the usual case: fixed-length tokens) the buffer
// becomes the string; otherwise the text is copied to a fitted string and
// the buffer is wiped, so no oversized buffer keeps part of a secret alive.
func textResult(buf []byte) string {
	n := 0
	for n < len(buf) && buf[n] != 0 {
		n++
	}
	if n == len(buf)-1 {
		return ownString(buf[:n])
	}
	s := string(buf[:n])
	wipe(buf)
	return s
}

// wipe zeroes a Go scratch buffer.
func wipe(b []byte) {
	for i := range b {
		b[i] = 0
	}
}
