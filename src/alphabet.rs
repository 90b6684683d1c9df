//! UTF-8 alphabets: splitting into code points, and the character classes
//! of password policies.
//!
//! An alphabet is split by code point, never by byte, after a strict UTF-8
//! check (RFC 3629: no overlong forms, no surrogates, nothing above
//! U+10FFFF; exactly what `core::str::from_utf8` accepts).  The classes are
//! ASCII only: `a-z`, `A-Z`, `0-9`, and everything else (including every
//! non-ASCII code point) is a symbol.

use crate::entropy::{budget, Pool, RandomSource, Rng};
use crate::error::{Error, Result};
use crate::sample;

/// The password alphabet used when a policy gives none: ASCII letters and
/// digits, 62 code points.
pub const DEFAULT: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// A character class of a password policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `a-z`
    Lower = 0,
    /// `A-Z`
    Upper = 1,
    /// `0-9`
    Digit = 2,
    /// Every other code point.
    Symbol = 3,
}

impl Class {
    /// The class of a code point.
    pub fn of(c: char) -> Class {
        match c {
            'a'..='z' => Class::Lower,
            'A'..='Z' => Class::Upper,
            '0'..='9' => Class::Digit,
            _ => Class::Symbol,
        }
    }
}

/// The code points of `bytes`, in order (a repeated code point appears
/// twice).  `SECRETS_ERR_INVALID_UTF8` if `bytes` is not valid UTF-8;
/// `SECRETS_ERR_INVALID_ARGUMENT` if it contains U+0000, which would end
/// the C string it is drawn into.
pub fn split(bytes: &[u8]) -> Result<Vec<char>> {
    let s = core::str::from_utf8(bytes).map_err(|_| Error::InvalidUtf8)?;
    if bytes.contains(&0) {
        return Err(Error::InvalidArgument);
    }
    // four bytes per code point, allocated fallibly: a huge alphabet under a
    // memory limit is TOO_LARGE, not an abort
    let mut chars = Vec::new();
    chars
        .try_reserve_exact(s.chars().count())
        .map_err(|_| Error::TooLarge)?;
    chars.extend(s.chars());
    Ok(chars)
}

/// The length in bytes of the longest code point (0 for an empty alphabet).
pub fn longest(chars: &[char]) -> usize {
    chars.iter().map(|c| c.len_utf8()).max().unwrap_or(0)
}

/// Whether some code point appears twice; `TooLarge` if the sorted copy
/// it needs for a non-ASCII alphabet cannot be allocated.
pub fn has_duplicates(chars: &[char]) -> Result<bool> {
    if chars.iter().all(|c| c.is_ascii()) {
        // the usual alphabets: a 128-bit set, no sorting
        let mut seen = 0u128;
        for &c in chars {
            let bit = 1u128 << (c as u32);
            if seen & bit != 0 {
                return Ok(true);
            }
            seen |= bit;
        }
        return Ok(false);
    }
    let mut sorted = Vec::new();
    sorted
        .try_reserve_exact(chars.len())
        .map_err(|_| Error::TooLarge)?;
    sorted.extend_from_slice(chars);
    sorted.sort_unstable();
    Ok(sorted.windows(2).any(|w| w[0] == w[1]))
}

/// `length` code points of at most `longest` bytes each: the text length a
/// caller's buffer must hold (without the NUL), or `None` on overflow.
pub fn text_bound(length: usize, longest: usize) -> Option<usize> {
    length.checked_mul(longest)
}

/// Writes the code points `chars[i]` for each index of `picks` into `out`
/// as UTF-8 and returns the number of bytes written.  `out` must be long
/// enough (`text_bound`); a short buffer is an internal error.
pub fn encode(chars: &[char], picks: &[u32], out: &mut [u8]) -> Result<usize> {
    let mut pos = 0;
    for &i in picks {
        let c = *chars.get(i as usize).ok_or(Error::Internal)?;
        let n = c.len_utf8();
        let dest = out.get_mut(pos..pos + n).ok_or(Error::Internal)?;
        c.encode_utf8(dest);
        pos += n;
    }
    Ok(pos)
}

/// Writes `length` code points, each uniform over `chars` (a repeated code
/// point counts twice), into `out` as UTF-8 and returns the bytes written.
/// `out` must hold `text_bound(length, longest(chars))` bytes.  One OS
/// request.  `SECRETS_ERR_EMPTY` if `chars` is empty and `length > 0`.
pub fn token_chars<S: RandomSource>(
    source: S,
    length: usize,
    chars: &[char],
    out: &mut [u8],
) -> Result<usize> {
    if length == 0 {
        return Ok(0);
    }
    if chars.is_empty() {
        return Err(Error::Empty);
    }
    if !matches!(text_bound(length, longest(chars)), Some(m) if m <= out.len()) {
        return Err(Error::Internal);
    }
    let mut pool = Pool::new(source, budget(&[sample::index_need(length, chars.len())]));
    write_chars(&mut pool, length, chars, out)
}

/// The body of [`token_chars`], drawing from any [`Rng`].
pub fn write_chars<R: Rng + ?Sized>(
    rng: &mut R,
    length: usize,
    chars: &[char],
    out: &mut [u8],
) -> Result<usize> {
    let mut pos = 0;
    for _ in 0..length {
        let c = chars[sample::index(rng, chars.len())?];
        let dest = out
            .get_mut(pos..pos + c.len_utf8())
            .ok_or(Error::Internal)?;
        pos += c.encode_utf8(dest).len();
    }
    Ok(pos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_by_code_point() {
        let s = "a\u{e9}\u{20ac}\u{1f600}";
        assert_eq!(split(s.as_bytes()).unwrap(), vec!['a', 'é', '€', '😀']);
        assert_eq!(longest(&split(s.as_bytes()).unwrap()), 4);
        assert_eq!(split(b"aab").unwrap(), vec!['a', 'a', 'b']);
        assert_eq!(split(b"").unwrap(), Vec::<char>::new());
        assert_eq!(split(b"ab\0c"), Err(Error::InvalidArgument));
        assert_eq!(split(b"\0"), Err(Error::InvalidArgument));
        assert_eq!(split(b"\0\xff"), Err(Error::InvalidUtf8));
        assert_eq!(longest(&[]), 0);
    }

    #[test]
    fn rejects_invalid_utf8() {
        let bad: [&[u8]; 10] = [
            b"\xff",
            b"\x80",
            b"a\xc3",
            b"ab\xe2\x82",
            b"\xc0\x80",
            b"\xe0\x80\x80",
            b"\xed\xa0\x80",
            b"\xf4\x90\x80\x80",
            b"\xf8\x88\x80\x80\x80",
            &"\u{e9}".as_bytes()[..1],
        ];
        for b in bad {
            assert_eq!(split(b), Err(Error::InvalidUtf8), "{b:x?}");
        }
    }

    #[test]
    fn classes() {
        let got: Vec<Class> = "azAZ09!\u{e9} ".chars().map(Class::of).collect();
        use Class::*;
        assert_eq!(
            got,
            [Lower, Lower, Upper, Upper, Digit, Digit, Symbol, Symbol, Symbol]
        );
        assert_eq!(DEFAULT.len(), 62);
        assert_eq!(
            has_duplicates(&split(DEFAULT.as_bytes()).unwrap()),
            Ok(false)
        );
    }

    #[test]
    fn duplicates() {
        assert_eq!(has_duplicates(&['a', 'b', 'c', 'a']), Ok(true));
        assert_eq!(has_duplicates(&['x', 'é', 'y', 'é']), Ok(true));
        assert_eq!(has_duplicates(&['x', 'é', 'y']), Ok(false));
        assert_eq!(has_duplicates(&[]), Ok(false));
    }

    #[test]
    fn token_chars_one_request_multibyte() {
        use crate::entropy::testing::{Counting, Failing};
        let chars = split("a\u{e9}\u{20ac}\u{1f600}".as_bytes()).unwrap();
        let mut out = [0u8; 4 * 300];
        let mut seen = [false; 4];
        let mut c = Counting::default();
        let n = token_chars(&mut c, 300, &chars, &mut out).unwrap();
        assert_eq!(c.requests, 1);
        let s = core::str::from_utf8(&out[..n]).unwrap();
        assert_eq!(s.chars().count(), 300);
        for ch in s.chars() {
            seen[chars.iter().position(|&x| x == ch).unwrap()] = true;
        }
        assert!(seen.iter().all(|&b| b));
        assert_eq!(token_chars(Failing, 0, &[], &mut []), Ok(0));
        assert_eq!(token_chars(Failing, 1, &[], &mut out), Err(Error::Empty));
        assert_eq!(
            token_chars(Failing, 3, &chars, &mut out),
            Err(Error::EntropyUnavailable)
        );
        assert_eq!(
            token_chars(Failing, 3, &chars, &mut out[..11]),
            Err(Error::Internal)
        );
    }

    /// "aab": 'a' has probability 2/3 (a repeated code point counts twice),
    /// and every pair of positions is independent (chi-square over the nine
    /// two-character strings, weighted).
    #[test]
    fn token_chars_repeated_code_points_count_twice() {
        use testing::SplitMix;
        let chars = split(b"aab").unwrap();
        let mut rng = SplitMix(5);
        let mut counts = [0u64; 4]; // aa, ab, ba, bb
        let mut out = [0u8; 2];
        let n = 9000;
        for _ in 0..n {
            write_chars(&mut rng, 2, &chars, &mut out).unwrap();
            counts[(out[0] - b'a') as usize * 2 + (out[1] - b'a') as usize] += 1;
        }
        let p = [4.0 / 9.0, 2.0 / 9.0, 2.0 / 9.0, 1.0 / 9.0];
        let stat: f64 = counts
            .iter()
            .zip(p)
            .map(|(&c, p)| (c as f64 - n as f64 * p).powi(2) / (n as f64 * p))
            .sum();
        assert!(stat < testing::chi2_critical(3), "{counts:?}: {stat}");
    }

    #[test]
    fn encodes_picks() {
        let chars = ['a', 'é', '€'];
        let mut out = [0u8; 8];
        assert_eq!(encode(&chars, &[2, 0, 1], &mut out).unwrap(), 6);
        assert_eq!(&out[..6], "€aé".as_bytes());
        assert_eq!(encode(&chars, &[3], &mut out), Err(Error::Internal));
        assert_eq!(encode(&chars, &[2, 2, 2], &mut out), Err(Error::Internal));
        assert_eq!(text_bound(usize::MAX / 2 + 1, 2), None);
        assert_eq!(text_bound(25, 4), Some(100));
    }

    #[test]
    fn pools_are_bounded() {
        use crate::entropy::{budget, MAX_POOL};
        let need = |d, n| budget(&[sample::index_need(d, n)]);
        // 100 draws below 62: two spare 32-bit words cover 2^-40
        assert_eq!(need(100, 62), 4 * 102);
        // 48 MiB of output used to ask for a 192 MiB pool up front
        assert_eq!(need(48 << 20, 62), MAX_POOL);
        assert_eq!(need(usize::MAX, usize::MAX), MAX_POOL);
        // and large calls still come out right, refilling
        let chars = split(b"ab").unwrap();
        let mut out = vec![0u8; MAX_POOL];
        let mut c = crate::entropy::testing::Counting::default();
        assert_eq!(
            token_chars(&mut c, out.len(), &chars, &mut out),
            Ok(MAX_POOL)
        );
        assert!(c.requests >= 4, "{} requests", c.requests);
        let a = out.iter().filter(|&&b| b == b'a').count();
        assert!(a.abs_diff(MAX_POOL / 2) < 3000, "{a}");
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! A seeded generator for statistical tests: SplitMix64 (Steele, Lea and
    //! Flood), so a chi-square test gives the same verdict on every run.
    use crate::entropy::Rng;
    use crate::error::Result;

    pub struct SplitMix(pub u64);

    impl Rng for SplitMix {
        fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
            for chunk in dest.chunks_mut(8) {
                self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = self.0;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^= z >> 31;
                chunk.copy_from_slice(&z.to_le_bytes()[..chunk.len()]);
            }
            Ok(())
        }
    }

    /// The chi-square statistic's critical value for `df` degrees of
    /// freedom at a false-alarm rate of 1e-6 (Wilson-Hilferty; z = 4.7534).
    pub fn chi2_critical(df: usize) -> f64 {
        let k = df as f64;
        let a = 2.0 / (9.0 * k);
        k * (1.0 - a + 4.7534 * a.sqrt()).powi(3)
    }

    /// Pearson's statistic of `counts` against equal expected frequencies.
    pub fn chi2(counts: &[u64]) -> f64 {
        let total: u64 = counts.iter().sum();
        let e = total as f64 / counts.len() as f64;
        counts.iter().map(|&c| (c as f64 - e).powi(2) / e).sum()
    }
}
