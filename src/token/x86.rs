//! The x86-64 vector path of the encoders (the portable word path in
//! `token.rs` is the fallback and the reference).
//!
//! * Hex uses SSE2 only, part of the x86-64 baseline: the 16 bytes of a
//!   vector are split into nibbles, each nibble becomes a digit by a compare
//!   and an add, and the two digit vectors are interleaved.
//! * Base64, base64url and base32 need SSSE3 (`pshufb`), detected at run time
//!   through `cpufeatures` (a cached `cpuid` in an atomic byte: no allocation,
//!   no lock, async-signal-safe).  A `pshufb` gathers the input bytes of each
//!   output character into a 16-bit lane, multiplications by powers of two
//!   (`pmulhuw`, `pmullw`) move the bit fields into place (the technique of
//!   Muła and Lemire, "Faster Base64 Encoding and Decoding using AVX2
//!   Instructions", 2018), and a second `pshufb` on a 16-byte constant held
//!   in a register turns each value into its character offset.
//!
//! Constant time: no branch depends on the data, and every lookup is a
//! `pshufb` into a register, never a load from memory at a data-dependent
//! address.  Only the lengths (public) choose loads, stores and shuffle
//! masks.
//!
//! In place, like the word path: the input is the tail of the buffer and the
//! text is written forwards over it.  Each block is loaded before its
//! characters are stored, and a store of 16 characters never reaches input
//! that is still unread (the encoding's own rate, as in `encode_words`).  The
//! last bytes, fewer than a block, are encoded from one 16-byte load that
//! ends at the end of the buffer: their characters are moved to the end of
//! the vector and blended with the text already written before them, and the
//! 16 bytes are stored back.  Buffers shorter than 16 bytes are left to the
//! word path.

use core::arch::x86_64::*;

cpufeatures::new!(ssse3_cpuid, "ssse3");

/// Whether this CPU has SSSE3 (the base64 and base32 vector paths).
#[inline]
pub(super) fn has_ssse3() -> bool {
    ssse3_cpuid::get()
}

/// 16 bytes of `buf` from `at`, unaligned.
#[inline(always)]
unsafe fn load(buf: &[u8], at: usize) -> __m128i {
    let src: &[u8; 16] = buf[at..at + 16]
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    _mm_loadu_si128(src.as_ptr().cast())
}

/// Stores `v` at `buf[at..at + 16]`, unaligned.
#[inline(always)]
unsafe fn store(buf: &mut [u8], at: usize, v: __m128i) {
    let dst: &mut [u8; 16] = (&mut buf[at..at + 16])
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    _mm_storeu_si128(dst.as_mut_ptr().cast(), v)
}

/// The hex digits of the 16 bytes of `v`: (digits of bytes 0..8, digits of
/// bytes 8..16), high nibble first.  SSE2.
#[inline(always)]
unsafe fn hex16(v: __m128i) -> (__m128i, __m128i) {
    let nib = _mm_set1_epi8(0x0f);
    let hi = _mm_and_si128(_mm_srli_epi16(v, 4), nib);
    let lo = _mm_and_si128(v, nib);
    let (h, l) = (hex_digits(hi), hex_digits(lo));
    (_mm_unpacklo_epi8(h, l), _mm_unpackhi_epi8(h, l))
}

/// '0' + n, plus 39 more for 10..15 ('a' - '0' - 10), in every byte.
#[inline(always)]
unsafe fn hex_digits(n: __m128i) -> __m128i {
    let over9 = _mm_cmpgt_epi8(n, _mm_set1_epi8(9));
    let d = _mm_add_epi8(n, _mm_set1_epi8(b'0' as i8));
    _mm_add_epi8(d, _mm_and_si128(over9, _mm_set1_epi8(39)))
}

/// The 32 hex digits of the 16 bytes `x0` (bytes 0..8, little-endian) and
/// `x1` (bytes 8..16), as four little-endian words of 8 digits each.
#[inline]
pub(super) fn hex16_words(x0: u64, x1: u64) -> [u64; 4] {
    // SAFETY: SSE2 is part of the x86-64 baseline; no memory is accessed.
    unsafe {
        let (a, b) = hex16(_mm_set_epi64x(x1 as i64, x0 as i64));
        [
            _mm_cvtsi128_si64(a) as u64,
            _mm_cvtsi128_si64(_mm_unpackhi_epi64(a, a)) as u64,
            _mm_cvtsi128_si64(b) as u64,
            _mm_cvtsi128_si64(_mm_unpackhi_epi64(b, b)) as u64,
        ]
    }
}

/// Hex of the last `nbytes` bytes of `buf` into all of `buf` (`2 * nbytes`
/// bytes), 16 bytes per step, then one step of 8; returns the number of
/// input bytes encoded (the rest, fewer than 8, is the caller's: its input
/// is the tail of `buf`, its text goes at `2 * returned`).
#[inline]
pub(super) fn encode_hex(buf: &mut [u8], nbytes: usize) -> usize {
    let start = buf.len() - nbytes;
    let full = nbytes / 16;
    // SAFETY: SSE2 is part of the x86-64 baseline; every load and store is
    // through a bounds-checked slice.
    unsafe {
        for g in 0..full {
            // reads input 16g..16g+16; writes text 32g..32g+32, which ends at
            // or before start + 16(g+1), the next unread input
            let (a, b) = hex16(load(buf, start + 16 * g));
            store(buf, 32 * g, a);
            store(buf, 32 * g + 16, b);
        }
        let mut done = 16 * full;
        if nbytes - done >= 8 {
            let at = start + done;
            let x: &[u8; 8] = buf[at..at + 8]
                .try_into()
                .unwrap_or_else(|_| unreachable!());
            let (a, _) = hex16(_mm_loadl_epi64(x.as_ptr().cast()));
            store(buf, 2 * done, a);
            done += 8;
        }
        done
    }
}

/// The shuffle `base` for a block whose input starts at byte `k` of the
/// loaded vector; an index past the vector becomes 0x80 (`pshufb` then
/// gives 0: the zero bits that pad a partial last group).
#[inline(always)]
unsafe fn shifted(base: __m128i, k: usize) -> __m128i {
    let idx = _mm_add_epi8(base, _mm_set1_epi8(k as i8));
    _mm_or_si128(idx, _mm_cmpgt_epi8(idx, _mm_set1_epi8(15)))
}

/// Base64 offsets by class (`pshufb` table): index 0 for 26..51, 1..10 for
/// 52..61, 11 for 62, 12 for 63, 13 for 0..25.
#[inline(always)]
unsafe fn base64_lut(c62: u8, c63: u8) -> __m128i {
    let d = (b'0' as i8).wrapping_sub(52);
    _mm_setr_epi8(
        b'a' as i8 - 26,
        d,
        d,
        d,
        d,
        d,
        d,
        d,
        d,
        d,
        d,
        (c62 as i8).wrapping_sub(62),
        (c63 as i8).wrapping_sub(63),
        b'A' as i8,
        0,
        0,
    )
}

/// 16 base64 characters of the 12 input bytes at bytes `k..k + 12` of `v`
/// (`shuf` from [`shifted`]), `lut` from [`base64_lut`].
#[target_feature(enable = "ssse3")]
#[inline]
unsafe fn base64_block(v: __m128i, shuf: __m128i, lut: __m128i, mulhi: __m128i) -> __m128i {
    // each 32-bit lane: input bytes b, a, c, b of one 3-byte group
    let inp = _mm_shuffle_epi8(v, shuf);
    // fields 0 and 2 to the low bits of their 16-bit lanes ...
    let t0 = _mm_and_si128(inp, _mm_set1_epi32(0x0fc0_fc00));
    let t1 = _mm_mulhi_epu16(t0, mulhi);
    // ... fields 1 and 3 to the high bytes
    let t2 = _mm_and_si128(inp, _mm_set1_epi32(0x003f_03f0));
    let t3 = _mm_mullo_epi16(t2, _mm_set1_epi32(0x0100_0010));
    let idx = _mm_or_si128(t1, t3); // one 6-bit value per byte
                                    // the class of each value, then its offset, in registers
    let class = _mm_subs_epu8(idx, _mm_set1_epi8(51));
    let below26 = _mm_cmpgt_epi8(_mm_set1_epi8(26), idx);
    let class = _mm_or_si128(class, _mm_and_si128(below26, _mm_set1_epi8(13)));
    _mm_add_epi8(idx, _mm_shuffle_epi8(lut, class))
}

/// The gathers of base32: 16-bit lane `i` of group `j` holds input bytes
/// `a, a+1` of 5-byte group `j` (`a = 5i / 8`), `a` in the high byte.
#[inline(always)]
unsafe fn base32_shuffles() -> (__m128i, __m128i) {
    let g0 = _mm_setr_epi8(1, 0, 1, 0, 2, 1, 2, 1, 3, 2, 4, 3, 4, 3, 5, 4);
    (g0, _mm_add_epi8(g0, _mm_set1_epi8(5)))
}

/// 16 base32 characters of the 10 input bytes at bytes `k..k + 10` of `v`
/// (`s0`, `s1`: [`base32_shuffles`] through [`shifted`]).
#[target_feature(enable = "ssse3")]
#[inline]
unsafe fn base32_block(v: __m128i, s0: __m128i, s1: __m128i, m: __m128i) -> __m128i {
    let f = _mm_set1_epi16(31);
    let a = _mm_and_si128(_mm_mulhi_epu16(_mm_shuffle_epi8(v, s0), m), f);
    let b = _mm_and_si128(_mm_mulhi_epu16(_mm_shuffle_epi8(v, s1), m), f);
    let x = _mm_packus_epi16(a, b); // one 5-bit value per byte
                                    // 'A' + x below 26, '2' + (x - 26) from 26
    let over25 = _mm_cmpgt_epi8(x, _mm_set1_epi8(25));
    let c = _mm_add_epi8(x, _mm_set1_epi8(b'A' as i8));
    _mm_add_epi8(c, _mm_and_si128(over25, _mm_set1_epi8(-41)))
}

/// The in-place driver of the SSSE3 encoders: blocks of `GI` input bytes
/// become 16 characters each (`block(v, k)` encodes the `GI` bytes at
/// `k..k + GI` of `v`, zero past the vector); the last `r < GI` bytes
/// become `tail_chars(r)` characters.  Returns false, having done nothing,
/// when `buf` is shorter than 16 bytes (the caller's word path does it).
#[inline(always)]
unsafe fn encode_blocks<const GI: usize>(
    buf: &mut [u8],
    nbytes: usize,
    block: impl Fn(__m128i, usize) -> __m128i,
    tail_chars: impl Fn(usize) -> usize,
) -> bool {
    let len = buf.len();
    if len < 16 {
        return false;
    }
    let start = len - nbytes;
    let full = nbytes / GI;
    let r = nbytes - GI * full;
    // the last r input bytes, which end the buffer, loaded before anything
    // is stored (no store is then forwarded into this load)
    let tail_in = load(buf, len - 16);
    // groups whose 16-byte load stays inside the buffer, then at most one
    // (GI >= 10) whose load is the 16 bytes that end it
    let direct = if nbytes >= 16 {
        ((nbytes - 16) / GI + 1).min(full)
    } else {
        0
    };
    let mut last = _mm_setzero_si128();
    for g in 0..full {
        let at = start + GI * g;
        last = if g < direct {
            block(load(buf, at), 0)
        } else {
            block(load(buf, len - 16), at - (len - 16))
        };
        // writes 16g..16g+16: at or before start + GI(g+1), the next
        // unread input (16/GI characters per byte is the encoding's rate)
        store(buf, 16 * g, last);
    }
    if r > 0 {
        // their text is the last c characters, at len-c.. (len - c is
        // 16 * full >= 16, as len >= 16): lane j of the last 16 bytes takes
        // character j - (16 - c) of the tail's block, or, below 16 - c, the
        // character already written there, from the last full block
        let c = tail_chars(r);
        let chars = block(tail_in, 16 - r);
        let iota = _mm_setr_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        let s = _mm_set1_epi8((16 - c) as i8);
        let moved = _mm_shuffle_epi8(chars, _mm_sub_epi8(iota, s));
        let kept = _mm_shuffle_epi8(last, shifted(iota, c));
        store(buf, len - 16, _mm_or_si128(kept, moved));
    }
    true
}

/// Base64 (values 62 and 63 are `c62`, `c63`) of the last `nbytes` bytes
/// of `buf` into all of `buf` (`ceil(4 * nbytes / 3)` bytes, unpadded).
/// Returns false, having done nothing, when `buf` is shorter than 16 bytes.
///
/// # Safety
/// The CPU must have SSSE3 ([`has_ssse3`]).
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn encode_base64(buf: &mut [u8], nbytes: usize, c62: u8, c63: u8) -> bool {
    let lut = base64_lut(c62, c63);
    // opaque, so that the compiler keeps one `pmulhuw` instead of
    // rewriting it as a longer sequence of shifts and packs
    let mulhi = core::hint::black_box(_mm_set1_epi32(0x0400_0040));
    let base = _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
    encode_blocks::<12>(
        buf,
        nbytes,
        |v, k| base64_block(v, shifted(base, k), lut, mulhi),
        |r| (4 * r).div_ceil(3),
    )
}

/// Base32 of the last `nbytes` bytes of `buf` into all of `buf`
/// (`ceil(8 * nbytes / 5)` bytes, unpadded).  Returns false, having done
/// nothing, when `buf` is shorter than 16 bytes.
///
/// # Safety
/// The CPU must have SSSE3 ([`has_ssse3`]).
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn encode_base32(buf: &mut [u8], nbytes: usize) -> bool {
    let (g0, g1) = base32_shuffles();
    // field i starts at bit 5i mod 8 of its lane's high byte: shift each lane
    // right by 11 - that (11, 6, 9, 4, 7, 10, 5, 8), as a high multiply by
    // 2^(16 - shift) (opaque: one `pmulhuw`, not a sequence of shifts)
    let m = core::hint::black_box(_mm_setr_epi16(32, 1024, 128, 4096, 512, 64, 2048, 256));
    encode_blocks::<10>(
        buf,
        nbytes,
        |v, k| base32_block(v, shifted(g0, k), shifted(g1, k), m),
        |r| (8 * r).div_ceil(5),
    )
}
