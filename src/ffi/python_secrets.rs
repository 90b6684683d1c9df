//! Python's `secrets` functions over the C ABI (`token_bytes`, `token_hex`,
//! `token_urlsafe`, `randbelow`, `randbits`, `choice`, `compare_digest`), plus
//! `secrets_token_base32`.

use super::{boundary, bytes_out, scalar_out, slice, text_out};
use crate::compare::compare_digest;
use crate::entropy::{budget, Direct, OsSource, Pool};
use crate::error::Error;
use crate::sample;
use crate::token::{self, Encoding};
use core::ffi::{c_char, c_void, CStr};

/// Writes `nbytes` random bytes to `out` (Python's `secrets.token_bytes`).
///
/// `out` must hold `nbytes` bytes; `(NULL, 0)` is valid and writes nothing.
/// One `getrandom` request, served in full (interrupted system calls are
/// retried); from 128 bytes (256 on CPUs without AES instructions) that
/// request is a fresh 32-byte key for a stream cipher that writes the
/// output (see `secrets_entropy_source`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL and
/// `nbytes > 0`; `SECRETS_ERR_ENTROPY_UNAVAILABLE` if the OS source fails
/// (then all `nbytes` bytes are zeroed).
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_bytes(out: *mut c_void, nbytes: usize) -> i32 {
    bytes_out(out.cast(), nbytes, |buf| token::token_bytes(OsSource, buf))
}

/// The text tokens, one instance per encoding (`E` is an [`Encoding`] as
/// `u8`): each export's body is specialised for its own encoding, with no
/// dispatch on it at run time.
#[inline(always)]
unsafe fn token_text<const E: u8>(out: *mut c_char, out_size: usize, nbytes: usize) -> i32 {
    text_out(out, out_size, |t| {
        let enc = Encoding::from_u8(E);
        let buf = t.take(enc.encoded_len(nbytes))?;
        token::token_text(OsSource, enc, buf, nbytes)
    })
}

/// Writes the lowercase hex encoding of `nbytes` random bytes (`2 * nbytes`
/// characters from `0-9a-f`) and a NUL to `out` (Python's `secrets.token_hex`).
///
/// `out_size` counts the NUL and must be at least
/// `SECRETS_TOKEN_HEX_SIZE(nbytes)`; it is checked before anything is drawn.
/// One OS request; the encoder is constant-time (no table lookups).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL and
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_TOO_LARGE` if
/// `2 * nbytes + 1` overflows; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_hex(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> i32 {
    token_text::<{ Encoding::Hex as u8 }>(out, out_size, nbytes)
}

/// Writes `nbytes` random bytes as unpadded RFC 4648 base64url
/// (`ceil(4 * nbytes / 3)` characters from `A-Z a-z 0-9 - _`) and a NUL to
/// `out` (Python's `secrets.token_urlsafe`).
///
/// `out_size` counts the NUL and must be at least
/// `SECRETS_TOKEN_URLSAFE_SIZE(nbytes)`; it is checked before anything is
/// drawn.  One OS request; the encoder is constant-time.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER`;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_TOO_LARGE` on size overflow;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_urlsafe(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> i32 {
    token_text::<{ Encoding::Base64Url as u8 }>(out, out_size, nbytes)
}

/// Writes `nbytes` random bytes as unpadded RFC 4648 base32
/// (`ceil(8 * nbytes / 5)` characters from `A-Z2-7`) and a NUL to `out`.
///
/// `out_size` counts the NUL and must be at least
/// `SECRETS_TOKEN_BASE32_SIZE(nbytes)`; it is checked before anything is
/// drawn.  One OS request; the encoder is constant-time.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER`;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_TOO_LARGE` on size overflow;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_base32(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> i32 {
    token_text::<{ Encoding::Base32 as u8 }>(out, out_size, nbytes)
}

/// Writes `nbytes` random bytes as padded RFC 4648 section 4 base64
/// (`4 * ceil(nbytes / 3)` characters from `A-Z a-z 0-9 + /`, then `=`
/// padding) and a NUL to `out`: `openssl rand -base64 N`.
///
/// `out_size` counts the NUL and must be at least
/// `SECRETS_TOKEN_BASE64_SIZE(nbytes)` (or `secrets_token_base64_size`); it
/// is checked before anything is drawn.  One OS request; the encoder is
/// constant-time (no table lookup or branch on the random bytes).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL and
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_TOO_LARGE` if
/// `4 * ceil(nbytes / 3) + 1` overflows; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_base64(
    out: *mut c_char,
    out_size: usize,
    nbytes: usize,
) -> i32 {
    token_text::<{ Encoding::Base64 as u8 }>(out, out_size, nbytes)
}

/// Stores in `*out` an integer uniform in `[0, upper)` (Python's
/// `secrets.randbelow` for 64-bit bounds).
///
/// Exact: Lemire's multiply-and-reject method, no modulo bias.  One OS
/// request (the buffer is sized so that a second one is needed with
/// probability below 2^-40 even for the worst bounds).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `upper == 0`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randbelow_u64(upper: u64, out: *mut u64) -> i32 {
    scalar_out(out, || {
        if upper == 0 {
            return Err(Error::InvalidArgument);
        }
        if upper <= 1 << 24 {
            // A 64-bit draw is rejected with probability below
            // upper / 2^64 <= 2^-40, the pools' own bound for a second OS
            // request: draw the 8 bytes straight from the OS, no buffer.
            return sample::below_u64(&mut Direct(OsSource), upper);
        }
        let mut pool = Pool::no_alloc(OsSource, budget(&[sample::below_u64_need(upper)]));
        sample::below_u64(&mut pool, upper)
    })
}

/// Arbitrary-precision `randbelow`: writes to `out` a big-endian integer of
/// `upper_len` bytes, uniform in `[0, upper)`, where `upper` is a big-endian
/// unsigned integer of `upper_len` bytes (leading zero bytes allowed).
///
/// `out` must hold `upper_len` bytes and must not overlap `upper`.  Exact
/// (rejection sampling on the bit length of `upper - 1`; the comparison is
/// constant-time; the top 64 bits decide before the rest is drawn).  One OS
/// request, except with probability about 2^-40.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `upper` or `out` is NULL
/// with `upper_len > 0`; `SECRETS_ERR_INVALID_ARGUMENT` if `upper` is zero
/// (including `upper_len == 0`); `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure
/// the `upper_len` bytes of `out` are zeroed.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randbelow(
    upper: *const c_void,
    upper_len: usize,
    out: *mut c_void,
) -> i32 {
    bytes_out(out.cast(), upper_len, |buf| {
        let upper = slice(upper.cast::<u8>(), upper_len)?;
        let mut pool = Pool::new(OsSource, budget(&[sample::below_be_need(upper)]));
        sample::below_be(&mut pool, upper, buf)
    })
}

/// Stores in `*out` an integer uniform in `[0, 2^k)`, `0 <= k <= 64`
/// (Python's `secrets.randbits` for up to 64 bits).  `k == 0` gives 0 without
/// drawing.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `k > 64`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randbits_u64(k: u32, out: *mut u64) -> i32 {
    scalar_out(out, || {
        sample::bits_u64(&mut Pool::no_alloc(OsSource, 8), k)
    })
}

/// Arbitrary `randbits`: writes exactly `ceil(k / 8)` bytes to `out`, a
/// big-endian integer uniform in `[0, 2^k)` (the unused high bits of the
/// first byte are zero).  Bytes past `ceil(k / 8)` are not touched; `k == 0`
/// writes nothing.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < ceil(k / 8)`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure the `out_size` bytes of `out`
/// are zeroed.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randbits(k: usize, out: *mut c_void, out_size: usize) -> i32 {
    bytes_out(out.cast(), out_size, |buf| {
        let n = sample::bytes_for_bits(k);
        let dest = buf.get_mut(..n).ok_or(Error::BufferTooSmall)?;
        sample::bits_be(&mut Direct(OsSource), k, dest)
    })
}

/// Stores in `*out` an index uniform in `[0, len)`: the index Python's
/// `secrets.choice` would pick from a sequence of `len` elements.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_EMPTY` if `len == 0`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One
/// OS request.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_choice_index(len: usize, out: *mut usize) -> i32 {
    scalar_out(out, || choice_index(len))
}

fn choice_index(len: usize) -> crate::Result<usize> {
    if len == 0 {
        return Err(Error::Empty);
    }
    let n = len as u64;
    let mut pool = Pool::no_alloc(OsSource, budget(&[sample::below_u64_need(n)]));
    Ok(sample::below_u64(&mut pool, n)? as usize)
}

/// Copies one uniformly chosen element of `items[count]` (each `item_size`
/// bytes) to `out`, which must hold `item_size` bytes (Python's
/// `secrets.choice`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_EMPTY` if `count == 0`;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `item_size == 0`; `SECRETS_ERR_TOO_LARGE`
/// if `count * item_size` overflows; `SECRETS_ERR_NULL_POINTER` if `items` or
/// `out` is NULL; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure the
/// `item_size` bytes of `out` are zeroed.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_choice(
    items: *const c_void,
    count: usize,
    item_size: usize,
    out: *mut c_void,
) -> i32 {
    choice(items, count, item_size, out)
}

/// The body of [`secrets_choice`]: the size arithmetic comes before any
/// pointer check (an overflowing size is always TOO_LARGE), then the boundary.
unsafe fn choice(items: *const c_void, count: usize, item_size: usize, out: *mut c_void) -> i32 {
    if count.checked_mul(item_size).is_none() {
        super::wipe(out.cast(), item_size);
        return Error::TooLarge.code();
    }
    bytes_out(out.cast(), item_size, |dest| {
        let total = count.checked_mul(item_size).ok_or(Error::TooLarge)?;
        if count == 0 {
            return Err(Error::Empty);
        }
        if item_size == 0 {
            return Err(Error::InvalidArgument);
        }
        let items = slice(items.cast::<u8>(), total)?;
        if out.is_null() {
            return Err(Error::NullPointer);
        }
        let i = choice_index(count)?;
        dest.copy_from_slice(&items[i * item_size..(i + 1) * item_size]);
        Ok(())
    })
}

/// Compares two byte strings in constant time (Python's
/// `secrets.compare_digest`).  Returns 1 if they are equal, 0 if not.
/// Test the result with `== 1` (a negative status is not a match), or use
/// `secrets_equal`, which fails closed.
///
/// The running time depends only on `b_len`: never on the contents of either
/// buffer, nor on `a_len`.  Pass the expected secret as `a` and the
/// untrusted input as `b`.  No branch or memory index depends on the bytes
/// (checked under valgrind with both inputs marked undefined).
///
/// Returns 1, 0, or `SECRETS_ERR_NULL_POINTER` if a pointer is NULL with a
/// non-zero length.  `(NULL, 0)` is the empty string.  Draws no randomness.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_compare_digest(
    a: *const c_void,
    a_len: usize,
    b: *const c_void,
    b_len: usize,
) -> i32 {
    boundary(|| compare_bytes(a, a_len, b, b_len))
}

/// The body of `secrets_compare_digest` and `secrets_equal`: 1, 0 or an error.
unsafe fn compare_bytes(
    a: *const c_void,
    a_len: usize,
    b: *const c_void,
    b_len: usize,
) -> crate::Result<i32> {
    let a = slice(a.cast::<u8>(), a_len)?;
    let b = slice(b.cast::<u8>(), b_len)?;
    Ok(compare_digest(a, b) as i32)
}

/// Fail-closed constant-time equality: returns true only when both buffers
/// are valid, their lengths are equal and their bytes are equal.  Every
/// error (a NULL pointer with a non-zero length) is "not equal", so
/// `if (secrets_equal(...))` is safe.  `(NULL, 0)` is the empty buffer.
///
/// Constant time exactly like `secrets_compare_digest`, whose code it
/// shares: the running time depends only on `b_len`, never on the bytes of
/// either buffer, nor on `a_len`; pass the expected secret as `a` and the
/// untrusted input as `b`.  No branch or memory index depends on the bytes
/// (checked under valgrind with both inputs marked undefined).
///
/// Draws no randomness.  Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_equal(
    a: *const c_void,
    a_len: usize,
    b: *const c_void,
    b_len: usize,
) -> bool {
    boundary(|| compare_bytes(a, a_len, b, b_len)) == 1
}

/// Compares two NUL-terminated strings in constant time, as
/// `secrets_compare_digest(a, strlen(a), b, strlen(b))`: the time depends on
/// the contents only through the lengths.  Returns 1 if equal, 0 if not.
///
/// Returns `SECRETS_ERR_NULL_POINTER` if either pointer is NULL.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_compare_digest_str(a: *const c_char, b: *const c_char) -> i32 {
    boundary(|| {
        if a.is_null() || b.is_null() {
            return Err(Error::NullPointer);
        }
        let a = CStr::from_ptr(a).to_bytes();
        let b = CStr::from_ptr(b).to_bytes();
        Ok(compare_digest(a, b) as i32)
    })
}
