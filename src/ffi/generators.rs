//! Generators beyond Python: character tokens, passwords, passphrases and UUIDs.

use super::{scalar_out, slice, text_out, TextOut};
use crate::alphabet;
use crate::entropy::OsSource;
use crate::error::{Error, Result};
use crate::passphrase;
use crate::password::{self, Plan, Policy};
use crate::uuid;
use core::ffi::{c_char, CStr};

/// The longest password `secrets_password` and `secrets_password_entropy`
/// accept, in code points; longer is `SECRETS_ERR_TOO_LARGE`.
pub const SECRETS_PASSWORD_MAX_LENGTH: usize = 4096;

const _: () = assert!(SECRETS_PASSWORD_MAX_LENGTH == password::MAX_LENGTH);

/// A password policy for `secrets_password` and `secrets_password_entropy`.
///
/// Classes are ASCII: `a-z`, `A-Z`, `0-9`; every other code point of the
/// alphabet (punctuation, space, anything non-ASCII) is a symbol.
#[repr(C)]
#[allow(non_camel_case_types)]
#[derive(Debug, Clone, Copy)]
pub struct secrets_password_policy {
    /// Characters (Unicode code points), at most
    /// `SECRETS_PASSWORD_MAX_LENGTH`.
    pub length: usize,
    /// UTF-8, `alphabet_len` bytes, no code point twice, no U+0000; NULL (with
    /// `alphabet_len == 0`) means ASCII letters and digits (62 characters).
    pub alphabet: *const c_char,
    /// Bytes of `alphabet`.
    pub alphabet_len: usize,
    /// At least this many of `a-z`.
    pub min_lower: usize,
    /// At least this many of `A-Z`.
    pub min_upper: usize,
    /// At least this many of `0-9`.
    pub min_digits: usize,
    /// At least this many alphabet characters of none of those classes.
    pub min_symbols: usize,
}

/// Finishes a variable-length text: claims the worst case `bound` (size
/// checks, before any draw), lets `f` write into it and return the length
/// it wrote, then ends the text there (bytes past it stay untouched).
fn variable_text(
    t: &mut TextOut,
    bound: Option<usize>,
    f: impl FnOnce(&mut [u8]) -> Result<usize>,
) -> Result<()> {
    let buf = t.take(bound)?;
    let len = f(buf)?;
    t.take(Some(len))?;
    Ok(())
}

/// Writes `length` characters, each an independent uniform choice among the
/// code points of the UTF-8 `alphabet` (`alphabet_len` bytes; a code point
/// that appears twice is twice as likely), and a NUL, to `out`.  Python's
/// `''.join(secrets.choice(alphabet) for _ in range(length))`.
///
/// The alphabet is split by code point, never by byte.  `out_size` counts
/// the NUL and must be at least `length * L + 1`, where `L` is the length
/// in bytes of the alphabet's longest code point (1 to 4), even when the
/// characters drawn would fit in less; it is checked before anything is
/// drawn.  `length == 0` writes `""` (any alphabet, even empty).  One OS
/// request; each choice is exact (rejection sampling).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`, or `alphabet` is NULL with `alphabet_len > 0`;
/// `SECRETS_ERR_INVALID_UTF8` if the alphabet is not valid UTF-8 (strict:
/// no overlong forms, surrogates or values above U+10FFFF, no sequence cut
/// by `alphabet_len`); `SECRETS_ERR_INVALID_ARGUMENT` if the alphabet
/// contains U+0000 (a NUL byte inside `alphabet_len`, which would cut the
/// text short); `SECRETS_ERR_EMPTY` if the alphabet is empty and
/// `length > 0`; `SECRETS_ERR_TOO_LARGE` if `length * L + 1` overflows;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On
/// failure `out` holds `""` (if `out_size >= 1`).  Thread-safe and
/// fork-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_chars(
    out: *mut c_char,
    out_size: usize,
    length: usize,
    alphabet: *const c_char,
    alphabet_len: usize,
) -> i32 {
    text_out(out, out_size, |t| {
        let bytes = slice(alphabet.cast::<u8>(), alphabet_len)?;
        let chars = alphabet::split(bytes)?;
        if length > 0 && chars.is_empty() {
            return Err(Error::Empty);
        }
        let bound = alphabet::text_bound(length, alphabet::longest(&chars));
        variable_text(t, bound, |buf| {
            alphabet::token_chars(OsSource, length, &chars, buf)
        })
    })
}

/// The checked policy behind `policy`.
///
/// # Safety
/// As the exports that take a policy.
unsafe fn plan_of(policy: *const secrets_password_policy) -> Result<Plan> {
    let p = policy.as_ref().ok_or(Error::NullPointer)?;
    let alphabet = if p.alphabet.is_null() && p.alphabet_len == 0 {
        None
    } else {
        Some(slice(p.alphabet.cast::<u8>(), p.alphabet_len)?)
    };
    Plan::new(&Policy {
        length: p.length,
        alphabet,
        min: [p.min_lower, p.min_upper, p.min_digits, p.min_symbols],
    })
}

/// Writes a password of `policy->length` code points from
/// `policy->alphabet` that meets all of the policy's minimums, and a NUL, to
/// `out`.
///
/// The password is **uniformly distributed over every string that meets the
/// policy**: the distribution of Python's documented rejection loop, but in
/// bounded time for every satisfiable policy (exact counting with big
/// integers, then an exact uniform draw; see `secrets_password_entropy`).
/// Costs, measured: microseconds for 16 characters, milliseconds for 1024
/// characters with four minimums, well under a second at the maximum
/// length, `SECRETS_PASSWORD_MAX_LENGTH` (4096) code points.
///
/// `out_size` counts the NUL and must be at least `policy->length * L + 1`,
/// where `L` is the length in bytes of the alphabet's longest code point (1
/// for the default alphabet); checked before anything is drawn.  One OS
/// request (a second only if rejection sampling runs its buffer dry).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`, `policy` is NULL, or `policy->alphabet` is NULL with
/// `policy->alphabet_len > 0`; `SECRETS_ERR_INVALID_UTF8` if the alphabet
/// is not valid UTF-8; `SECRETS_ERR_INVALID_ARGUMENT` if a code point
/// appears twice in the alphabet or it contains U+0000; `SECRETS_ERR_EMPTY` if the alphabet is
/// empty (non-NULL, `alphabet_len == 0`) and `length > 0`;
/// `SECRETS_ERR_UNSATISFIABLE` if the minimums sum past `length` (or their
/// sum overflows) or a class with a non-zero minimum has no character in
/// the alphabet; `SECRETS_ERR_TOO_LARGE` if `length >
/// SECRETS_PASSWORD_MAX_LENGTH`; `SECRETS_ERR_BUFFER_TOO_SMALL`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure `out` holds `""` (if
/// `out_size >= 1`).  Not constant-time: the running time depends on the
/// password drawn (its random values are wiped before return).
/// Thread-safe and fork-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_password(
    out: *mut c_char,
    out_size: usize,
    policy: *const secrets_password_policy,
) -> i32 {
    text_out(out, out_size, |t| {
        let plan = plan_of(policy)?;
        let bound = alphabet::text_bound(plan.length(), plan.longest());
        variable_text(t, bound, |buf| plan.generate(OsSource, buf))
    })
}

/// Stores in `*bits` the base-2 logarithm of the number of strings that
/// meet `policy`: the entropy of `secrets_password`'s output, for a user
/// interface to show.  Exact count, then its logarithm (relative error
/// about 1e-16); `length == 0` gives 0.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `policy` or `bits`
/// is NULL, or `policy->alphabet` is NULL with `policy->alphabet_len > 0`;
/// and the policy errors of `secrets_password`: `SECRETS_ERR_INVALID_UTF8`,
/// `SECRETS_ERR_INVALID_ARGUMENT`, `SECRETS_ERR_EMPTY`,
/// `SECRETS_ERR_UNSATISFIABLE`, `SECRETS_ERR_TOO_LARGE`.  `*bits` is
/// written only on success.  Draws no randomness.  Thread-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_password_entropy(
    policy: *const secrets_password_policy,
    bits: *mut f64,
) -> i32 {
    scalar_out(bits, || plan_of(policy)?.entropy_bits())
}

/// Writes `nwords` words, each chosen uniformly (with replacement) from
/// `words[word_count]` (NUL-terminated UTF-8 strings), joined by
/// `separator` (NUL-terminated UTF-8; NULL means a single space), and a
/// NUL, to `out`.  Each word adds `log2(word_count)` bits of entropy (a list
/// with repeated words counts them twice).
///
/// `out_size` counts the NUL and must hold the longest possible result,
/// `nwords * (longest word) + (nwords - 1) * strlen(separator) + 1` bytes,
/// even when the words drawn would fit in less; it is checked before
/// anything is drawn.  `nwords == 0` writes `""`.  One OS request.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`, `words` is NULL with `word_count > 0`, or any
/// `words[i]` is NULL; `SECRETS_ERR_INVALID_UTF8` if a word or the
/// separator is not valid UTF-8; `SECRETS_ERR_EMPTY` if `word_count == 0`
/// and `nwords > 0`; `SECRETS_ERR_TOO_LARGE` if the longest result's size
/// overflows; `SECRETS_ERR_BUFFER_TOO_SMALL`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure `out` holds `""` (if
/// `out_size >= 1`).  Every word is read (to check it and to size the
/// result).  Thread-safe and fork-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_passphrase(
    out: *mut c_char,
    out_size: usize,
    nwords: usize,
    words: *const *const c_char,
    word_count: usize,
    separator: *const c_char,
) -> i32 {
    text_out(out, out_size, |t| {
        let list = slice(words, word_count)?;
        let mut bytes = Vec::with_capacity(list.len());
        for &w in list {
            if w.is_null() {
                return Err(Error::NullPointer);
            }
            bytes.push(CStr::from_ptr(w).to_bytes());
        }
        let sep = if separator.is_null() {
            passphrase::DEFAULT_SEPARATOR.as_bytes()
        } else {
            CStr::from_ptr(separator).to_bytes()
        };
        let (words, sep) = passphrase::check(&bytes, sep)?;
        if nwords > 0 && words.is_empty() {
            return Err(Error::Empty);
        }
        let bound = passphrase::max_len(nwords, &words, sep);
        variable_text(t, bound, |buf| {
            passphrase::generate(OsSource, nwords, &words, sep, buf)
        })
    })
}

/// A UUID text output: 36 characters and the NUL.
unsafe fn uuid_text(
    out: *mut c_char,
    out_size: usize,
    f: impl FnOnce(&mut [u8; uuid::TEXT_LEN]) -> Result<()>,
) -> i32 {
    text_out(out, out_size, |t| {
        let buf = t.take(Some(uuid::TEXT_LEN))?;
        f(buf.try_into().map_err(|_| Error::Internal)?)
    })
}

/// Writes a random RFC 9562 version-4 UUID in the lowercase canonical form
/// (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, 36 characters) and a NUL
/// to `out`: 122 random bits.
///
/// `out_size` must be at least `SECRETS_UUID_SIZE` (37).  One OS request;
/// the hex encoder is constant-time.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < 37`
/// (nothing written when `out_size == 0`);
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure `out` holds `""` (if
/// `out_size >= 1`).  Thread-safe and fork-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid4(out: *mut c_char, out_size: usize) -> i32 {
    uuid_text(out, out_size, |buf| uuid::uuid4(OsSource, buf))
}

/// Writes an RFC 9562 version-7 UUID in the lowercase canonical form
/// (`tttttttt-tttt-7ccc-[89ab]xxx-xxxxxxxxxxxx`, 36 characters) and a NUL
/// to `out`: the Unix time in milliseconds (48 bits), a 12-bit counter
/// (RFC 9562 section 6.2, method 1: seeded with random bits when the
/// millisecond changes, incremented within one), and 62 random bits.
///
/// Successive calls in one process return strictly increasing UUIDs (as
/// strings and as bytes), also across threads and within one millisecond:
/// the process keeps one atomic word, the timestamp and counter of the
/// last UUID (values that UUID published; no secret), updated by
/// compare-and-swap.  More than about 2000 calls in one millisecond move
/// the timestamp ahead of the clock by a millisecond at a time; a clock
/// that goes back does not break the order.  After `fork()` the child
/// inherits that word, but its random bits come fresh from the OS, so it
/// never repeats its parent's UUIDs.
///
/// `out_size` must be at least `SECRETS_UUID_SIZE` (37).  One OS request.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < 37`
/// (nothing written when `out_size == 0`);
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE` (the ordering state is then left as it
/// was).  On failure `out` holds `""` (if `out_size >= 1`).  Thread-safe
/// (lock-free) and fork-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid7(out: *mut c_char, out_size: usize) -> i32 {
    uuid_text(out, out_size, |buf| uuid::uuid7(OsSource, buf))
}
