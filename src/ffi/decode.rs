//! Constant-time decoders for hex, base64 and base64url over the C ABI.

use super::{boundary, out_ref, slice, slice_mut, wipe};
use crate::decode::{self, Decoding};
use crate::error::{Error, SECRETS_ERR_INVALID_ARGUMENT, SECRETS_OK};
use core::ffi::{c_char, c_void};

/// The body of the three decoders.  Argument and length errors (public)
/// return early, and `out` is wiped.  Past them nothing branches on the
/// text: the digits are decoded with masks, and the combined validity mask
/// selects the status, zeroes `out` (all `out_len` bytes) when it is
/// invalid and writes `*decoded_len` only when it is valid, all with
/// arithmetic.  `done` (set after the last step, whatever the validity)
/// tells a public failure or a panic, after which `out` is wiped, from a
/// finished decode.
unsafe fn decode_ffi(
    dec: Decoding,
    out: *mut c_void,
    out_len: usize,
    text: *const c_char,
    text_len: usize,
    decoded_len: *mut usize,
) -> i32 {
    let out = out.cast::<u8>();
    let mut done = false;
    let status = boundary(|| {
        let dl = out_ref(decoded_len)?;
        let text = slice(text.cast::<u8>(), text_len)?;
        let buf = slice_mut(out, out_len)?;
        let (digits, n) = decode::decoded_len(dec, text)?;
        let dest = buf.get_mut(..n).ok_or(Error::BufferTooSmall)?;
        let ok = core::hint::black_box(decode::decode_digits(dec, &text[..digits], dest));
        for b in buf.iter_mut() {
            *b &= ok;
        }
        // all ones if valid; opaque to the optimiser, which would otherwise
        // see that it is 0 or !0 and select with a branch or a cmov (load
        // *dl only when invalid), both of which memcheck reports
        let keep = core::hint::black_box((ok as usize & 1).wrapping_neg());
        *dl = (n & keep) | (*dl & !keep);
        let keep = keep as i32;
        done = true;
        Ok((SECRETS_OK & keep) | (SECRETS_ERR_INVALID_ARGUMENT & !keep))
    });
    if !done {
        wipe(out, out_len);
    }
    status
}

/// Decodes hexadecimal `text` (`text_len` bytes; `0-9 a-f A-F`, either case,
/// an even number of digits, nothing else: no whitespace, no `0x`) into
/// `out` and stores the number of bytes written, `text_len / 2`, in
/// `*decoded_len`.  `text` need not be NUL-terminated; nothing past
/// `text_len` is read.
///
/// `out_len` must be at least `text_len / 2`, checked before decoding;
/// bytes of `out` past the decoded length are left as they were.
/// Constant time for secrets: the running time depends only on `text_len`
/// (and `out_len`), not on the digits nor on where a bad one is; no branch
/// or memory index depends on them (checked under valgrind).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `decoded_len` is NULL,
/// or `text` or `out` is NULL with a non-zero length;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `text_len` is odd or a character is not a
/// hex digit; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_len < text_len / 2`.  On
/// failure all `out_len` bytes of `out` are zeroed and `*decoded_len` is
/// untouched.  Draws no randomness.  Not async-signal-safe (not in the
/// documented set).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_hex_decode(
    out: *mut c_void,
    out_len: usize,
    text: *const c_char,
    text_len: usize,
    decoded_len: *mut usize,
) -> i32 {
    decode_ffi(Decoding::Hex, out, out_len, text, text_len, decoded_len)
}

/// Decodes RFC 4648 section 4 base64 `text` (`text_len` bytes; `A-Z a-z
/// 0-9 + /`, canonical `=` padding, `text_len` a multiple of 4, the unused
/// bits of the last digit zero; no whitespace or line breaks) into `out`
/// and stores the number of bytes written in `*decoded_len`: `3 * text_len
/// / 4` minus the number of trailing `=` (0 to 2).  `text` need not be
/// NUL-terminated; nothing past `text_len` is read.
///
/// `out_len` must be at least that exact decoded length, checked before
/// decoding; bytes of `out` past it are left as they were.  Constant time
/// for secrets: the running time depends only on `text_len` (and
/// `out_len`), not on the digits nor on where a bad one is; no branch or
/// memory index depends on them (checked under valgrind).  The number of
/// trailing `=`, which fixes the decoded length, is treated as public.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `decoded_len` is NULL,
/// or `text` or `out` is NULL with a non-zero length;
/// `SECRETS_ERR_INVALID_ARGUMENT` for a bad length, a bad character (including
/// the URL-safe `-` and `_`, and a `=` anywhere but the end), bad padding or
/// non-zero trailing bits; `SECRETS_ERR_BUFFER_TOO_SMALL`.  On failure all
/// `out_len` bytes of `out` are zeroed and `*decoded_len` is untouched.  Draws
/// no randomness.  Not async-signal-safe (not in the documented set).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_base64_decode(
    out: *mut c_void,
    out_len: usize,
    text: *const c_char,
    text_len: usize,
    decoded_len: *mut usize,
) -> i32 {
    decode_ffi(Decoding::Base64, out, out_len, text, text_len, decoded_len)
}

/// Decodes RFC 4648 section 5 base64url `text` (`text_len` bytes; `A-Z
/// a-z 0-9 - _`) into `out` and stores the number of bytes written in
/// `*decoded_len`.  Accepts the text unpadded, as `secrets_token_urlsafe`
/// writes it (`text_len % 4` is 0, 2 or 3), or canonically padded with `=`
/// (`text_len` a multiple of 4); the unused bits of the last digit must be
/// zero; no whitespace.  The decoded length is `floor(3 * d / 4)` for the
/// `d` digits before any padding.  `text` need not be NUL-terminated;
/// nothing past `text_len` is read.
///
/// `out_len` must be at least that exact decoded length, checked before
/// decoding; bytes of `out` past it are left as they were.  Constant time
/// for secrets, as `secrets_base64_decode` (the number of trailing `=` is
/// treated as public).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `decoded_len` is NULL,
/// or `text` or `out` is NULL with a non-zero length;
/// `SECRETS_ERR_INVALID_ARGUMENT` for a bad length (`4k + 1` digits), a bad
/// character (including the standard `+` and `/`), bad padding or non-zero
/// trailing bits; `SECRETS_ERR_BUFFER_TOO_SMALL`.  On failure all `out_len`
/// bytes of `out` are zeroed and `*decoded_len` is untouched.  Draws no
/// randomness.  Not async-signal-safe (not in the documented set).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_base64url_decode(
    out: *mut c_void,
    out_len: usize,
    text: *const c_char,
    text_len: usize,
    decoded_len: *mut usize,
) -> i32 {
    decode_ffi(
        Decoding::Base64Url,
        out,
        out_len,
        text,
        text_len,
        decoded_len,
    )
}
