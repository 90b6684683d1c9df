//! Generators beyond Python: character tokens, passwords, passphrases and UUIDs.

use super::{bytes_out, scalar_out, slice, text_out, text_size, TextOut};
use crate::alphabet;
use crate::entropy::OsSource;
use crate::error::{Error, Result};
use crate::passphrase;
use crate::password::{self, Plan, Policy};
use crate::uuid;
use crate::wordlist;
use core::ffi::{c_char, c_void, CStr};

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
/// `SECRETS_ERR_INVALID_UTF8` if the alphabet is not valid UTF-8 (strict: no
/// overlong forms, surrogates or values above U+10FFFF, no sequence cut by
/// `alphabet_len`); `SECRETS_ERR_INVALID_ARGUMENT` if the alphabet contains
/// U+0000 (a NUL byte inside `alphabet_len`, which would cut the text short);
/// `SECRETS_ERR_EMPTY` if the alphabet is empty and `length > 0`;
/// `SECRETS_ERR_TOO_LARGE` if `length * L + 1` overflows;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Not async-signal-safe.
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
        let (chars, bound) = token_chars_args(length, alphabet, alphabet_len)?;
        variable_text(t, bound, |buf| {
            alphabet::token_chars(OsSource, length, &chars, buf)
        })
    })
}

/// The checked arguments of `secrets_token_chars` (shared with its size
/// helper): the alphabet's code points and the longest text, or an error.
///
/// # Safety
/// As `secrets_token_chars`.
unsafe fn token_chars_args(
    length: usize,
    alphabet: *const c_char,
    alphabet_len: usize,
) -> Result<(Vec<char>, Option<usize>)> {
    if length == usize::MAX && alphabet_len > 0 {
        // a non-empty alphabet has code points of at least one byte: the
        // text and its NUL overflow, whatever the pointers are
        return Err(Error::TooLarge);
    }
    let bytes = slice(alphabet.cast::<u8>(), alphabet_len)?;
    let chars = alphabet::split(bytes)?;
    if length > 0 && chars.is_empty() {
        return Err(Error::Empty);
    }
    let bound = alphabet::text_bound(length, alphabet::longest(&chars));
    Ok((chars, bound))
}

/// Stores in `*out_size` the smallest `out_size` with which
/// `secrets_token_chars(out, out_size, length, alphabet, alphabet_len)`
/// can never return `SECRETS_ERR_BUFFER_TOO_SMALL`: `length * L + 1`, `L`
/// the length in bytes of the alphabet's longest code point (the NUL
/// included).  Checks the arguments exactly as `secrets_token_chars` does.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out_size` is NULL, or
/// `alphabet` is NULL with `alphabet_len > 0`; `SECRETS_ERR_INVALID_UTF8`;
/// `SECRETS_ERR_INVALID_ARGUMENT` (U+0000 in the alphabet); `SECRETS_ERR_EMPTY`
/// (empty alphabet, `length > 0`); `SECRETS_ERR_TOO_LARGE` if the size
/// overflows.  Draws no randomness.  Not async-signal-safe (it allocates).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_token_chars_size(
    length: usize,
    alphabet: *const c_char,
    alphabet_len: usize,
    out_size: *mut usize,
) -> i32 {
    scalar_out(out_size, || {
        text_size(token_chars_args(length, alphabet, alphabet_len)?.1)
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
/// `policy->alphabet_len > 0`; `SECRETS_ERR_INVALID_UTF8` if the alphabet is
/// not valid UTF-8; `SECRETS_ERR_INVALID_ARGUMENT` if a code point appears
/// twice in the alphabet or it contains U+0000; `SECRETS_ERR_EMPTY` if the
/// alphabet is empty (non-NULL, `alphabet_len == 0`) and `length > 0`;
/// `SECRETS_ERR_UNSATISFIABLE` if the minimums sum past `length` (or their sum
/// overflows) or a class with a non-zero minimum has no character in the
/// alphabet; `SECRETS_ERR_TOO_LARGE` if `length > SECRETS_PASSWORD_MAX_LENGTH`;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  Not
/// constant-time: the running time depends on the password drawn (its random
/// values are wiped before return).
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_password(
    out: *mut c_char,
    out_size: usize,
    policy: *const secrets_password_policy,
) -> i32 {
    text_out(out, out_size, |t| {
        if let Some(fast) = ascii_plan_of(policy) {
            // ASCII alphabet, no counting needed: no allocation.  In the
            // rare case that it gives up after its rejections, the counting
            // sampler draws instead (still exactly uniform).
            let buf = t.take(Some(fast.length()))?;
            if let Some(len) = fast.generate(OsSource, buf)? {
                t.take(Some(len))?;
                return Ok(());
            }
        }
        let plan = plan_of(policy)?;
        variable_text(t, password_bound(&plan), |buf| plan.generate(OsSource, buf))
    })
}

/// The allocation-free plan for `policy`, where it applies (see
/// `password::AsciiPlan`); `None` otherwise, including for every invalid
/// policy (their errors come from `plan_of`).
///
/// # Safety
/// As the exports that take a policy.
unsafe fn ascii_plan_of<'a>(
    policy: *const secrets_password_policy,
) -> Option<password::AsciiPlan<'a>> {
    let p = policy.as_ref()?;
    let alphabet = if p.alphabet.is_null() && p.alphabet_len == 0 {
        None
    } else {
        Some(slice(p.alphabet.cast::<u8>(), p.alphabet_len).ok()?)
    };
    password::AsciiPlan::new(&Policy {
        length: p.length,
        alphabet,
        min: [p.min_lower, p.min_upper, p.min_digits, p.min_symbols],
    })
}

/// The longest password `plan` can give, in bytes (no NUL).
fn password_bound(plan: &Plan) -> Option<usize> {
    alphabet::text_bound(plan.length(), plan.longest())
}

/// Stores in `*out_size` the smallest `out_size` with which
/// `secrets_password(out, out_size, policy)` can never return
/// `SECRETS_ERR_BUFFER_TOO_SMALL`: `policy->length * L + 1`, `L` the length
/// in bytes of the alphabet's longest code point (the NUL included).
/// Checks the policy exactly as `secrets_password` does.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `policy` or `out_size`
/// is NULL, or `policy->alphabet` is NULL with `policy->alphabet_len > 0`;
/// `SECRETS_ERR_INVALID_UTF8`; `SECRETS_ERR_INVALID_ARGUMENT` (a repeated code
/// point, or U+0000); `SECRETS_ERR_EMPTY`; `SECRETS_ERR_UNSATISFIABLE`;
/// `SECRETS_ERR_TOO_LARGE` (`length > SECRETS_PASSWORD_MAX_LENGTH`, or the size
/// overflows).  Draws no randomness.  Not async-signal-safe (it allocates).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_password_size(
    policy: *const secrets_password_policy,
    out_size: *mut usize,
) -> i32 {
    scalar_out(out_size, || text_size(password_bound(&plan_of(policy)?)))
}

/// Stores in `*bits` the base-2 logarithm of the number of strings that
/// meet `policy`: the entropy of `secrets_password`'s output, for a user
/// interface to show.  Exact count, then its logarithm (relative error
/// about 1e-16); `length == 0` gives 0.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `policy` or `bits` is
/// NULL, or `policy->alphabet` is NULL with `policy->alphabet_len > 0`; and the
/// policy errors of `secrets_password`: `SECRETS_ERR_INVALID_UTF8`,
/// `SECRETS_ERR_INVALID_ARGUMENT`, `SECRETS_ERR_EMPTY`,
/// `SECRETS_ERR_UNSATISFIABLE`, `SECRETS_ERR_TOO_LARGE`.  Draws no randomness.
///
/// Not async-signal-safe.
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
/// `out_size > 0`, `words` is NULL with `word_count > 0`, or any `words[i]` is
/// NULL; `SECRETS_ERR_INVALID_UTF8` if a word or the separator is not valid
/// UTF-8; `SECRETS_ERR_EMPTY` if `word_count == 0` and `nwords > 0`;
/// `SECRETS_ERR_TOO_LARGE` if the longest result's size overflows;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  Every
/// word is read (to check it and to size the result).
///
/// Not async-signal-safe.
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
        let (words, sep, bound) = passphrase_args(nwords, words, word_count, separator)?;
        variable_text(t, bound, |buf| {
            passphrase::generate(OsSource, nwords, &words, sep, buf)
        })
    })
}

/// `separator` as bytes: NULL is the default, a single space.
///
/// # Safety
/// A non-NULL `separator` must be a NUL-terminated string.
unsafe fn separator_bytes<'a>(separator: *const c_char) -> &'a [u8] {
    if separator.is_null() {
        passphrase::DEFAULT_SEPARATOR.as_bytes()
    } else {
        CStr::from_ptr(separator).to_bytes()
    }
}

/// The checked arguments of `secrets_passphrase` (shared with its size
/// helper): the words, the separator and the longest result, or an error.
///
/// # Safety
/// As `secrets_passphrase`.
unsafe fn passphrase_args<'a>(
    nwords: usize,
    words: *const *const c_char,
    word_count: usize,
    separator: *const c_char,
) -> Result<(Vec<&'a str>, &'a str, Option<usize>)> {
    let sep = separator_bytes(separator);
    // the separators alone overflow: TOO_LARGE before the word pointers are
    // looked at
    if nwords > 0 {
        (nwords - 1)
            .checked_mul(sep.len())
            .and_then(|n| n.checked_add(1))
            .ok_or(Error::TooLarge)?;
    }
    let list = slice(words, word_count)?;
    let mut bytes = Vec::new();
    bytes
        .try_reserve_exact(list.len())
        .map_err(|_| Error::TooLarge)?;
    for &w in list {
        if w.is_null() {
            return Err(Error::NullPointer);
        }
        bytes.push(CStr::from_ptr(w).to_bytes());
    }
    let (words, sep) = passphrase::check(&bytes, sep)?;
    if nwords > 0 && words.is_empty() {
        return Err(Error::Empty);
    }
    let bound = passphrase::max_len(nwords, &words, sep);
    Ok((words, sep, bound))
}

/// Stores in `*out_size` the smallest `out_size` with which
/// `secrets_passphrase(out, out_size, nwords, words, word_count,
/// separator)` can never return `SECRETS_ERR_BUFFER_TOO_SMALL`:
/// `nwords * (longest word) + (nwords - 1) * strlen(separator) + 1` (1 when
/// `nwords == 0`).  Checks the arguments exactly as `secrets_passphrase`
/// does, reading every word.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out_size` is NULL,
/// `words` is NULL with `word_count > 0`, or any `words[i]` is NULL;
/// `SECRETS_ERR_INVALID_UTF8` if a word or the separator is not valid UTF-8;
/// `SECRETS_ERR_EMPTY` if `word_count == 0` and `nwords > 0`;
/// `SECRETS_ERR_TOO_LARGE` if the size overflows.  Draws no randomness.  Not
/// async-signal-safe (it allocates).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_passphrase_size(
    nwords: usize,
    words: *const *const c_char,
    word_count: usize,
    separator: *const c_char,
    out_size: *mut usize,
) -> i32 {
    scalar_out(out_size, || {
        text_size(passphrase_args(nwords, words, word_count, separator)?.2)
    })
}

/// Words in the built-in list of `secrets_passphrase_eff`, the EFF long
/// word list: 7776 (6^5), so each word carries log2(7776) = 12.925 bits.
pub const SECRETS_EFF_WORDLIST_LEN: usize = 7776;

const _: () = assert!(SECRETS_EFF_WORDLIST_LEN == wordlist::LEN);
// the documentation of the eff functions says the longest word has 9 bytes
const _: () = assert!(wordlist::LONGEST == 9);

/// The checked arguments of `secrets_passphrase_eff` (shared with its size
/// helper): the separator and the longest result, or an error.
///
/// # Safety
/// As `secrets_passphrase_eff`.
unsafe fn passphrase_eff_args<'a>(
    nwords: usize,
    separator: *const c_char,
) -> Result<(&'a str, Option<usize>)> {
    let (_, sep) = passphrase::check(&[], separator_bytes(separator))?;
    Ok((
        sep,
        passphrase::max_len_with(nwords, wordlist::LONGEST, sep),
    ))
}

/// Writes `nwords` words, each chosen uniformly (with replacement) from the
/// EFF long word list built into the library (`SECRETS_EFF_WORDLIST_LEN`,
/// 7776 words of 3 to 9 characters from `a-z` and `-`, such as `abacus`,
/// `drop-down` and `zoom`), joined by `separator` (NUL-terminated UTF-8;
/// NULL means a single space), and a NUL, to `out`.  Entropy: `nwords *
/// log2(7776)` bits, 12.925 bits per word (6 words: 77.5 bits).
///
/// `out_size` counts the NUL and must hold the longest possible result,
/// `nwords * 9 + (nwords - 1) * strlen(separator) + 1` bytes (see
/// `secrets_passphrase_eff_size`), even when the words drawn would fit in
/// less; it is checked before anything is drawn.  `nwords == 0` writes
/// `""`.  One OS request.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_size > 0`; `SECRETS_ERR_INVALID_UTF8` if the separator is not valid
/// UTF-8; `SECRETS_ERR_TOO_LARGE` if the longest result's size overflows;
/// `SECRETS_ERR_BUFFER_TOO_SMALL`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  Not
/// async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_passphrase_eff(
    out: *mut c_char,
    out_size: usize,
    nwords: usize,
    separator: *const c_char,
) -> i32 {
    text_out(out, out_size, |t| {
        let (sep, bound) = passphrase_eff_args(nwords, separator)?;
        variable_text(t, bound, |buf| {
            passphrase::generate_with(
                OsSource,
                nwords,
                &wordlist::EFF_WORDS,
                wordlist::LONGEST,
                sep,
                buf,
            )
        })
    })
}

/// Stores in `*out_size` the smallest `out_size` with which
/// `secrets_passphrase_eff(out, out_size, nwords, separator)` can never
/// return `SECRETS_ERR_BUFFER_TOO_SMALL`: `nwords * 9 + (nwords - 1) *
/// strlen(separator) + 1` (1 when `nwords == 0`; 9 is the longest word of
/// the list).  Checks the arguments exactly as `secrets_passphrase_eff`
/// does.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out_size` is NULL;
/// `SECRETS_ERR_INVALID_UTF8` if the separator is not valid UTF-8;
/// `SECRETS_ERR_TOO_LARGE` if the size overflows.  Draws no randomness.  Not
/// async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_passphrase_eff_size(
    nwords: usize,
    separator: *const c_char,
    out_size: *mut usize,
) -> i32 {
    scalar_out(out_size, || {
        text_size(passphrase_eff_args(nwords, separator)?.1)
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
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < 37` (nothing
/// written when `out_size == 0`); `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Async-signal-safe.
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
/// `out_size > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < 37` (nothing
/// written when `out_size == 0`); `SECRETS_ERR_ENTROPY_UNAVAILABLE` (the
/// ordering state is then left as it was).  Thread-safe (lock-free) and
/// fork-safe.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid7(out: *mut c_char, out_size: usize) -> i32 {
    uuid_text(out, out_size, |buf| uuid::uuid7(OsSource, buf))
}

/// A binary UUID output: the first 16 bytes of `out` (`out_len` bytes).
unsafe fn uuid_bytes_out(
    out: *mut c_void,
    out_len: usize,
    f: impl FnOnce(&mut [u8; uuid::BYTES_LEN]) -> Result<()>,
) -> i32 {
    bytes_out(out.cast(), out_len, |buf| {
        let dest = buf
            .get_mut(..uuid::BYTES_LEN)
            .ok_or(Error::BufferTooSmall)?;
        f(dest.try_into().map_err(|_| Error::Internal)?)
    })
}

/// Writes the 16 bytes of a random RFC 9562 version-4 UUID to `out`, in
/// network (big-endian, RFC 9562) byte order: 122 random bits, the version
/// in the high nibble of byte 6, the variant in the top bits of byte 8.
/// Only the first 16 bytes of `out` are written.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_len > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_len < 16`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On failure the `out_len` bytes of `out`
/// are zeroed.  One OS request.  Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid4_bytes(out: *mut c_void, out_len: usize) -> i32 {
    uuid_bytes_out(out, out_len, |b| uuid::uuid4_bytes(OsSource, b))
}

/// Writes the 16 bytes of an RFC 9562 version-7 UUID to `out`, in network
/// byte order: the 48-bit Unix time in milliseconds, the version, a 12-bit
/// counter, the variant and 62 random bits, as `secrets_uuid7` describes.
/// Only the first 16 bytes of `out` are written.
///
/// Shares `secrets_uuid7`'s ordering: successive calls of either function,
/// in any mix and from any threads, give strictly increasing UUIDs (bytes
/// compared with `memcmp`, text with `strcmp`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with
/// `out_len > 0`; `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_len < 16`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE` (the ordering state is then left as it
/// was).  On failure the `out_len` bytes of `out` are zeroed.  One OS
/// request.  Thread-safe (lock-free) and fork-safe.  Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid7_bytes(out: *mut c_void, out_len: usize) -> i32 {
    uuid_bytes_out(out, out_len, |b| uuid::uuid7_bytes(OsSource, b))
}

/// Writes the lowercase canonical form of the 16-byte UUID `uuid`
/// (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, 36 characters, bytes in
/// network order) and a NUL to `out`.  Any 16 bytes are formatted: the
/// version and variant are not checked.  Constant time: no branch or
/// memory index depends on the bytes.
///
/// `out_size` must be at least `SECRETS_UUID_SIZE` (37).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `uuid` is NULL with
/// `uuid_len > 0`, or `out` is NULL with `out_size > 0`;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `uuid_len != 16`;
/// `SECRETS_ERR_BUFFER_TOO_SMALL` if `out_size < 37` (nothing written when
/// `out_size == 0`).  Draws no randomness.  Not async-signal-safe (not in the
/// documented set, though it neither allocates nor locks).
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uuid_format(
    uuid: *const c_void,
    uuid_len: usize,
    out: *mut c_char,
    out_size: usize,
) -> i32 {
    text_out(out, out_size, |t| {
        let bytes: &[u8; uuid::BYTES_LEN] = slice(uuid.cast::<u8>(), uuid_len)?
            .try_into()
            .map_err(|_| Error::InvalidArgument)?;
        let buf = t.take(Some(uuid::TEXT_LEN))?;
        uuid::format(bytes, buf.try_into().map_err(|_| Error::Internal)?);
        Ok(())
    })
}
