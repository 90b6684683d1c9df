//! The EFF long word list (7,776 words, five dice per word), compiled into
//! the library for `secrets_passphrase_eff`.
//!
//! `wordlist/eff_large_wordlist.txt` is the list as the Electronic Frontier
//! Foundation publishes it (<https://www.eff.org/files/2016/07/18/eff_large_wordlist.txt>,
//! taken unchanged from Debian's `diceware` package 0.10-2,
//! `wordlists/wordlist_en_eff.txt`), licensed CC-BY 3.0 (see `NOTICE`).  Its
//! lines are `DDDDD<TAB>word`.  The table below is built from it at compile
//! time (a `const fn` that also checks every line: five dice digits, a tab,
//! 3 to 9 characters of `a-z` and `-`, the words in strictly increasing
//! order, 7,776 of them), so the library holds a static array of string
//! slices: no parsing, allocation or file at run time.

/// Words in the list: 6^5.
pub(crate) const LEN: usize = 7776;

const RAW: &[u8] = include_bytes!("wordlist/eff_large_wordlist.txt");

/// The words, in the list's (alphabetical) order.
pub static EFF_WORDS: [&str; LEN] = parse(RAW);

/// Bytes of the longest word.
pub(crate) const LONGEST: usize = longest(&parse(RAW));

/// `a < b`, bytewise.
const fn less(a: &[u8], b: &[u8]) -> bool {
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
        i += 1;
    }
    a.len() < b.len()
}

const fn parse(raw: &'static [u8]) -> [&'static str; LEN] {
    let mut out = [""; LEN];
    let mut n = 0;
    let mut i = 0;
    while i < raw.len() {
        let mut j = i;
        while j < i + 5 {
            assert!(raw[j] >= b'1' && raw[j] <= b'6', "a dice digit");
            j += 1;
        }
        assert!(raw[j] == b'\t', "a tab after the dice digits");
        let start = j + 1;
        j = start;
        while raw[j] != b'\n' {
            assert!(
                raw[j].is_ascii_lowercase() || raw[j] == b'-',
                "a word of a-z and -"
            );
            j += 1;
        }
        assert!(j - start >= 3 && j - start <= 9, "3 to 9 characters");
        let (_, rest) = raw.split_at(start);
        let (word, _) = rest.split_at(j - start);
        assert!(n < LEN, "7776 words");
        assert!(
            n == 0 || less(out[n - 1].as_bytes(), word),
            "sorted, no repeats"
        );
        // SAFETY: every byte was just checked to be ASCII.
        out[n] = unsafe { core::str::from_utf8_unchecked(word) };
        n += 1;
        i = j + 1;
    }
    assert!(n == LEN, "7776 words");
    out
}

const fn longest(words: &[&str; LEN]) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < LEN {
        if words[i].len() > m {
            m = words[i].len();
        }
        i += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list() {
        assert_eq!(EFF_WORDS.len(), 7776);
        assert_eq!(EFF_WORDS[0], "abacus");
        assert_eq!(EFF_WORDS[2], "abdominal");
        assert_eq!(EFF_WORDS[LEN - 1], "zoom");
        assert_eq!(LONGEST, 9);
        assert!(EFF_WORDS.windows(2).all(|w| w[0] < w[1]));
        // FNV-1a 64 of the words in byte order, each with '\n': the list
        // as published, without its dice numbers
        let mut h = 0xcbf29ce484222325u64;
        for w in EFF_WORDS {
            for b in w.bytes().chain([b'\n']) {
                h = (h ^ b as u64).wrapping_mul(0x100000001b3);
            }
        }
        assert_eq!(h, 0xd8c960f603063976);
        // 12.925 bits per word
        assert!(((LEN as f64).log2() - 12.925).abs() < 5e-4);
    }
}
