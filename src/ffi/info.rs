//! Library information, status messages, sizes and `secrets_memzero`.

use crate::entropy::os_source_name;
use crate::error::strerror_cstr;
use crate::token::Encoding;
use core::ffi::{c_char, c_void};

/// Python's `secrets.DEFAULT_ENTROPY`: the number of random bytes a token
/// gets when the caller has no better figure (32 bytes, 256 bits).
pub const SECRETS_DEFAULT_ENTROPY: usize = 32;

/// Buffer size for a canonical UUID string: 36 characters and the NUL.
pub const SECRETS_UUID_SIZE: usize = 37;

const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");

/// Returns a static, NUL-terminated English description of `status`.
///
/// Never returns NULL: unknown values get a generic description.  The string is
/// static; do not free it.
///
/// Async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_strerror(status: i32) -> *const c_char {
    strerror_cstr(status).as_ptr()
}

/// Returns the version of the library actually loaded, e.g.  `"0.1.0"`: equal
/// to `SECRETS_VERSION_MAJOR.MINOR.PATCH` of the header it was built with,
/// possibly followed by a pre-release or build suffix (`"0.1.0-dev"`).  Static;
/// never NULL.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_version() -> *const c_char {
    VERSION.as_ptr().cast()
}

/// Returns a static name of the randomness backend in use: `"vdso-getrandom"`
/// (Linux 6.11+: the kernel's CSPRNG run in user space over a per-thread state
/// the kernel wipes on fork), `"getrandom"` (the `getrandom(2)` system call, or
/// the platform's equivalent) or `"dev-urandom"` (Linux, where the kernel
/// refuses `getrandom(2)` with `ENOSYS` or `EPERM`: a seccomp filter, a kernel
/// older than 3.17; each call then opens `/dev/urandom` with `O_CLOEXEC`,
/// checks with `fstat` that it is the kernel's random character device, reads
/// and closes it, and returns `SECRETS_ERR_ENTROPY_UNAVAILABLE` if it cannot).
/// Setting the environment variable `LIBSECRETS_NO_VDSO` before the first call
/// selects the system call.  The name changes only to `"dev-urandom"`, once the
/// kernel is found to refuse `getrandom(2)`.  Never NULL.
///
/// Large requests also come from this backend, through a stream cipher: a
/// request of at least 128 bytes (where the CPU has AES instructions; 256
/// elsewhere) takes 32 bytes from it as a fresh key for that one call, and
/// the output is the keystream of AES-256 in counter mode (on AES
/// instructions, detected at run time) or of ChaCha20 under that key, with a
/// new key for every 64 MiB.  The key and the cipher state are wiped before
/// the call returns, so nothing is kept between calls.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_entropy_source() -> *const c_char {
    os_source_name().as_ptr()
}

/// Returns `SECRETS_DEFAULT_ENTROPY` (32), for callers that cannot use macros.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_default_entropy() -> usize {
    SECRETS_DEFAULT_ENTROPY
}

/// Returns the buffer size `secrets_token_hex` needs for `nbytes` random
/// bytes, including the NUL: `2 * nbytes + 1`, or `SIZE_MAX` if that
/// overflows.  Macro twin: `SECRETS_TOKEN_HEX_SIZE(n)`.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_token_hex_size(nbytes: usize) -> usize {
    Encoding::Hex.buffer_size(nbytes)
}

/// Returns the buffer size `secrets_token_urlsafe` needs for `nbytes` random
/// bytes, including the NUL: `ceil(4 * nbytes / 3) + 1`, or `SIZE_MAX` if
/// that overflows.  Macro twin: `SECRETS_TOKEN_URLSAFE_SIZE(n)`.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_token_urlsafe_size(nbytes: usize) -> usize {
    Encoding::Base64Url.buffer_size(nbytes)
}

/// Returns the buffer size `secrets_token_base32` needs for `nbytes` random
/// bytes, including the NUL: `ceil(8 * nbytes / 5) + 1`, or `SIZE_MAX` if
/// that overflows.  Macro twin: `SECRETS_TOKEN_BASE32_SIZE(n)`.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_token_base32_size(nbytes: usize) -> usize {
    Encoding::Base32.buffer_size(nbytes)
}

/// Returns the buffer size `secrets_token_base64` needs for `nbytes` random
/// bytes, including the NUL: `4 * ceil(nbytes / 3) + 1`, or `SIZE_MAX` if
/// that overflows.  Macro twin: `SECRETS_TOKEN_BASE64_SIZE(n)`.
///
/// Not async-signal-safe.
#[no_mangle]
pub extern "C" fn secrets_token_base64_size(nbytes: usize) -> usize {
    Encoding::Base64.buffer_size(nbytes)
}

/// Sets `n` bytes at `p` to zero in a way the compiler cannot remove (volatile
/// writes and a compiler fence), for wiping keys and passwords after use.
/// `p` may be NULL when `n` is 0.  A NULL `p` with `n > 0` does nothing.
/// Thread-safe (for distinct memory).
///
/// Async-signal-safe.
#[no_mangle]
pub unsafe extern "C" fn secrets_memzero(p: *mut c_void, n: usize) {
    // SAFETY: the caller guarantees `p` is valid for `n` bytes when non-NULL.
    unsafe { super::wipe(p.cast(), n) }
}
