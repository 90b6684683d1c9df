//! Constant-time decoders for hex, base64 and base64url (RFC 4648 sections
//! 8, 4 and 5), for secrets read back from text (`sodium_hex2bin` and
//! `sodium_base642bin` do the same for libsodium).
//!
//! The structure of the text is public: its length, and the number of
//! trailing `=` (0 to 2), which fixes the decoded length that the call
//! returns.  [`decoded_len`] checks it (and may branch on it).  The digits
//! are secret: [`decode_digits`] maps every one to its value with
//! arithmetic masks (the technique of libsodium's `b64_char_to_byte`),
//! never a table lookup or a branch, ORs an "invalid" mask over all of them
//! (a bad character anywhere, non-zero trailing bits) and returns the
//! combined validity as a mask, without stopping at the first bad digit.
//! Its running time depends only on the number of digits.  The caller
//! turns the mask into a status without branching on it either (see
//! `src/ffi/decode.rs`).

use crate::error::{Error, Result};

/// A text encoding that can be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// `0-9 a-f A-F`, an even number of digits.
    Hex,
    /// RFC 4648 section 4 (`A-Z a-z 0-9 + /`), canonical `=` padding, the
    /// length a multiple of 4.
    Base64,
    /// RFC 4648 section 5 (`A-Z a-z 0-9 - _`), unpadded (as
    /// `secrets_token_urlsafe` writes it) or canonically padded.
    Base64Url,
}

/// 0xff if `x == y`, else 0 (bytes widened to `u32`): no branch.
#[inline(always)]
fn eq_mask(x: u32, y: u32) -> u32 {
    ((0u32.wrapping_sub(x ^ y) >> 8) & 0xff) ^ 0xff
}

/// 0xff if `x > y`, else 0, for `x, y < 2^24`: no branch.
#[inline(always)]
fn gt_mask(x: u32, y: u32) -> u32 {
    (y.wrapping_sub(x) >> 8) & 0xff
}

/// 0xff if `lo <= x <= hi`, else 0.
#[inline(always)]
fn in_range(x: u32, lo: u32, hi: u32) -> u32 {
    (gt_mask(lo, x) | gt_mask(x, hi)) ^ 0xff
}

/// The value of a hex digit and 0xff if `c` is one, else (0, 0).
#[inline(always)]
fn hex_value(c: u8) -> (u32, u32) {
    let c = c as u32;
    let num = in_range(c, b'0' as u32, b'9' as u32);
    let lower = in_range(c, b'a' as u32, b'f' as u32);
    let upper = in_range(c, b'A' as u32, b'F' as u32);
    let v = (num & c.wrapping_sub(b'0' as u32))
        | (lower & c.wrapping_sub(b'a' as u32 - 10))
        | (upper & c.wrapping_sub(b'A' as u32 - 10));
    (v & 0x0f, num | lower | upper)
}

/// The value of a base64 digit whose values 62 and 63 are `c62` and `c63`,
/// and 0xff if `c` is one, else (0, 0).
#[inline(always)]
fn base64_value(c: u8, c62: u8, c63: u8) -> (u32, u32) {
    let c = c as u32;
    let upper = in_range(c, b'A' as u32, b'Z' as u32);
    let lower = in_range(c, b'a' as u32, b'z' as u32);
    let digit = in_range(c, b'0' as u32, b'9' as u32);
    let v62 = eq_mask(c, c62 as u32);
    let v63 = eq_mask(c, c63 as u32);
    let v = (upper & c.wrapping_sub(b'A' as u32))
        | (lower & c.wrapping_sub(b'a' as u32 - 26))
        | (digit & c.wrapping_add(52 - b'0' as u32))
        | (v62 & 62)
        | (v63 & 63);
    (v & 0x3f, upper | lower | digit | v62 | v63)
}

impl Decoding {
    /// Bits per digit.
    const fn bits(self) -> usize {
        match self {
            Decoding::Hex => 4,
            Decoding::Base64 | Decoding::Base64Url => 6,
        }
    }
}

/// The structure of `text`: the number of digits (the text without its
/// `=` padding) and the exact decoded length.  Looks only at the length
/// and at whether the last two characters are `=`: public facts (the
/// decoded length is returned to the caller).  `SECRETS_ERR_INVALID_ARGUMENT`
/// for a length no text of the encoding has: odd hex; base64 not a multiple
/// of 4; base64url of `4k + 1` characters, or padded but not a multiple of
/// 4 (a `=` anywhere else is a bad digit, found by [`decode_digits`]).
pub fn decoded_len(dec: Decoding, text: &[u8]) -> Result<(usize, usize)> {
    let len = text.len();
    let digits = match dec {
        Decoding::Hex => {
            if !len.is_multiple_of(2) {
                return Err(Error::InvalidArgument);
            }
            len
        }
        Decoding::Base64 | Decoding::Base64Url => {
            let padded = len.is_multiple_of(4);
            if !padded && (dec == Decoding::Base64 || len % 4 == 1) {
                return Err(Error::InvalidArgument);
            }
            let mut pads = 0;
            if padded && len > 0 && text[len - 1] == b'=' {
                pads = 1 + (text[len - 2] == b'=') as usize;
            }
            len - pads
        }
    };
    // base64: 2 digits give 1 byte, 3 give 2; `digits % 4 == 1` (from
    // "Q===") decodes to nothing whole and is caught as a bad digit
    Ok((digits, digits * dec.bits() / 8))
}

/// Decodes the `digits` (the text without its padding; see
/// [`decoded_len`]) into `out`, which must be exactly the decoded length.
/// Returns 0xff if every digit is valid and the unused low bits of the
/// last one are zero, else 0; `out` then holds garbage that the caller
/// wipes.  Constant time: no branch or memory index depends on the digits.
#[inline(never)]
pub fn decode_digits(dec: Decoding, digits: &[u8], out: &mut [u8]) -> u8 {
    // one loop per encoding, each with its digit function inlined
    match dec {
        Decoding::Hex => decode_with::<4>(digits, out, hex_value),
        Decoding::Base64 => decode_with::<6>(digits, out, |c| base64_value(c, b'+', b'/')),
        Decoding::Base64Url => decode_with::<6>(digits, out, |c| base64_value(c, b'-', b'_')),
    }
}

/// The body of [`decode_digits`] for digits of `BITS` bits.
#[inline(always)]
fn decode_with<const BITS: usize>(
    digits: &[u8],
    out: &mut [u8],
    value: impl Fn(u8) -> (u32, u32),
) -> u8 {
    let mut invalid = 0u32;
    let mut acc = 0u32;
    let mut nacc = 0usize; // bits in acc: a function of the position only
    let mut o = 0;
    for &c in digits {
        let (v, ok) = value(c);
        invalid |= ok ^ 0xff;
        acc = (acc << BITS) | v;
        nacc += BITS;
        if nacc >= 8 {
            nacc -= 8;
            if o < out.len() {
                out[o] = (acc >> nacc) as u8;
            } else {
                invalid |= 0xff; // more digits than the length allows (a bug)
            }
            o += 1;
            acc &= (1 << nacc) - 1;
        }
    }
    // the leftover bits (base64: 2 or 4) must be zero; a lone leftover
    // digit (`4k + 1` base64 digits) decodes to nothing and is invalid
    invalid |= gt_mask(acc, 0);
    invalid |= ((nacc == 6) as u32) * 0xff;
    invalid |= ((o != out.len()) as u32) * 0xff;
    (invalid ^ 0xff) as u8
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    /// Decodes like the export: structure, length, digits, validity.
    fn decode(dec: Decoding, text: &[u8]) -> Option<Vec<u8>> {
        let (digits, n) = decoded_len(dec, text).ok()?;
        let mut out = vec![0u8; n];
        (decode_digits(dec, &text[..digits], &mut out) == 0xff).then_some(out)
    }

    fn encode(dec: Decoding, data: &[u8]) -> [String; 2] {
        use base64::engine::general_purpose::{STANDARD, URL_SAFE, URL_SAFE_NO_PAD};
        match dec {
            Decoding::Hex => [hex::encode(data), hex::encode_upper(data)],
            Decoding::Base64 => [STANDARD.encode(data), STANDARD.encode(data)],
            Decoding::Base64Url => [URL_SAFE_NO_PAD.encode(data), URL_SAFE.encode(data)],
        }
    }

    /// The reference decoders (the `hex` and `base64` crates, strict about
    /// padding and trailing bits).
    fn reference(dec: Decoding, text: &[u8]) -> Option<Vec<u8>> {
        use base64::alphabet::{STANDARD, URL_SAFE};
        use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
        use base64::engine::DecodePaddingMode;
        let cfg = |mode| {
            GeneralPurposeConfig::new()
                .with_decode_padding_mode(mode)
                .with_decode_allow_trailing_bits(false)
        };
        match dec {
            Decoding::Hex => hex::decode(text).ok(),
            Decoding::Base64 => {
                GeneralPurpose::new(&STANDARD, cfg(DecodePaddingMode::RequireCanonical))
                    .decode(text)
                    .ok()
            }
            Decoding::Base64Url => {
                GeneralPurpose::new(&URL_SAFE, cfg(DecodePaddingMode::Indifferent))
                    .decode(text)
                    .ok()
                    .filter(|_| {
                        // padded only canonically: `=` present means a multiple of 4
                        !text.contains(&b'=') || text.len().is_multiple_of(4)
                    })
            }
        }
    }

    const ALL: [Decoding; 3] = [Decoding::Hex, Decoding::Base64, Decoding::Base64Url];

    #[test]
    fn every_digit_value() {
        for c in 0..=255u8 {
            let (v, ok) = hex_value(c);
            let want = (c as char).to_digit(16);
            assert_eq!(ok == 0xff, want.is_some(), "{c:#x}");
            assert_eq!(v, want.unwrap_or(0), "{c:#x}");
            for (c62, c63, alpha) in [
                (b'+', b'/', &base64::alphabet::STANDARD),
                (b'-', b'_', &base64::alphabet::URL_SAFE),
            ] {
                let (v, ok) = base64_value(c, c62, c63);
                let want = alpha.as_str().bytes().position(|a| a == c);
                assert_eq!(ok == 0xff, want.is_some(), "{c:#x}");
                assert_eq!(v as usize, want.unwrap_or(0), "{c:#x}");
            }
        }
    }

    /// Every input of 1 to 3 bytes (16.8 million), in every form the
    /// decoders accept: hex in lower and upper case, padded base64, and
    /// base64url unpadded and padded.  Encoded with the library's encoders
    /// (themselves checked against the reference crates in `token.rs`),
    /// without allocating, so that it runs in seconds.
    #[test]
    fn round_trip_of_every_input_of_one_to_three_bytes() {
        use crate::token::Encoding;
        let mut text = [0u8; 8];
        let mut out = [0u8; 3];
        let mut check = |dec: Decoding, text: &[u8], data: &[u8]| {
            let (digits, n) = decoded_len(dec, text).unwrap();
            assert_eq!(n, data.len());
            let ok = decode_digits(dec, &text[..digits], &mut out[..n]);
            assert!(ok == 0xff && &out[..n] == data, "{dec:?} {text:?}");
        };
        for len in 1..=3usize {
            for x in 0..1u32 << (8 * len) {
                let data = &x.to_be_bytes()[4 - len..];
                for (enc, dec) in [
                    (Encoding::Hex, Decoding::Hex),
                    (Encoding::Base64, Decoding::Base64),
                    (Encoding::Base64Url, Decoding::Base64Url),
                ] {
                    let t = &mut text[..enc.encoded_len(len).unwrap()];
                    let start = t.len() - len;
                    t[start..].copy_from_slice(data);
                    enc.encode_tail_in_place(t, len);
                    check(dec, t, data);
                    match dec {
                        Decoding::Hex => {
                            t.make_ascii_uppercase();
                            check(dec, t, data);
                        }
                        Decoding::Base64Url => {
                            let n = t.len();
                            let padded = &mut text[..n.div_ceil(4) * 4];
                            padded[n..].fill(b'=');
                            check(dec, padded, data);
                        }
                        Decoding::Base64 => {}
                    }
                }
            }
        }
    }

    #[test]
    fn rfc4648_vectors() {
        let v = ["", "f", "fo", "foo", "foob", "fooba", "foobar"];
        let b64 = [
            "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy",
        ];
        let hex = [
            "",
            "66",
            "666F",
            "666F6F",
            "666F6F62",
            "666F6F6261",
            "666F6F626172",
        ];
        for i in 0..v.len() {
            let want = Some(v[i].as_bytes().to_vec());
            assert_eq!(decode(Decoding::Base64, b64[i].as_bytes()), want);
            assert_eq!(decode(Decoding::Base64Url, b64[i].as_bytes()), want);
            let unpadded = b64[i].trim_end_matches('=');
            assert_eq!(decode(Decoding::Base64Url, unpadded.as_bytes()), want);
            assert_eq!(decode(Decoding::Hex, hex[i].as_bytes()), want);
        }
    }

    #[test]
    fn rejects() {
        let bad: [(Decoding, &str); 17] = [
            (Decoding::Hex, "0"),
            (Decoding::Hex, "0g"),
            (Decoding::Hex, " 00"),
            (Decoding::Base64, "QR=="),
            (Decoding::Base64, "QUJ="),
            (Decoding::Base64, "QQ"),
            (Decoding::Base64, "Q==="),
            (Decoding::Base64, "===="),
            (Decoding::Base64, "QQ=A"),
            (Decoding::Base64, "QQ==QQ=="),
            (Decoding::Base64, "-_-_"),
            (Decoding::Base64Url, "+/+/"),
            (Decoding::Base64Url, "QR"),
            (Decoding::Base64Url, "Q"),
            (Decoding::Base64Url, "QQ="),
            (Decoding::Base64Url, "Q="),
            (Decoding::Base64Url, "Zg="),
        ];
        for (dec, t) in bad {
            assert_eq!(decode(dec, t.as_bytes()), None, "{dec:?} {t:?}");
            assert_eq!(
                reference(dec, t.as_bytes()),
                None,
                "reference {dec:?} {t:?}"
            );
        }
    }

    /// Random texts, mostly near-valid: the decoders agree with the
    /// reference crates on every one.
    #[test]
    fn differential_against_reference_crates() {
        use crate::entropy::{OsSource, RandomSource};
        let mut r = [0u8; 4096];
        let mut k = r.len();
        let mut next = |n: usize| {
            if k + n > r.len() {
                OsSource.fill(&mut r).unwrap();
                k = 0;
            }
            k += n;
            r[k - n..k].to_vec()
        };
        let noise = b"AZaz09+/-_=.: \n\0\xff\xc3gG";
        for _ in 0..20_000 {
            let p = next(4);
            let data = next(p[0] as usize % 40);
            for dec in ALL {
                let mut text = encode(dec, &data)[p[1] as usize % 2].clone().into_bytes();
                match p[2] % 4 {
                    0 => {}
                    1 if !text.is_empty() => {
                        let i = p[3] as usize % text.len();
                        text[i] = noise[p[1] as usize % noise.len()];
                    }
                    2 => text.truncate(text.len().saturating_sub(1 + p[3] as usize % 3)),
                    _ => text.push(noise[p[3] as usize % noise.len()]),
                }
                assert_eq!(
                    decode(dec, &text),
                    reference(dec, &text),
                    "{dec:?} {:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }
}
