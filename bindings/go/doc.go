// Package secrets is the Go binding of libsecrets: Python's secrets module
// (and random.SystemRandom) for Go, backed by the libsecrets C library.
//
// Every function draws fresh randomness from the operating system's CSPRNG
// inside the call (getrandom(2) on Linux); nothing is cached between calls,
// so every function is safe for concurrent use by any number of goroutines
// and safe across fork. Integers, indices, choices, characters and words are
// drawn exactly uniformly by rejection sampling inside the library: this
// package converts arguments and results and contains no randomness logic of
// its own.
//
// # Errors
//
// Failures are reported as values of type [Error], one per libsecrets status
// code, usable with errors.Is:
//
//	if _, err := secrets.Choice(items); errors.Is(err, secrets.ErrEmpty) { ... }
//
// Arguments that cannot be represented in C (a negative count, a string with
// a NUL byte where C needs a NUL-terminated string) are reported by this
// package before calling the library, wrapped around the matching sentinel
// (usually [ErrInvalidArgument]), so errors.Is works for them too.
//
// # Secrets in memory
//
// Scratch copies this package makes of random values (C buffers, index
// arrays, big-endian buffers) are zeroed before the function returns.
// Returned strings are immutable in Go and cannot be wiped; when that
// matters, prefer the []byte results ([TokenBytes], [Reader]) and wipe them
// with [MemZero] after use. Returned strings share no memory with any other
// buffer.
//
// # Reading secrets back
//
// [HexDecode], [Base64Decode] and [Base64URLDecode] decode a key or token
// read from a file or the environment in constant time (no branch or table
// index on the text; the time depends only on its length) and strictly
// (no whitespace, canonical padding, zero unused bits). [Equal] compares
// it with untrusted input in constant time and fails closed.
//
// # Building
//
// The package finds the library with pkg-config (package name "secrets").
// Point PKG_CONFIG_PATH at the directory holding secrets.pc (an installed
// library) or at a build tree's generated secrets-uninstalled.pc; see the
// README.
package secrets
