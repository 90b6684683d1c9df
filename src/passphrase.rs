//! Passphrases: words chosen uniformly, with replacement, from a list,
//! joined by a separator (the diceware construction).

use crate::entropy::{budget, Pool, RandomSource, Rng};
use crate::error::{Error, Result};
use crate::sample;

/// The separator when the caller gives none.
pub const DEFAULT_SEPARATOR: &str = " ";

/// Checks a word list and separator given as bytes: every one must be
/// UTF-8 (`SECRETS_ERR_INVALID_UTF8`).
pub fn check<'a>(words: &[&'a [u8]], separator: &'a [u8]) -> Result<(Vec<&'a str>, &'a str)> {
    let mut strs = Vec::new();
    strs.try_reserve_exact(words.len())
        .map_err(|_| Error::TooLarge)?;
    for w in words {
        strs.push(core::str::from_utf8(w).map_err(|_| Error::InvalidUtf8)?);
    }
    let words = strs;
    let sep = core::str::from_utf8(separator).map_err(|_| Error::InvalidUtf8)?;
    Ok((words, sep))
}

/// The length of the longest possible passphrase (no NUL):
/// `nwords * longest + (nwords - 1) * separator`, or `None` on overflow.
pub fn max_len(nwords: usize, words: &[&str], separator: &str) -> Option<usize> {
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    max_len_with(nwords, longest, separator)
}

/// [`max_len`] for a list whose longest word has `longest` bytes (a
/// built-in list knows it at compile time and need not scan its words).
pub fn max_len_with(nwords: usize, longest: usize, separator: &str) -> Option<usize> {
    if nwords == 0 {
        return Some(0);
    }
    nwords
        .checked_mul(longest)?
        .checked_add((nwords - 1).checked_mul(separator.len())?)
}

/// Writes `nwords` words, each uniform over `words`, joined by `separator`,
/// into `out` (at least [`max_len`] bytes); returns the bytes written.  One
/// OS request.  `SECRETS_ERR_EMPTY` if `nwords > 0` and the list is empty.
pub fn generate<S: RandomSource>(
    source: S,
    nwords: usize,
    words: &[&str],
    separator: &str,
    out: &mut [u8],
) -> Result<usize> {
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    generate_with(source, nwords, words, longest, separator, out)
}

/// [`generate`] for a list whose longest word has `longest` bytes (see
/// [`max_len_with`]).  A longer word would be an internal error, never an
/// overrun: `write` slices `out`.
pub fn generate_with<S: RandomSource>(
    source: S,
    nwords: usize,
    words: &[&str],
    longest: usize,
    separator: &str,
    out: &mut [u8],
) -> Result<usize> {
    if nwords == 0 {
        return Ok(0);
    }
    if words.is_empty() {
        return Err(Error::Empty);
    }
    match max_len_with(nwords, longest, separator) {
        // every word and the separator empty: the phrase is "" whatever
        // is drawn, so nothing is drawn (2^40 empty words would otherwise
        // take hours to choose)
        Some(0) => return Ok(0),
        Some(m) if m <= out.len() => {}
        _ => return Err(Error::Internal),
    }
    let mut pool = Pool::new(source, budget(&[sample::index_need(nwords, words.len())]));
    write(&mut pool, nwords, words, separator, out)
}

/// The body of [`generate`], drawing from any [`Rng`]: the checks are the
/// caller's.
pub fn write<R: Rng + ?Sized>(
    rng: &mut R,
    nwords: usize,
    words: &[&str],
    separator: &str,
    out: &mut [u8],
) -> Result<usize> {
    let mut pos = 0;
    for i in 0..nwords {
        if i > 0 {
            out[pos..pos + separator.len()].copy_from_slice(separator.as_bytes());
            pos += separator.len();
        }
        let w = words[sample::index(rng, words.len())?].as_bytes();
        out[pos..pos + w.len()].copy_from_slice(w);
        pos += w.len();
    }
    Ok(pos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::testing::{Counting, Failing};

    const WORDS: [&str; 4] = ["correct", "horse", "battery", "staple"];

    fn phrase(nwords: usize, words: &[&str], sep: &str) -> Result<String> {
        let mut out = vec![0u8; max_len(nwords, words, sep).unwrap()];
        let mut c = Counting::default();
        let n = generate(&mut c, nwords, words, sep, &mut out)?;
        assert!(c.requests <= 1);
        out.truncate(n);
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn words_and_separator() {
        let mut seen = [false; 4];
        for _ in 0..100 {
            let p = phrase(4, &WORDS, "-").unwrap();
            let parts: Vec<&str> = p.split('-').collect();
            assert_eq!(parts.len(), 4, "{p}");
            for part in parts {
                let i = WORDS.iter().position(|w| *w == part).unwrap();
                seen[i] = true;
            }
        }
        assert!(seen.iter().all(|&s| s), "every word chosen in 400");
        let p = phrase(3, &["\u{e4}", "\u{65e5}\u{672c}", "x"], "\u{b7}").unwrap();
        assert_eq!(p.split('\u{b7}').count(), 3);
        assert_eq!(phrase(0, &[], "-").unwrap(), "");
        assert_eq!(phrase(1, &["only"], "-").unwrap(), "only");
        assert_eq!(phrase(3, &["a"], "").unwrap(), "aaa");
        // nothing to choose between: "" at once, for any count
        let mut c = Counting::default();
        for n in [1usize, 1 << 40, usize::MAX] {
            assert_eq!(generate(&mut c, n, &["", ""], "", &mut []), Ok(0));
        }
        assert_eq!(c.requests, 0);
    }

    #[test]
    fn one_request_and_sizes() {
        let mut out = [0u8; 64];
        let mut c = Counting::default();
        generate(&mut c, 4, &WORDS, " ", &mut out).unwrap();
        assert_eq!(c.requests, 1);
        assert_eq!(max_len(4, &WORDS, "-"), Some(31));
        assert_eq!(max_len(2, &["a", "bbbbbbbbbb"], "-"), Some(21));
        assert_eq!(max_len(0, &WORDS, "-"), Some(0));
        assert_eq!(max_len(usize::MAX / 2, &["alpha", "beta"], "-"), None);
        assert_eq!(max_len(usize::MAX, &["a"], "-"), None);
        assert_eq!(
            generate(Failing, 2, &WORDS, " ", &mut out),
            Err(Error::EntropyUnavailable)
        );
        assert_eq!(generate(Failing, 2, &[], " ", &mut out), Err(Error::Empty));
        assert_eq!(
            generate(Failing, 9, &WORDS, " ", &mut out),
            Err(Error::Internal)
        );
    }

    #[test]
    fn check_rejects_invalid_utf8() {
        let ok: [&[u8]; 2] = [b"ok", "\u{e4}".as_bytes()];
        assert!(check(&ok, b"-").is_ok());
        let bad: [&[u8]; 2] = [b"ok", b"b\xe2\x82"];
        assert_eq!(check(&bad, b"-").map(|_| ()), Err(Error::InvalidUtf8));
        assert_eq!(check(&ok, b"\xff").map(|_| ()), Err(Error::InvalidUtf8));
    }

    /// Every word of a seven-word list is equally likely in every position
    /// (chi-square over the 49 two-word phrases, seeded).
    #[test]
    fn words_are_uniform() {
        use crate::alphabet::testing::{chi2, chi2_critical, SplitMix};
        let words = ["a", "b", "c", "d", "e", "f", "g"];
        let mut rng = SplitMix(11);
        let mut counts = [0u64; 49];
        let mut out = [0u8; 3];
        for _ in 0..49 * 200 {
            assert_eq!(write(&mut rng, 2, &words, "+", &mut out).unwrap(), 3);
            let i = (out[0] - b'a') as usize * 7 + (out[2] - b'a') as usize;
            counts[i] += 1;
        }
        assert!(counts.iter().all(|&c| c > 0));
        assert!(chi2(&counts) < chi2_critical(48));
    }
}
