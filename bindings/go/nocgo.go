//go:build !cgo

package secrets

// This package calls the libsecrets C library through cgo, so a build with
// CGO_ENABLED=0 (or without a C compiler, where Go turns cgo off) cannot work.
// Instead of one "undefined" error per function, the declaration below fails
// with a single error whose text names the cause and the fix.
const libsecrets_go_binding_needs_cgo = "the binding needs cgo: CGO_ENABLED=1 and a C compiler"

var _ int = libsecrets_go_binding_needs_cgo
