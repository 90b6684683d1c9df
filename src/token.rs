//! Tokens: random bytes, and random bytes encoded as hex, base64url, base64
//! and base32.
//!
//! The encoders are constant-time: every character is computed with masks,
//! never by indexing a table with a secret value, and no branch depends on
//! the data (the technique of libsodium's `sodium_bin2hex`/`sodium_bin2base64`).
//! Two paths write the same text:
//! * the portable word path, on every target: 8 input bytes become 16 hex
//!   digits, 6 bytes 8 base64url characters, 5 bytes 8 base32 characters,
//!   each computed together in `u64`s with per-byte (SWAR) arithmetic; the
//!   last few bytes go through the same masks one character at a time;
//! * on x86-64 the vector path (`token/x86.rs`): SSE2 hex 16 bytes at a
//!   time (SSE2 is baseline there), and where the CPU has SSSE3 (detected
//!   at run time by a cached `cpuid`: no allocation, no lock,
//!   async-signal-safe) base64, base64url and base32 12 or 10 bytes at a
//!   time with `pshufb` and multiplications, their lookups in registers.
//!
//! [`EncoderPath::best`] picks the vector path where it exists; the tests
//! and the verification programs force each one.
//! They also work in place: the random bytes are drawn into the tail of the
//! caller's output buffer and encoded forwards over it, so a token needs no
//! scratch copy to wipe and no allocation, and every raw byte is overwritten
//! by text before the call returns.

use crate::entropy::RandomSource;
use crate::error::{Error, Result};

#[cfg(target_arch = "x86_64")]
mod x86;

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
fn base64_digit<const C62: u8, const C63: u8>(v: u32) -> u8 {
    let (v, c62, c63) = (v as i32, C62 as i32, C63 as i32);
    let mut c = v + 65; // 'A'..'Z'
    c += lt_mask(25, v) & 6; // 'a'..'z': 'a' - 'A' - 26
    c -= lt_mask(51, v) & 75; // '0'..'9': 'a' + 26 - '0'
    c -= lt_mask(61, v) & (58 - c62); // 62: '0' + 10 is 58
    c += lt_mask(62, v) & (c63 - c62 - 1); // 63
    c as u8
}

#[cfg(test)]
fn base64url_char(v: u32) -> u8 {
    base64_digit::<b'-', b'_'>(v)
}

#[cfg(test)]
fn base64_char(v: u32) -> u8 {
    base64_digit::<b'+', b'/'>(v)
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

/// Each byte of `x` repeated in every byte of a word.
const fn bcast(x: u8) -> u64 {
    0x0101_0101_0101_0101 * x as u64
}

/// Per byte of `v` (each at most 128 + t): 1 if the byte is greater than
/// `t`, else 0.  No carry crosses a byte.
#[inline(always)]
fn gt(v: u64, t: u8) -> u64 {
    ((v + bcast(0x7f - t)) >> 7) & bcast(1)
}

/// Eight hex digits for eight nibbles (one per byte), branch-free.
#[inline(always)]
fn hex_chars8(v: u64) -> u64 {
    // per byte at most 15 + 48 + 39: no carry
    v + bcast(b'0') + gt(v, 9) * 39
}

/// Eight base32 characters for eight 5-bit values (one per byte).
#[inline(always)]
fn base32_chars8(v: u64) -> u64 {
    // 'A' + v below 26, '2' + (v - 26) from 26: v + 24 + 41 * (v < 26)
    v + bcast(24) + (bcast(1) - gt(v, 25)) * 41
}

/// Eight base64 digits for eight 6-bit values (one per byte), values 62 and
/// 63 being the characters `C62` and `C63`.
#[inline(always)]
fn base64_digits8<const C62: u8, const C63: u8>(v: u64) -> u64 {
    // the offset added to v in each range, as a byte mod 256: 'A' (65) below
    // 26, 'a' - 26 (71), '0' - 52 (-4), C62 - 62, C63 - 63; the ranges are
    // nested, so XOR-ing in the differences selects the offset
    let o62 = C62.wrapping_sub(62);
    let o63 = C63.wrapping_sub(63);
    let m25 = gt(v, 25) * 0xff;
    let m51 = gt(v, 51) * 0xff;
    let m61 = gt(v, 61) * 0xff;
    let m62 = gt(v, 62) * 0xff;
    let off = bcast(65)
        ^ (m25 & bcast(65 ^ 71))
        ^ (m51 & bcast(71 ^ 0xfc))
        ^ (m61 & bcast(0xfc ^ o62))
        ^ (m62 & bcast(o62 ^ o63));
    // per-byte addition mod 256 without carries between bytes
    let low = bcast(0x7f);
    ((v & low) + (off & low)) ^ ((v ^ off) & !low)
}

/// [`base64_digits8`] for base64url (`-`, `_`).
#[cfg(test)]
fn base64url_chars8(v: u64) -> u64 {
    base64_digits8::<b'-', b'_'>(v)
}

/// [`base64_digits8`] for standard base64 (`+`, `/`).
#[cfg(test)]
fn base64_chars8(v: u64) -> u64 {
    base64_digits8::<b'+', b'/'>(v)
}

/// The bytes of the low 32 bits of `a` at the even byte positions of a word.
#[inline(always)]
fn spread(a: u64) -> u64 {
    let a = (a | (a << 16)) & 0x0000_ffff_0000_ffff;
    (a | (a << 8)) & 0x00ff_00ff_00ff_00ff
}

/// The 16 hex digits of the 8 bytes of `x` (byte i of the little-endian
/// word is input byte i), as two little-endian words of 8 digits: the high
/// and low nibbles of all 8 bytes as two words of digits, interleaved.
#[inline(always)]
fn hex8_words(x: u64) -> [u64; 2] {
    let nib = bcast(0x0f);
    let hi = hex_chars8((x >> 4) & nib);
    let lo = hex_chars8(x & nib);
    [
        spread(hi & 0xffff_ffff) | (spread(lo & 0xffff_ffff) << 8),
        spread(hi >> 32) | (spread(lo >> 32) << 8),
    ]
}

/// The 32 hex digits of 16 bytes, `x0` (bytes 0..8) and `x1` (bytes 8..16)
/// read little-endian, as four little-endian words of 8 digits, on `path`:
/// branch-free and without tables (the UUID formatter).
#[inline]
pub(crate) fn hex16_words(path: EncoderPath, x0: u64, x1: u64) -> [u64; 4] {
    #[cfg(target_arch = "x86_64")]
    if path == EncoderPath::Simd {
        return x86::hex16_words(x0, x1);
    }
    let _ = path;
    let [a, b] = hex8_words(x0);
    let [c, d] = hex8_words(x1);
    [a, b, c, d]
}

/// Hex, 8 input bytes per step: the high and low nibbles of all 8 bytes as
/// two words of digits, interleaved into 16 characters.  In place for the
/// same reason as [`encode_words`] (2 characters per byte); the last
/// `nbytes % 8` bytes go through [`encode_groups`].
#[inline(always)]
fn encode_hex_words(buf: &mut [u8], nbytes: usize) {
    let start = buf.len() - nbytes;
    let full = nbytes / 8;
    for g in 0..full {
        let mut inp = [0u8; 8];
        inp.copy_from_slice(&buf[start + 8 * g..start + 8 * g + 8]);
        let [first, second] = hex8_words(u64::from_le_bytes(inp));
        buf[16 * g..16 * g + 8].copy_from_slice(&first.to_le_bytes());
        buf[16 * g + 8..16 * g + 16].copy_from_slice(&second.to_le_bytes());
    }
    encode_groups::<1, 2, 4>(&mut buf[16 * full..], nbytes - 8 * full, hex_char);
}

/// The 8 fields of `W` bits at the top of `acc` (the first one highest), one
/// per byte: field c in byte c (the little-endian store order).  Halves
/// then quarters then eighths, each step a shift, two masks and an or on
/// the whole word: 3 steps instead of 8 separate extractions.
#[inline(always)]
fn fields8<const W: u32>(acc: u64) -> u64 {
    let w = W as usize;
    let v = acc >> (64 - 8 * w); // the 8W bits, right-aligned
                                 // the first 4 fields to the low 32-bit lane, the last 4 to the high one
    let m4 = (1u64 << (4 * w)) - 1;
    let x = (v >> (4 * w)) | ((v & m4) << 32);
    // in each 32-bit lane: the first 2 fields low, the last 2 high
    let m2 = ((1u64 << (2 * w)) - 1) * 0x0000_0001_0000_0001;
    let y = ((x >> (2 * w)) & m2) | ((x & m2) << 16);
    // in each 16-bit lane: the first field low, the second high
    let m1 = ((1u64 << w) - 1) * 0x0001_0001_0001_0001;
    ((y >> w) & m1) | ((y & m1) << 8)
}

/// Encodes the last `nbytes` bytes of `buf` into all of `buf` a word at a
/// time: each group of `GI` input bytes becomes 8 characters of `W` bits,
/// computed together in one `u64` (one value per byte, then `chars8`) and
/// stored at once.  The bytes left over (fewer than `GI`) go through
/// [`encode_groups`].  In place: group `g` is read before its 8 characters
/// are written, and they end at `8(g+1) <= start + GI(g+1)` (the next unread
/// input), because `8/GI` characters per byte is the encoding's own rate.
#[inline(always)]
fn encode_words<const GI: usize, const W: u32>(
    buf: &mut [u8],
    nbytes: usize,
    chars8: impl Fn(u64) -> u64,
    tail: impl Fn(&mut [u8], usize),
) {
    let start = buf.len() - nbytes;
    let full = nbytes / GI;
    let keep = !0u64 << (64 - 8 * GI); // the group's bytes, left-aligned
    for g in 0..full {
        let at = start + g * GI;
        // big-endian, left-aligned; one 8-byte load where the buffer has
        // room (the bytes past the group are masked off), else byte by byte
        let acc = match buf.get(at..at + 8) {
            Some(w) => u64::from_be_bytes(w.try_into().unwrap_or([0; 8])) & keep,
            None => {
                let mut acc = 0u64;
                for i in 0..GI {
                    acc |= (buf[at + i] as u64) << (56 - 8 * i);
                }
                acc
            }
        };
        buf[8 * g..8 * g + 8].copy_from_slice(&chars8(fields8::<W>(acc)).to_le_bytes());
    }
    let rest = nbytes - full * GI;
    tail(&mut buf[8 * full..], rest);
}

/// Which implementation of the encoders runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncoderPath {
    /// The portable word (SWAR) path, on every target.
    Portable,
    /// The vector path where this target and CPU have it (x86-64: SSE2 for
    /// hex, SSSE3 for base64, base64url and base32), else the portable one.
    Simd,
}

impl EncoderPath {
    /// The fastest path: the vector one where there is one.
    #[inline]
    pub fn best() -> Self {
        if cfg!(target_arch = "x86_64") {
            EncoderPath::Simd
        } else {
            EncoderPath::Portable
        }
    }

    /// Whether `Simd` really runs vector code for `enc` here (for tests).
    #[cfg(any(test, feature = "testing"))]
    pub fn simd_available(enc: Encoding) -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            enc == Encoding::Hex || x86::has_ssse3()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = enc;
            false
        }
    }
}

/// Hex on `path` (see [`Encoding::encode_tail_in_place_on`]).
#[inline(always)]
fn encode_hex(path: EncoderPath, buf: &mut [u8], nbytes: usize) {
    #[cfg(target_arch = "x86_64")]
    if path == EncoderPath::Simd {
        // the vector path does all but the last nbytes % 8 bytes
        let done = x86::encode_hex(buf, nbytes);
        return encode_hex_words(&mut buf[2 * done..], nbytes - done);
    }
    let _ = path;
    encode_hex_words(buf, nbytes)
}

/// Base64 with the characters `C62`, `C63` (unpadded) on `path`.
#[inline(always)]
fn encode_base64<const C62: u8, const C63: u8>(path: EncoderPath, buf: &mut [u8], nbytes: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSSE3 is present (checked just before).
    if path == EncoderPath::Simd
        && x86::has_ssse3()
        && unsafe { x86::encode_base64(buf, nbytes, C62, C63) }
    {
        return;
    }
    let _ = path;
    encode_words::<6, 6>(buf, nbytes, base64_digits8::<C62, C63>, |b, n| {
        encode_groups::<3, 4, 6>(b, n, base64_digit::<C62, C63>)
    })
}

/// Base32 (unpadded) on `path`.
#[inline(always)]
fn encode_base32(path: EncoderPath, buf: &mut [u8], nbytes: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSSE3 is present (checked just before).
    if path == EncoderPath::Simd && x86::has_ssse3() && unsafe { x86::encode_base32(buf, nbytes) } {
        return;
    }
    let _ = path;
    encode_words::<5, 5>(buf, nbytes, base32_chars8, |b, n| {
        encode_groups::<5, 8, 5>(b, n, base32_char)
    })
}

impl Encoding {
    /// The encoding whose discriminant (`enc as u8`) is `v`; the first one
    /// for any other value.
    #[inline(always)]
    pub const fn from_u8(v: u8) -> Encoding {
        match v {
            v if v == Encoding::Base64Url as u8 => Encoding::Base64Url,
            v if v == Encoding::Base64 as u8 => Encoding::Base64,
            v if v == Encoding::Base32 as u8 => Encoding::Base32,
            _ => Encoding::Hex,
        }
    }

    /// Characters for `nbytes` bytes, or `None` if it overflows `usize`.
    pub const fn encoded_len(self, nbytes: usize) -> Option<usize> {
        let extra = match self {
            Encoding::Hex => nbytes,
            // ceil(4n/3) = n + ceil(n/3)
            Encoding::Base64Url => nbytes / 3 + !nbytes.is_multiple_of(3) as usize,
            // 4*ceil(n/3) = n + ceil(n/3) + the padding, (3 - n % 3) % 3
            Encoding::Base64 => {
                nbytes / 3 + !nbytes.is_multiple_of(3) as usize + (3 - nbytes % 3) % 3
            }
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
    #[cfg(any(test, feature = "testing"))]
    pub fn encode_tail_in_place(self, buf: &mut [u8], nbytes: usize) {
        self.encode_tail_in_place_on(EncoderPath::best(), buf, nbytes)
    }

    /// [`Self::encode_tail_in_place`] on a chosen path (every path writes
    /// the same text).
    pub fn encode_tail_in_place_on(self, path: EncoderPath, buf: &mut [u8], nbytes: usize) {
        debug_assert_eq!(Some(buf.len()), self.encoded_len(nbytes));
        match self {
            Encoding::Hex => encode_hex(path, buf, nbytes),
            Encoding::Base64Url => encode_base64::<b'-', b'_'>(path, buf, nbytes),
            Encoding::Base64 => {
                // the unpadded text, then '=': move the input to the end of
                // the unpadded part (at most 2 bytes left), encode there, pad
                let pad = (3 - nbytes % 3) % 3;
                let unpadded = buf.len() - pad;
                buf.copy_within(buf.len() - nbytes.., unpadded - nbytes);
                encode_base64::<b'+', b'/'>(path, &mut buf[..unpadded], nbytes);
                buf[unpadded..].fill(b'=');
            }
            Encoding::Base32 => encode_base32(path, buf, nbytes),
        }
    }
}

/// Fills `out` with random bytes from `src`: one request, or, for a request
/// large enough that a keystream beats the source (see [`crate::keystream`]),
/// one 32-byte request that keys a stream cipher for this call only.
#[inline]
fn fill_random<S: RandomSource>(src: &mut S, out: &mut [u8]) -> Result<()> {
    if crate::keystream::is_bulk(out.len()) {
        crate::keystream::fill_bulk(out, |key| src.fill(key))
    } else {
        src.fill(out)
    }
}

/// Fills `out` with random bytes (one OS request; see [`fill_random`]).
#[inline]
pub fn token_bytes<S: RandomSource>(mut src: S, out: &mut [u8]) -> Result<()> {
    fill_random(&mut src, out)
}

/// Writes the encoding of `nbytes` random bytes into `text`, which must be
/// exactly `enc.encoded_len(nbytes)` bytes (no NUL).  One OS request.
pub fn token_text<S: RandomSource>(
    src: S,
    enc: Encoding,
    text: &mut [u8],
    nbytes: usize,
) -> Result<()> {
    token_text_on(src, enc, EncoderPath::best(), text, nbytes)
}

/// [`token_text`] with the encoder on a chosen path (the verification
/// programs check each one).
pub fn token_text_on<S: RandomSource>(
    mut src: S,
    enc: Encoding,
    path: EncoderPath,
    text: &mut [u8],
    nbytes: usize,
) -> Result<()> {
    if enc.encoded_len(nbytes) != Some(text.len()) {
        return Err(Error::Internal);
    }
    let start = text.len() - nbytes;
    fill_random(&mut src, &mut text[start..])?;
    enc.encode_tail_in_place_on(path, text, nbytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::testing::{Counting, Script};
    use base64::Engine;

    const PATHS: [EncoderPath; 2] = [EncoderPath::Portable, EncoderPath::Simd];
    const ENCODINGS: [Encoding; 4] = [
        Encoding::Hex,
        Encoding::Base64Url,
        Encoding::Base64,
        Encoding::Base32,
    ];

    fn encode_on(path: EncoderPath, enc: Encoding, data: &[u8]) -> String {
        let len = enc.encoded_len(data.len()).unwrap();
        let mut buf = vec![0u8; len];
        buf[len - data.len()..].copy_from_slice(data);
        enc.encode_tail_in_place_on(path, &mut buf, data.len());
        String::from_utf8(buf).unwrap()
    }

    fn encode(enc: Encoding, data: &[u8]) -> String {
        let len = enc.encoded_len(data.len()).unwrap();
        let mut buf = vec![0u8; len];
        buf[len - data.len()..].copy_from_slice(data);
        enc.encode_tail_in_place(&mut buf, data.len());
        String::from_utf8(buf).unwrap()
    }

    /// The reference encoding of `data` (the `hex` and `base64` crates, the
    /// RFC 4648 base32 below).
    fn reference(enc: Encoding, data: &[u8]) -> String {
        match enc {
            Encoding::Hex => hex::encode(data),
            Encoding::Base64Url => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(data),
            Encoding::Base64 => base64::engine::general_purpose::STANDARD.encode(data),
            Encoding::Base32 => base32_reference(data),
        }
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
    fn encodings_round_trip_through_their_discriminants() {
        for enc in ENCODINGS {
            assert_eq!(Encoding::from_u8(enc as u8), enc);
        }
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
    fn word_char_functions_agree_with_the_byte_ones() {
        let lanes = |f: &dyn Fn(u64) -> u64, vals: &[u8]| -> Vec<u8> {
            let mut out = Vec::new();
            for chunk in vals.chunks(8) {
                let mut w = [0u8; 8];
                w[..chunk.len()].copy_from_slice(chunk);
                out.extend_from_slice(&f(u64::from_le_bytes(w)).to_le_bytes()[..chunk.len()]);
            }
            out
        };
        let all = |n: u8| (0..n).collect::<Vec<u8>>();
        let byte = |f: fn(u32) -> u8, n: u8| (0..n).map(|v| f(v as u32)).collect::<Vec<u8>>();
        assert_eq!(lanes(&hex_chars8, &all(16)), byte(hex_char, 16));
        assert_eq!(lanes(&base32_chars8, &all(32)), byte(base32_char, 32));
        assert_eq!(lanes(&base64url_chars8, &all(64)), byte(base64url_char, 64));
        assert_eq!(lanes(&base64_chars8, &all(64)), byte(base64_char, 64));
        // every value in every lane, neighbours at the extremes
        for v in 0..64u8 {
            for lane in 0..8 {
                for other in [0u8, 63] {
                    let mut w = [other; 8];
                    w[lane] = v;
                    let got = base64url_chars8(u64::from_le_bytes(w)).to_le_bytes();
                    assert_eq!(got[lane], base64url_char(v as u32), "v={v} lane={lane}");
                }
            }
        }
    }

    #[test]
    fn hex16_words_is_the_hex_of_sixteen_bytes_on_every_path() {
        let mut data = [0u8; 16];
        for round in 0..200 {
            crate::entropy::OsSource.fill(&mut data).unwrap();
            if round < 2 {
                data = [[0u8; 16], [0xff; 16]][round];
            }
            let x0 = u64::from_le_bytes(data[..8].try_into().unwrap());
            let x1 = u64::from_le_bytes(data[8..].try_into().unwrap());
            for path in PATHS {
                let words = hex16_words(path, x0, x1);
                let text: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
                assert_eq!(text, hex::encode(data).into_bytes(), "{path:?}");
            }
        }
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
    fn the_simd_path_runs_where_the_cpu_has_it() {
        #[cfg(target_arch = "x86_64")]
        {
            assert_eq!(EncoderPath::best(), EncoderPath::Simd);
            assert!(
                EncoderPath::simd_available(Encoding::Hex),
                "SSE2 is baseline"
            );
            let ssse3 = std::arch::is_x86_feature_detected!("ssse3");
            for enc in [Encoding::Base64Url, Encoding::Base64, Encoding::Base32] {
                assert_eq!(EncoderPath::simd_available(enc), ssse3, "{enc:?}");
            }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            assert_eq!(EncoderPath::best(), EncoderPath::Portable);
            assert!(ENCODINGS.iter().all(|&e| !EncoderPath::simd_available(e)));
        }
    }

    /// Every path against the reference crates and against each other, for
    /// every length 0..=200 (every remainder of every block size, with 0 to
    /// 20 whole blocks), with random data, all zeros, all ones and a ramp.
    #[test]
    fn every_path_matches_the_references_for_every_length() {
        for n in 0..=200usize {
            let mut random = vec![0u8; n];
            crate::entropy::OsSource.fill(&mut random).unwrap();
            let ramp: Vec<u8> = (0..n).map(|i| (i * 37 + 11) as u8).collect();
            for data in [random, vec![0; n], vec![0xff; n], ramp] {
                for enc in ENCODINGS {
                    let want = reference(enc, &data);
                    for path in PATHS {
                        assert_eq!(encode_on(path, enc, &data), want, "{enc:?} {path:?} n={n}");
                    }
                }
            }
        }
    }

    /// Each 6-bit (5-bit, 4-bit) value in each lane of a vector block: a
    /// block of zeros with one input group set to every value pattern, so
    /// every character of every class lands in every output position.
    #[test]
    fn every_value_in_every_position_on_every_path() {
        for enc in ENCODINGS {
            for n in [16usize, 24, 30, 36, 40] {
                for at in 0..n {
                    for v in 0..=255u8 {
                        let mut data = vec![0u8; n];
                        data[at] = v;
                        if at + 1 < n {
                            data[at + 1] = v.rotate_left(3);
                        }
                        let want = reference(enc, &data);
                        for path in PATHS {
                            assert_eq!(encode_on(path, enc, &data), want, "{enc:?} {path:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn token_text_on_each_path_is_one_request() {
        for path in PATHS {
            for enc in ENCODINGS {
                for n in [0usize, 1, 15, 16, 32, 33, 100] {
                    let len = enc.encoded_len(n).unwrap();
                    let mut c = Counting::default();
                    let mut text = vec![0u8; len];
                    token_text_on(&mut c, enc, path, &mut text, n).unwrap();
                    assert_eq!((c.requests, c.bytes), (1, n));
                    let data: Vec<u8> = (0..n as u8).collect();
                    let mut s = Script::new(data.clone());
                    token_text_on(&mut s, enc, path, &mut text, n).unwrap();
                    assert_eq!(text, reference(enc, &data).into_bytes(), "{enc:?} {path:?}");
                }
            }
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
        // a bulk request costs one 32-byte request (the per-call key)
        let mut c = Counting::default();
        let mut big = vec![0u8; 1 << 20];
        token_bytes(&mut c, &mut big).unwrap();
        assert_eq!((c.requests, c.bytes), (1, 32));
        let mut c = Counting::default();
        let mut text = vec![0u8; 2 << 20];
        token_text(&mut c, Encoding::Hex, &mut text, 1 << 20).unwrap();
        assert_eq!((c.requests, c.bytes), (1, 32));
        let mut b = [0u8; 3];
        assert_eq!(
            token_bytes(&mut Script::new(vec![]), &mut b),
            Err(crate::Error::EntropyUnavailable)
        );
    }

    /// Encoder cost alone (no randomness): `cargo test --release --lib
    /// token::tests::measure_encoders -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn measure_encoders() {
        for (enc, path) in ENCODINGS.iter().flat_map(|&e| PATHS.map(|p| (e, p))) {
            let n = 32;
            let len = enc.encoded_len(n).unwrap();
            let mut buf = vec![0x5au8; len];
            // many short rounds, the fastest kept: the machine is shared
            let iters = 10_000u32;
            let mut best = f64::MAX;
            for _ in 0..400 {
                let t = std::time::Instant::now();
                for _ in 0..iters {
                    enc.encode_tail_in_place_on(path, core::hint::black_box(&mut buf), n);
                }
                best = best.min(t.elapsed().as_nanos() as f64 / iters as f64);
            }
            println!("{enc:?} of {n} bytes, {path:?}: {best:.1} ns");
        }
    }
}
