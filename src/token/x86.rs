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
//! ends at the end of the buffer, taken before anything is stored; their
//! characters are moved to the end of the vector and stored as the last 16
//! bytes, before the last whole block, whose store then overwrites the lanes
//! in front of them (see `encode_blocks`).  Buffers shorter than 16 bytes
//! are left to the word path.

use core::arch::x86_64::*;

cpufeatures::new!(ssse3_cpuid, "ssse3");

/// Whether this CPU has SSSE3 (the base64 and base32 vector paths).
#[inline]
pub(super) fn has_ssse3() -> bool {
    ssse3_cpuid::get()
}

/// 16 bytes of `buf` from `at`, as two 8-byte loads.  The vDSO's
/// `getrandom` writes its output with 8-byte stores from the start of the
/// request, and they may still be in the store buffer when the encoder
/// reads them: a load that matches one store is forwarded from it, while a
/// 16-byte load across two must wait until both reach the cache (measured
/// on the development machine: `token_hex(32)` a few ns faster).  The fence
/// keeps the compiler from merging the two loads back into one; it emits
/// no instruction.
#[inline(always)]
unsafe fn load8x2(buf: &[u8], at: usize) -> __m128i {
    let lo: &[u8; 8] = buf[at..at + 8]
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    let hi: &[u8; 8] = buf[at + 8..at + 16]
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    let a = _mm_loadl_epi64(lo.as_ptr().cast());
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
    let b = _mm_loadl_epi64(hi.as_ptr().cast());
    _mm_unpacklo_epi64(a, b)
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
            let (a, b) = hex16(load8x2(buf, start + 16 * g));
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

/// `pshufb` masks for a block whose input starts at byte `k` of the loaded
/// vector, for every `k` in 0..=16: row `k` is `base` plus `k`, an index
/// past the vector made 0x80 (`pshufb` then gives 0: the zero bits that pad
/// a partial last group).  Rows are chosen by lengths only (public).
const fn shifted_rows(base: [u8; 16]) -> [[u8; 16]; 17] {
    let mut rows = [[0u8; 16]; 17];
    let mut k = 0;
    while k <= 16 {
        let mut j = 0;
        while j < 16 {
            let i = base[j] as usize + k;
            rows[k][j] = if i < 16 { i as u8 } else { 0x80 };
            j += 1;
        }
        k += 1;
    }
    rows
}

/// `pshufb` masks that move the first `c` bytes of a vector to its end
/// (row `c`, 0..=16), zero before them.
const fn to_end_rows() -> [[u8; 16]; 17] {
    let mut rows = [[0x80u8; 16]; 17];
    let mut c = 0;
    while c <= 16 {
        let mut j = 16 - c;
        while j < 16 {
            rows[c][j] = (j - (16 - c)) as u8;
            j += 1;
        }
        c += 1;
    }
    rows
}

static TO_END: [[u8; 16]; 17] = to_end_rows();

/// Base64: 32-bit lane `i` gathers bytes b, a, c, b of 3-byte group `i`.
static BASE64_SHUF: [[u8; 16]; 17] =
    shifted_rows([1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10]);

/// Base32: 16-bit lane `i` gathers bytes `a, a+1` of a 5-byte group
/// (`a = 5i / 8`), `a` in the high byte; group 0, then group 1.
static BASE32_SHUF0: [[u8; 16]; 17] =
    shifted_rows([1, 0, 1, 0, 2, 1, 2, 1, 3, 2, 4, 3, 4, 3, 5, 4]);
static BASE32_SHUF1: [[u8; 16]; 17] =
    shifted_rows([6, 5, 6, 5, 7, 6, 7, 6, 8, 7, 9, 8, 9, 8, 10, 9]);

/// Row `k` of a mask table, as a vector (`k` is public: a length).
#[inline(always)]
unsafe fn row(table: &[[u8; 16]; 17], k: usize) -> __m128i {
    _mm_loadu_si128(table[k].as_ptr().cast())
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
/// (`shuf`: row `k` of [`BASE64_SHUF`]), `lut` from [`base64_lut`].
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
    // one 6-bit value per byte; its class, then its offset, in registers
    let idx = _mm_or_si128(t1, t3);
    let class = _mm_subs_epu8(idx, _mm_set1_epi8(51));
    let below26 = _mm_cmpgt_epi8(_mm_set1_epi8(26), idx);
    let class = _mm_or_si128(class, _mm_and_si128(below26, _mm_set1_epi8(13)));
    _mm_add_epi8(idx, _mm_shuffle_epi8(lut, class))
}

/// 16 base32 characters of the 10 input bytes at bytes `k..k + 10` of `v`
/// (`s0`, `s1`: row `k` of [`BASE32_SHUF0`], [`BASE32_SHUF1`]).
#[target_feature(enable = "ssse3")]
#[inline]
unsafe fn base32_block(v: __m128i, s0: __m128i, s1: __m128i, m: __m128i) -> __m128i {
    let f = _mm_set1_epi16(31);
    let a = _mm_and_si128(_mm_mulhi_epu16(_mm_shuffle_epi8(v, s0), m), f);
    let b = _mm_and_si128(_mm_mulhi_epu16(_mm_shuffle_epi8(v, s1), m), f);
    // one 5-bit value per byte: 'A' + x below 26, '2' + (x - 26) from 26
    let x = _mm_packus_epi16(a, b);
    let over25 = _mm_cmpgt_epi8(x, _mm_set1_epi8(25));
    let c = _mm_add_epi8(x, _mm_set1_epi8(b'A' as i8));
    _mm_add_epi8(c, _mm_and_si128(over25, _mm_set1_epi8(-41)))
}

/// A vector encoder of `GI`-byte blocks into 16 characters.
trait Blocks {
    /// Input bytes per block.
    const GI: usize;
    /// The 16 characters of the `GI` input bytes at `k..k + GI` of `v`
    /// (zero past the vector).
    ///
    /// # Safety
    /// The CPU must have SSSE3.
    unsafe fn block(&self, v: __m128i, k: usize) -> __m128i;
    /// Characters of the last `r < GI` bytes.
    fn tail_chars(r: usize) -> usize;
}

/// Base64 with its offset table and multiplier (see [`base64_block`]).
struct Base64 {
    lut: __m128i,
    mulhi: __m128i,
}

impl Blocks for Base64 {
    const GI: usize = 12;
    #[target_feature(enable = "ssse3")]
    #[inline]
    unsafe fn block(&self, v: __m128i, k: usize) -> __m128i {
        base64_block(v, row(&BASE64_SHUF, k), self.lut, self.mulhi)
    }
    fn tail_chars(r: usize) -> usize {
        (4 * r).div_ceil(3)
    }
}

/// Base32 with its multipliers (see [`base32_block`]).
struct Base32 {
    m: __m128i,
}

impl Blocks for Base32 {
    const GI: usize = 10;
    #[target_feature(enable = "ssse3")]
    #[inline]
    unsafe fn block(&self, v: __m128i, k: usize) -> __m128i {
        base32_block(v, row(&BASE32_SHUF0, k), row(&BASE32_SHUF1, k), self.m)
    }
    fn tail_chars(r: usize) -> usize {
        (8 * r).div_ceil(5)
    }
}

/// The in-place driver of the SSSE3 encoders: blocks of `B::GI` input bytes
/// become 16 characters each; the last `r < B::GI` bytes become
/// `B::tail_chars(r)` characters.  Returns false, having done nothing, when
/// `buf` is shorter than 16 bytes (the caller's word path does it).
///
/// Block `g` is loaded from its input offset rounded down to a multiple of
/// 8 (see [`load8x2`]), or from the 16 bytes that end the buffer when that
/// would pass the end.  The last bytes: their text is the last `c` characters of `buf`, from
/// `len - c = 16 * full`.  They are loaded first (the 16 bytes that end the
/// buffer; nothing is stored before), encoded, moved to the end of the
/// vector and stored as the last 16 bytes of `buf`, after every input byte
/// has been loaded and before the last whole block is stored: that store
/// then overwrites the lanes in front of the tail's characters.
#[target_feature(enable = "ssse3")]
#[inline]
unsafe fn encode_blocks<B: Blocks>(enc: &B, buf: &mut [u8], nbytes: usize) -> bool {
    let len = buf.len();
    let full = nbytes / B::GI;
    // len >= 16 implies full >= 1 (11 base64 bytes or 9 base32 bytes make at
    // most 15 characters); both are checked all the same
    if len < 16 || full == 0 {
        return false;
    }
    let start = len - nbytes;
    let r = nbytes - B::GI * full;
    let tail_in = load8x2(buf, len - 16);
    // every store of block g ends at 16(g+1) <= start + GI(g+1), the next
    // unread input (16/GI characters per byte is the encoding's rate)
    let mut last = _mm_setzero_si128();
    for g in 0..full {
        let at = start + B::GI * g;
        let from = (start + ((B::GI * g) & !7)).min(len - 16);
        let chars = enc.block(load8x2(buf, from), at - from);
        if g + 1 < full {
            store(buf, 16 * g, chars);
        } else {
            last = chars;
        }
    }
    if r > 0 {
        let chars = enc.block(tail_in, 16 - r);
        let moved = _mm_shuffle_epi8(chars, row(&TO_END, B::tail_chars(r)));
        store(buf, len - 16, moved);
    }
    store(buf, 16 * (full - 1), last);
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
    let enc = Base64 {
        lut: base64_lut(c62, c63),
        // opaque, so that the compiler keeps one `pmulhuw` instead of
        // rewriting it as a longer sequence of shifts and packs
        mulhi: core::hint::black_box(_mm_set1_epi32(0x0400_0040)),
    };
    encode_blocks(&enc, buf, nbytes)
}

/// Base32 of the last `nbytes` bytes of `buf` into all of `buf`
/// (`ceil(8 * nbytes / 5)` bytes, unpadded).  Returns false, having done
/// nothing, when `buf` is shorter than 16 bytes.
///
/// # Safety
/// The CPU must have SSSE3 ([`has_ssse3`]).
#[target_feature(enable = "ssse3")]
pub(super) unsafe fn encode_base32(buf: &mut [u8], nbytes: usize) -> bool {
    let enc = Base32 {
        // field i starts at bit 5i mod 8 of its lane's high byte: shift each
        // lane right by 11 - that (11, 6, 9, 4, 7, 10, 5, 8), as a high
        // multiply by 2^(16 - shift) (opaque: one `pmulhuw`, not a sequence
        // of shifts)
        m: core::hint::black_box(_mm_setr_epi16(32, 1024, 128, 4096, 512, 64, 2048, 256)),
    };
    encode_blocks(&enc, buf, nbytes)
}
