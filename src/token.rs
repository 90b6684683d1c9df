//! Tokens: random bytes, and random bytes encoded as hex, base64url, base64
//! and base32.
//!
//! The encoders are constant-time: every character is computed with masks,
//! never by indexing a table with a secret value, and no branch depends on
//! the data (the technique of libsodium's `sodium_bin2hex`/`sodium_bin2base64`).
//! They also work in place: the random bytes are drawn into the tail of the
//! caller's output buffer and encoded forwards over it, so a token needs no
//! scratch copy to wipe and no allocation, and every raw byte is overwritten
//! by text before the call returns.

use crate::entropy::RandomSource;
use crate::error::{Error, Result};

/// A text encoding of random bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Lowercase hexadecimal.
    Hex,
    /// RFC 4648 section 5 base64url, no padding.
    Base64Url,
    /// RFC 4648 section 4 base64 (`A-Z a-z 0-9 + /`), `=` padded.
    Base64,
    /// RFC 4648 section 6 base32 (`A-Z2-7`), no padding.
    Base32,
}

/// -1 (all ones) if `a < b`, else 0, for small non-negative values: no branch.
#[inline(always)]
fn lt_mask(a: i32, b: i32) -> i32 {
    (a - b) >> 16
}

#[inline(always)]
fn hex_char(v: u32) -> u8 {
    let v = v as i32;
    // '0' + v, plus 39 more for 10..15 ('a' - '0' - 10)
    (v + 48 + (lt_mask(9, v) & 39)) as u8
}

/// A base64 digit whose values 62 and 63 are the characters `C62` and `C63`.
#[inline(always)]
fn base64_digit<const C62: i32, const C63: i32>(v: u32) -> u8 {
    let v = v as i32;
    let mut c = v + 65; // 'A'..'Z'
    c += lt_mask(25, v) & 6; // 'a'..'z': 'a' - 'A' - 26
    c -= lt_mask(51, v) & 75; // '0'..'9': 'a' + 26 - '0'
    c -= lt_mask(61, v) & (58 - C62); // 62: '0' + 10 is 58
    c += lt_mask(62, v) & (C63 - C62 - 1); // 63
    c as u8
}

#[inline(always)]
fn base64url_char(v: u32) -> u8 {
    base64_digit::<{ b'-' as i32 }, { b'_' as i32 }>(v)
}

#[inline(always)]
fn base64_char(v: u32) -> u8 {
    base64_digit::<{ b'+' as i32 }, { b'/' as i32 }>(v)
}

#[inline(always)]
fn base32_char(v: u32) -> u8 {
    let v = v as i32;
    (v + 65 - (lt_mask(25, v) & 41)) as u8 // 'A'..'Z', then '2'..'7'
}

/// Encodes the last `nbytes` bytes of `buf` into all of `buf`, a group of
/// `GI` bytes into `GS` characters of `W` bits each.  Reads a group before
/// writing it; writes never reach input that is still unread.
#[inline(always)]
fn encode_groups<const GI: usize, const GS: usize, const W: u32>(
    buf: &mut [u8],
    nbytes: usize,
    ch: impl Fn(u32) -> u8,
) {
    let start = buf.len() - nbytes;
    let mask = (1u32 << W) - 1;
    let group = |buf: &[u8], from: usize, take: usize| {
        // big-endian, left-aligned in a 64-bit accumulator
        let mut acc = 0u64;
        for i in 0..take {
            acc |= (buf[from + i] as u64) << (56 - 8 * i);
        }
        acc
    };
    let char_at = |acc: u64, c: usize| ch(((acc >> (64 - W as usize * (c + 1))) as u32) & mask);
    let full = nbytes / GI;
    // Full groups through fixed-size arrays: the compiler unrolls them.
    for g in 0..full {
        let mut inp = [0u8; GI];
        inp.copy_from_slice(&buf[start + g * GI..start + (g + 1) * GI]);
        let mut acc = 0u64;
        for (i, b) in inp.iter().enumerate() {
            acc |= (*b as u64) << (56 - 8 * i);
        }
        let out: &mut [u8; GS] = (&mut buf[g * GS..(g + 1) * GS])
            .try_into()
            .unwrap_or_else(|_| unreachable!());
        for (c, o) in out.iter_mut().enumerate() {
            *o = char_at(acc, c);
        }
    }
    let mut w = full * GS;
    let rest = nbytes - full * GI;
    if rest > 0 {
        let acc = group(buf, start + full * GI, rest);
        for c in 0..(8 * rest).div_ceil(W as usize) {
            buf[w] = char_at(acc, c);
            w += 1;
        }
    }
    debug_assert_eq!(w, buf.len());
}

impl Encoding {
    /// Characters for `nbytes` bytes, or `None` if it overflows `usize`.
    pub const fn encoded_len(self, nbytes: usize) -> Option<usize> {
        let extra = match self {
            Encoding::Hex => nbytes,
            // ceil(4n/3) = n + ceil(n/3)
            Encoding::Base64Url => nbytes / 3 + (nbytes % 3 != 0) as usize,
            // 4*ceil(n/3) = n + ceil(n/3) + the padding, (3 - n % 3) % 3
            Encoding::Base64 => nbytes / 3 + (nbytes % 3 != 0) as usize + (3 - nbytes % 3) % 3,
            // ceil(8n/5) = n + 3*(n/5) + ceil(3*(n%5)/5)
            Encoding::Base32 => 3 * (nbytes / 5) + (3 * (nbytes % 5)).div_ceil(5),
        };
        nbytes.checked_add(extra)
    }

    /// The buffer size including the NUL, `usize::MAX` on overflow (the size helpers).
    pub const fn buffer_size(self, nbytes: usize) -> usize {
        match self.encoded_len(nbytes) {
            Some(len) if len < usize::MAX => len + 1,
            _ => usize::MAX,
        }
    }

    /// Encodes the last `nbytes` bytes of `buf` into all of `buf`, whose
    /// length must be `encoded_len(nbytes)` (see the module docs).
    pub fn encode_tail_in_place(self, buf: &mut [u8], nbytes: usize) {
        debug_assert_eq!(Some(buf.len()), self.encoded_len(nbytes));
        match self {
            Encoding::Hex => encode_groups::<1, 2, 4>(buf, nbytes, hex_char),
            Encoding::Base64Url => encode_groups::<3, 4, 6>(buf, nbytes, base64url_char),
            Encoding::Base64 => {
                // the unpadded text, then '=': move the input to the end of
                // the unpadded part (at most 2 bytes left), encode there, pad
                let pad = (3 - nbytes % 3) % 3;
                let unpadded = buf.len() - pad;
                buf.copy_within(buf.len() - nbytes.., unpadded - nbytes);
                encode_groups::<3, 4, 6>(&mut buf[..unpadded], nbytes, base64_char);
                buf[unpadded..].fill(b'=');
            }
            Encoding::Base32 => encode_groups::<5, 8, 5>(buf, nbytes, base32_char),
        }
    }
}

/// Fills `out` with random bytes (one OS request).
pub fn token_bytes<S: RandomSource>(mut src: S, out: &mut [u8]) -> Result<()> {
    src.fill(out)
}

/// Writes the encoding of `nbytes` random bytes into `text`, which must be
/// exactly `enc.encoded_len(nbytes)` bytes (no NUL).  One OS request.
pub fn token_text<S: RandomSource>(
    mut src: S,
    enc: Encoding,
    text: &mut [u8],
    nbytes: usize,
) -> Result<()> {
    if enc.encoded_len(nbytes) != Some(text.len()) {
        return Err(Error::Internal);
    }
    let start = text.len() - nbytes;
    src.fill(&mut text[start..])?;
    enc.encode_tail_in_place(text, nbytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::testing::{Counting, Script};
    use base64::Engine;

    fn encode(enc: Encoding, data: &[u8]) -> String {
        let len = enc.encoded_len(data.len()).unwrap();
        let mut buf = vec![0u8; len];
        buf[len - data.len()..].copy_from_slice(data);
        enc.encode_tail_in_place(&mut buf, data.len());
        String::from_utf8(buf).unwrap()
    }

    /// RFC 4648 section 10 test vectors for base32, without padding.
    fn base32_reference(data: &[u8]) -> String {
        const A: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut out = String::new();
        let mut bits = 0u32;
        let mut acc = 0u32;
        for &b in data {
            acc = (acc << 8) | b as u32;
            bits += 8;
            while bits >= 5 {
                out.push(A[((acc >> (bits - 5)) & 31) as usize] as char);
                bits -= 5;
            }
        }
        if bits > 0 {
            out.push(A[((acc << (5 - bits)) & 31) as usize] as char);
        }
        out
    }

    #[test]
    fn char_functions_cover_their_alphabets() {
        let hex: String = (0..16).map(|v| hex_char(v) as char).collect();
        assert_eq!(hex, "0123456789abcdef");
        let b64: String = (0..64).map(|v| base64url_char(v) as char).collect();
        assert_eq!(
            b64,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        );
        let b64: String = (0..64).map(|v| base64_char(v) as char).collect();
        assert_eq!(
            b64,
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        );
        let b32: String = (0..32).map(|v| base32_char(v) as char).collect();
        assert_eq!(b32, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    }

    #[test]
    fn rfc4648_vectors() {
        let v = ["", "f", "fo", "foo", "foob", "fooba", "foobar"];
        let b32 = [
            "",
            "MY",
            "MZXQ",
            "MZXW6",
            "MZXW6YQ",
            "MZXW6YTB",
            "MZXW6YTBOI",
        ];
        let b64 = ["", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"];
        let std = [
            "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
        ];
        for i in 0..v.len() {
            assert_eq!(encode(Encoding::Base64, v[i].as_bytes()), std[i]);
            assert_eq!(encode(Encoding::Base32, v[i].as_bytes()), b32[i]);
            assert_eq!(encode(Encoding::Base64Url, v[i].as_bytes()), b64[i]);
        }
        assert_eq!(encode(Encoding::Hex, b"\x00\x9f\xff"), "009fff");
    }

    #[test]
    fn in_place_encoding_matches_reference_crates_for_all_lengths() {
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let standard = base64::engine::general_purpose::STANDARD;
        for n in 0..600usize {
            let mut data = vec![0u8; n];
            crate::entropy::OsSource.fill(&mut data).unwrap();
            if n % 7 == 0 {
                data.iter_mut().for_each(|b| *b = 0xff);
            }
            assert_eq!(encode(Encoding::Hex, &data), hex::encode(&data), "n={n}");
            assert_eq!(
                encode(Encoding::Base64Url, &data),
                engine.encode(&data),
                "n={n}"
            );
            assert_eq!(
                encode(Encoding::Base64, &data),
                standard.encode(&data),
                "n={n}"
            );
            assert_eq!(
                encode(Encoding::Base32, &data),
                base32_reference(&data),
                "n={n}"
            );
        }
    }

    #[test]
    fn lengths_and_sizes() {
        for n in 0..200usize {
            assert_eq!(Encoding::Hex.encoded_len(n), Some(2 * n));
            assert_eq!(
                Encoding::Base64Url.encoded_len(n),
                Some((4 * n).div_ceil(3))
            );
            assert_eq!(Encoding::Base32.encoded_len(n), Some((8 * n).div_ceil(5)));
            assert_eq!(Encoding::Base64.encoded_len(n), Some(4 * n.div_ceil(3)));
            assert_eq!(Encoding::Hex.buffer_size(n), 2 * n + 1);
        }
        assert_eq!(Encoding::Hex.encoded_len(usize::MAX / 2 + 1), None);
        assert_eq!(Encoding::Hex.buffer_size(usize::MAX / 2), usize::MAX);
        assert_eq!(Encoding::Hex.buffer_size((usize::MAX - 1) / 2), usize::MAX);
        assert_eq!(
            Encoding::Hex.buffer_size((usize::MAX - 1) / 2 - 1),
            usize::MAX - 2
        );
        assert_eq!(Encoding::Base64Url.buffer_size(usize::MAX), usize::MAX);
        assert_eq!(Encoding::Base32.buffer_size(usize::MAX), usize::MAX);
        // 4*ceil(n/3) + 1: the largest n that fits, and the first that does not
        let last = 3 * ((usize::MAX - 1) / 4);
        assert_eq!(Encoding::Base64.buffer_size(last), 4 * (last / 3) + 1);
        for n in [last + 1, last + 2, last + 3, usize::MAX - 1, usize::MAX] {
            assert_eq!(Encoding::Base64.buffer_size(n), usize::MAX, "n={n}");
        }
    }

    #[test]
    fn token_text_is_one_request_and_uses_the_source() {
        let mut c = Counting::default();
        let mut text = [0u8; 43];
        token_text(&mut c, Encoding::Base64Url, &mut text, 32).unwrap();
        assert_eq!((c.requests, c.bytes), (1, 32));
        let mut s = Script::new(vec![0xde, 0xad]);
        let mut t = [0u8; 4];
        token_text(&mut s, Encoding::Hex, &mut t, 2).unwrap();
        assert_eq!(&t, b"dead");
        let mut b = [0u8; 3];
        assert_eq!(
            token_bytes(&mut Script::new(vec![]), &mut b),
            Err(crate::Error::EntropyUnavailable)
        );
    }
}
