//! Exactly uniform integers: bounded draws, bit strings and big-endian
//! arbitrary-precision bounds, all by rejection sampling.
//!
//! Bounded draws use Lemire's multiply-and-reject method ("Fast Random Integer
//! Generation in an Interval", 2019): the high half of `x * n` is the result,
//! and the draw is rejected when the low half falls below `2^w mod n`.  This
//! is exact: every result has `floor(2^w / n)` accepted preimages.  The
//! accept/reject step is a pure function ([`lemire_accept`]) generic over the
//! word width, so the tests check it exhaustively on 8- and 16-bit words.

use crate::entropy::{Need, Rng};
use crate::error::{Error, Result};
use zeroize::Zeroize;

/// An unsigned machine word a sampler can draw.
pub trait Word: Copy + Eq + Ord + core::fmt::Debug {
    const BITS: u32;
    const BYTES: usize;
    fn to_u128(self) -> u128;
    /// Truncates to the word.
    fn from_u128(v: u128) -> Self;
    fn from_le(bytes: &[u8]) -> Self;
}

macro_rules! word {
    ($t:ty) => {
        impl Word for $t {
            const BITS: u32 = <$t>::BITS;
            const BYTES: usize = core::mem::size_of::<$t>();
            #[inline]
            fn to_u128(self) -> u128 {
                self as u128
            }
            #[inline]
            fn from_u128(v: u128) -> Self {
                v as $t
            }
            #[inline]
            fn from_le(bytes: &[u8]) -> Self {
                let mut a = [0u8; core::mem::size_of::<$t>()];
                a.copy_from_slice(bytes);
                let v = <$t>::from_le_bytes(a);
                a.zeroize();
                v
            }
        }
    };
}
word!(u8);
word!(u16);
word!(u32);
word!(u64);

/// One step of Lemire's method: `Some(x * n >> w)` if `x` is accepted for the
/// bound `n` (`n >= 1`), `None` if it must be redrawn.
#[inline]
pub fn lemire_accept<W: Word>(x: W, n: W) -> Option<W> {
    let m = x.to_u128() * n.to_u128();
    let low = m & ((1u128 << W::BITS) - 1);
    let n128 = n.to_u128();
    if low < n128 {
        // t = 2^w mod n, the number of low halves to reject
        let t = ((1u128 << W::BITS) - n128) % n128;
        if low < t {
            return None;
        }
    }
    Some(W::from_u128(m >> W::BITS))
}

/// An upper bound on the probability that one `W` draw is rejected for the
/// bound `n`: `2^w mod n` over `2^w`, bounded without a division by `n`
/// (below `n`) and by `2^w - n` (equal to it when `n > 2^(w-1)`).
#[inline]
pub fn reject_bound<W: Word>(n: u128) -> f64 {
    let full = 1u128 << W::BITS;
    if n <= 1 || n >= full {
        return 0.0;
    }
    n.min(full - n) as f64 / full as f64
}

/// The entropy need of `draws` calls of [`index_below`]`::<W>(n)`.
pub fn index_need_in<W: Word>(draws: usize, n: u128) -> Need {
    if n <= 1 {
        return Need::NONE; // a bound of 1 draws nothing
    }
    Need::tries(draws, W::BYTES, reject_bound::<W>(n))
}

/// A uniform value of `W` in `[0, n)`; `n == 0` is invalid.  Each try
/// takes the next `W::BYTES` bytes of the source (little-endian).
pub fn below<W: Word, R: Rng + ?Sized>(rng: &mut R, n: W) -> Result<W> {
    if n.to_u128() == 0 {
        return Err(Error::InvalidArgument);
    }
    loop {
        let x = match W::BYTES {
            8 => W::from_u128(rng.next_u64()? as u128),
            4 => W::from_u128(rng.next_u32()? as u128),
            _ => {
                let mut bytes = [0u8; 8];
                rng.fill_bytes(&mut bytes[..W::BYTES])?;
                let x = W::from_le(&bytes[..W::BYTES]);
                bytes.zeroize();
                x
            }
        };
        if let Some(v) = lemire_accept(x, n) {
            return Ok(v);
        }
    }
}

/// Uniform in `[0, n)` for `n >= 1`.
#[inline]
pub fn below_u64<R: Rng + ?Sized>(rng: &mut R, n: u64) -> Result<u64> {
    below::<u64, R>(rng, n)
}

/// The entropy need of one [`below_u64`]`(n)`.
pub fn below_u64_need(n: u64) -> Need {
    Need::tries(1, 8, reject_bound::<u64>(n as u128))
}

/// A uniform index in `[0, n)` for `1 <= n <= 2^W::BITS`, drawn in words of
/// type `W`: the one index helper of the crate.  A bound of 1 draws nothing
/// (Python's `_randbelow(1)` reads `getrandbits(0)`), a bound of exactly
/// `2^BITS` is one raw word (every word is a distinct index), any other
/// bound goes through [`below`].  `n == 0` is `InvalidArgument`, a bound
/// past `2^BITS` is `TooLarge`.
///
/// [`index`] chooses the word for a `usize` bound; `crate::systemrandom`
/// uses 64-bit words, and the tests use `u8` to enumerate every word.
pub fn index_below<W: Word, R: Rng + ?Sized>(rng: &mut R, n: u128) -> Result<u128> {
    let full = 1u128 << W::BITS;
    match n {
        0 => Err(Error::InvalidArgument),
        1 => Ok(0),
        n if n == full => {
            let mut bytes = [0u8; 16];
            let r = rng.fill_bytes(&mut bytes[..W::BYTES]);
            let v = W::from_le(&bytes[..W::BYTES]).to_u128();
            bytes.zeroize();
            r.map(|()| v)
        }
        n if n > full => Err(Error::TooLarge),
        n => Ok(below::<W, R>(rng, W::from_u128(n))?.to_u128()),
    }
}

/// [`index_below`] for a `usize` bound `n >= 1`, on 32-bit words when `n`
/// fits (every alphabet, word list and password position in practice),
/// else 64-bit ones.
#[inline]
pub fn index<R: Rng + ?Sized>(rng: &mut R, n: usize) -> Result<usize> {
    let v = if n as u64 <= 1 << 32 {
        index_below::<u32, R>(rng, n as u128)?
    } else {
        index_below::<u64, R>(rng, n as u128)?
    };
    Ok(v as usize)
}

/// The entropy need of `draws` calls of [`index`]`(n)`.
pub fn index_need(draws: usize, n: usize) -> Need {
    if n as u64 <= 1 << 32 {
        index_need_in::<u32>(draws, n as u128)
    } else {
        index_need_in::<u64>(draws, n as u128)
    }
}

/// Uniform in `[0, 2^k)` for `k <= 64`.
pub fn bits_u64<R: Rng + ?Sized>(rng: &mut R, k: u32) -> Result<u64> {
    match k {
        0 => Ok(0),
        1..=64 => Ok(rng.next_u64()? >> (64 - k)),
        _ => Err(Error::InvalidArgument),
    }
}

/// `ceil(k / 8)` without overflow.
#[inline]
pub const fn bytes_for_bits(k: usize) -> usize {
    k / 8 + !k.is_multiple_of(8) as usize
}

/// Fills `out` (exactly `ceil(k/8)` bytes) with a big-endian value uniform in
/// `[0, 2^k)`: the unused high bits of the first byte are cleared.
pub fn bits_be<R: Rng + ?Sized>(rng: &mut R, k: usize, out: &mut [u8]) -> Result<()> {
    debug_assert_eq!(out.len(), bytes_for_bits(k));
    if out.is_empty() {
        return Ok(());
    }
    rng.fill_bytes(out)?;
    if !k.is_multiple_of(8) {
        out[0] &= (1u8 << (k % 8)) - 1;
    }
    Ok(())
}

/// Constant-time big-endian `a < b` for equal lengths: no branch or index
/// depends on the contents (the candidate is secret once accepted).
#[inline]
pub fn ct_less_be(a: &[u8], b: &[u8]) -> bool {
    debug_assert_eq!(a.len(), b.len());
    let mut borrow: u16 = 0;
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        let d = (*x as u16).wrapping_sub(*y as u16 + borrow);
        borrow = (d >> 8) & 1;
    }
    borrow == 1
}

/// Mask for the first byte of a candidate below the significant bound `ub`:
/// candidates have the bit length of `ub - 1`, so that a power of two is
/// never rejected and any other bound rejects less than half of the draws.
#[inline]
fn first_byte_mask(ub: &[u8]) -> u8 {
    let top = if ub[1..].iter().all(|&b| b == 0) {
        ub[0] - 1 // ub - 1 borrows from the first byte
    } else {
        ub[0]
    };
    (0xffu16 >> top.leading_zeros()) as u8
}

/// The probability that one candidate for the significant big-endian bound
/// `ub` is rejected, estimated from its top 64 bits (it sizes the buffer only).
pub fn reject_probability_be(ub: &[u8]) -> f64 {
    let mut top = [0u8; 8];
    let n = ub.len().min(8);
    top[8 - n..].copy_from_slice(&ub[..n]);
    let space = (first_byte_mask(ub) as f64 + 1.0) * 256f64.powi(n as i32 - 1);
    (1.0 - u64::from_be_bytes(top) as f64 / space).max(0.0)
}

/// Strips leading zero bytes: the bound's significant bytes, or an error for zero.
pub fn significant(upper: &[u8]) -> Result<&[u8]> {
    match upper.iter().position(|&b| b != 0) {
        Some(i) => Ok(&upper[i..]),
        None => Err(Error::InvalidArgument),
    }
}

/// Bytes of a candidate drawn first: its top word, which settles acceptance
/// except when it equals the bound's top word (probability at most 2^-56).
const HEAD: usize = 8;

/// The entropy need of one `below_be(upper)`: heads of up to 8 bytes, each
/// rejected with the probability of [`reject_probability_be`], then the rest
/// of one candidate (an equal head, probability at most 2^-56, is left to
/// the refill).
pub fn below_be_need(upper: &[u8]) -> Need {
    match significant(upper) {
        Ok(ub) => {
            let head = ub.len().min(HEAD);
            Need::tries(1, head, reject_probability_be(ub)).plus(ub.len() - head)
        }
        Err(_) => Need::NONE,
    }
}

/// Writes to `out` (as long as `upper`) a big-endian value uniform in
/// `[0, upper)`; `upper` is big-endian with any number of leading zero bytes.
///
/// Rejection sampling on the bit length of `upper - 1`, deciding on the top
/// word first: a candidate whose head is below the bound's head is accepted
/// whatever its other bytes, one above it is rejected before they are drawn,
/// and only an equal head (probability at most 2^-56) compares the rest.
/// The result is exactly the candidate distribution conditioned on being
/// below the bound, as in the plain method; the comparisons are constant-time.
pub fn below_be<R: Rng + ?Sized>(rng: &mut R, upper: &[u8], out: &mut [u8]) -> Result<()> {
    debug_assert_eq!(upper.len(), out.len());
    let ub = significant(upper)?;
    let skip = upper.len() - ub.len();
    let (zeros, cand) = out.split_at_mut(skip);
    zeros.fill(0);
    let mask = first_byte_mask(ub);
    let head = ub.len().min(HEAD);
    let (ub_head, ub_tail) = ub.split_at(head);
    loop {
        let (c_head, c_tail) = cand.split_at_mut(head);
        rng.fill_bytes(c_head)?;
        c_head[0] &= mask;
        if ct_less_be(c_head, ub_head) {
            return rng.fill_bytes(c_tail);
        }
        if ct_less_be(ub_head, c_head) {
            continue;
        }
        rng.fill_bytes(c_tail)?;
        if ct_less_be(c_tail, ub_tail) {
            return Ok(());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::budget;

    fn be_bytes(upper: &[u8]) -> usize {
        budget(&[below_be_need(upper)])
    }

    /// The model for the index family: `draws` indices below `n` consume at
    /// most their budget (so one OS request), on average no more than the
    /// need's expectation, and the budget stays within the expectation plus
    /// a few dozen spare words (proportional, not 4x as it used to be).
    #[test]
    fn index_budget_matches_consumption() {
        use crate::entropy::{testing::Counting, Pool};
        struct Meter<'a, R: Rng>(&'a mut R, usize);
        impl<R: Rng> Rng for Meter<'_, R> {
            fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
                self.1 += dest.len();
                self.0.fill_bytes(dest)
            }
        }
        for n in [
            2usize,
            62,
            1000,
            3 << 30,
            (1 << 32) + 1,
            (1 << 63) + 1,
            usize::MAX,
        ] {
            for draws in [1usize, 16, 1000] {
                let need = index_need(draws, n);
                let bytes = budget(&[need]);
                let expected = need.expected_bytes();
                let mut c = Counting::default();
                let (mut total, mut worst) = (0usize, 0usize);
                let calls = 100;
                for _ in 0..calls {
                    let mut pool = Pool::new(&mut c, bytes);
                    let mut m = Meter(&mut pool, 0);
                    for _ in 0..draws {
                        assert!(index(&mut m, n).unwrap() < n);
                    }
                    total += m.1;
                    worst = worst.max(m.1);
                }
                assert_eq!(c.requests, calls, "n {n} draws {draws}");
                assert!(worst <= bytes, "n {n} draws {draws}: {worst} > {bytes}");
                let mean = total as f64 / calls as f64;
                assert!(mean <= expected * 1.05 + 8.0, "n {n} draws {draws}: {mean}");
                let sd = (draws as f64 * need.p_reject).sqrt() / (1.0 - need.p_reject);
                let spare_words = (bytes as f64 - expected) / need.try_bytes as f64;
                assert!(
                    spare_words <= 64.0 + 12.0 * sd,
                    "n {n} draws {draws}: budget {bytes} for an expected {expected}"
                );
            }
        }
    }

    /// The bound on the rejection probability is an upper bound, exact
    /// above half the word, for every 8-bit bound.
    #[test]
    fn reject_bound_is_an_upper_bound() {
        for n in 1u128..=256 {
            let exact = (256 % n) as f64 / 256.0;
            let bound = reject_bound::<u8>(n);
            assert!(exact <= bound, "{n}");
            if n > 128 {
                assert_eq!(exact, bound, "{n}");
            }
        }
        assert_eq!(index_need(1, 1), Need::NONE);
        assert_eq!(index_need(5, 62), Need::tries(5, 4, 62.0 / 4294967296.0));
        assert_eq!(index_need(5, 1 << 32).p_reject, 0.0);
        assert_eq!(index_need(5, (1 << 32) + 1).try_bytes, 8);
    }
    use crate::entropy::testing::Script;

    /// Every bound `n` of a `W`: the accepted preimages of each outcome are
    /// exactly `floor(2^w / n)`, and exactly `2^w mod n` draws are rejected.
    fn exhaustive<W: Word>(bounds: impl Iterator<Item = u128>) {
        let size = 1u128 << W::BITS;
        let mut counts = vec![0u32; size as usize];
        for n in bounds {
            counts[..n as usize].iter_mut().for_each(|c| *c = 0);
            let mut rejected = 0u128;
            for x in 0..size {
                match lemire_accept(W::from_u128(x), W::from_u128(n)) {
                    Some(v) => {
                        assert!(v.to_u128() < n, "result out of range for n={n}");
                        counts[v.to_u128() as usize] += 1;
                    }
                    None => rejected += 1,
                }
            }
            let want = (size / n) as u32;
            assert!(
                counts[..n as usize].iter().all(|&c| c == want),
                "bound {n}: not every outcome has {want} preimages"
            );
            assert_eq!(rejected, size % n, "bound {n}: rejections");
        }
    }

    #[test]
    fn lemire_is_exact_for_every_8_bit_bound() {
        exhaustive::<u8>(1..=255);
    }

    #[test]
    fn lemire_is_exact_for_16_bit_bounds() {
        // every bound would be 2^32 steps; take all small ones, all around
        // powers of two and thirds, and a stride through the rest
        let mut b: Vec<u128> = (1..=300).collect();
        for s in 2..16 {
            for d in 0..3u128 {
                b.push((1 << s) - 1 + d);
                b.push((3 << (s - 1)) - 1 + d);
            }
        }
        b.extend((301..65536).step_by(997));
        b.extend([65533, 65534, 65535, 32769, 43691, 21846]);
        b.sort();
        b.dedup();
        exhaustive::<u16>(b.into_iter());
    }

    #[test]
    fn below_redraws_rejected_words() {
        // n = 3 on u8: t = 256 mod 3 = 1; x = 0 gives a low half of 0 < 1: rejected.
        let mut s = Script::new(vec![0, 0, 255]);
        assert_eq!(below::<u8, _>(&mut s, 3).unwrap(), 2);
        assert_eq!(s.pos, 3, "two rejections, then accepted");
        let mut s = Script::words(&[u64::MAX]);
        assert_eq!(below_u64(&mut s, 10).unwrap(), 9);
        let mut s = Script::words(&[0]);
        assert_eq!(below_u64(&mut s, 1).unwrap(), 0);
        assert_eq!(
            below_u64(&mut Script::new(vec![]), 0),
            Err(Error::InvalidArgument)
        );
    }

    #[test]
    fn below_u64_worst_bound_rejects_half() {
        let n = (1u64 << 63) + 1;
        // t = 2^64 mod n = 2^63 - 1; x = 1: m = n, low half n >= t: accepted, 0
        assert_eq!(lemire_accept(1u64, n), Some(0));
        // x = 2: m = 2n = 2^64 + 2, low = 2 < t: reject
        assert_eq!(lemire_accept(2u64, n), None);
        assert!((reject_bound::<u64>(n as u128) - 0.5).abs() < 1e-9);
        assert_eq!(budget(&[below_u64_need(62)]), 8);
        // 40 words for 2^-40 (a few more where log2 is not exact, as under Miri)
        assert!((320..=336).contains(&budget(&[below_u64_need(n)])));
    }

    /// With the pool sized by the budget model, one OS request serves the
    /// whole call for ordinary bounds, and even the worst bounds almost always.
    #[test]
    fn one_os_request_per_call() {
        use crate::entropy::{testing::Counting, Pool};
        let bounds = [
            1u64,
            2,
            6,
            62,
            1000,
            1 << 32,
            (1 << 63) + 1,
            u64::MAX,
            3 << 62,
        ];
        for n in bounds {
            let mut c = Counting::default();
            for _ in 0..200 {
                let mut pool = Pool::new(&mut c, budget(&[below_u64_need(n)]));
                assert!(below_u64(&mut pool, n).unwrap() < n);
            }
            assert_eq!(c.requests, 200, "bound {n}");
        }
        for ub in [
            &[5u8][..],
            &[1, 0],
            &[0x80, 0, 0, 1],
            &[0xff; 32],
            &[0, 0, 3],
        ] {
            let mut c = Counting::default();
            for _ in 0..200 {
                let mut out = vec![0u8; ub.len()];
                let mut pool = Pool::new(&mut c, be_bytes(ub));
                below_be(&mut pool, ub, &mut out).unwrap();
                assert!(out < ub.to_vec());
            }
            assert_eq!(c.requests, 200, "bound {ub:?}");
        }
    }

    #[test]
    fn bits_u64_masks() {
        let mut s = Script::words(&[u64::MAX, u64::MAX, u64::MAX]);
        assert_eq!(bits_u64(&mut s, 0).unwrap(), 0);
        assert_eq!(bits_u64(&mut s, 1).unwrap(), 1);
        assert_eq!(bits_u64(&mut s, 13).unwrap(), (1 << 13) - 1);
        assert_eq!(bits_u64(&mut s, 64).unwrap(), u64::MAX);
        assert_eq!(bits_u64(&mut s, 65), Err(Error::InvalidArgument));
        assert_eq!(s.pos, 24, "k = 0 draws nothing");
    }

    #[test]
    fn bits_be_clears_high_bits() {
        for k in 1..=40usize {
            let mut s = Script::new(vec![0xff; 8]);
            let mut out = vec![0u8; bytes_for_bits(k)];
            bits_be(&mut s, k, &mut out).unwrap();
            let ones: u32 = out.iter().map(|b| b.count_ones()).sum();
            assert_eq!(ones as usize, k);
        }
        assert_eq!(bytes_for_bits(usize::MAX), usize::MAX / 8 + 1);
    }

    #[test]
    fn ct_less_agrees_with_ordering() {
        for a in 0..=255u16 {
            for b in (0..=0xffffu16).step_by(37) {
                let x = [(a >> 4) as u8, a as u8];
                let y = b.to_be_bytes();
                assert_eq!(ct_less_be(&x, &y), x < y, "{x:?} < {y:?}");
            }
        }
        assert!(!ct_less_be(&[], &[]));
    }

    /// Every one-byte and many two-byte bounds: each value below the bound has
    /// exactly as many accepted raw inputs as every other.
    #[test]
    fn below_be_is_exact_for_small_bounds() {
        for n in 1..=255u8 {
            let mut counts = [0u32; 256];
            for raw in 0..=255u8 {
                let mut s = Script::new(vec![raw]);
                let mut out = [0u8; 1];
                // a rejected raw input runs the script dry: that is a rejection
                if below_be(&mut s, &[n], &mut out).is_ok() {
                    assert!(out[0] < n);
                    counts[out[0] as usize] += 1;
                }
            }
            let per = 1u32 << (n - 1).leading_zeros(); // 2^(8 - bitlen(n - 1))
            assert!(counts[..n as usize].iter().all(|&c| c == per), "bound {n}");
        }
        for n in [256u16, 257, 300, 4095, 4096, 4097, 40000, 65535] {
            let ub = n.to_be_bytes();
            let mut counts = vec![0u32; 65536];
            for raw in 0..=0xffffu16 {
                let mut s = Script::new(raw.to_be_bytes().to_vec());
                let mut out = [0u8; 2];
                if below_be(&mut s, &ub, &mut out).is_ok() {
                    let v = u16::from_be_bytes(out);
                    assert!(v < n);
                    counts[v as usize] += 1;
                }
            }
            let per = 1u32 << (n - 1).leading_zeros();
            assert!(counts[..n as usize].iter().all(|&c| c == per), "bound {n}");
        }
    }

    /// Bounds longer than the head: the head decides, and only an equal head
    /// reads and compares the tail.
    #[test]
    fn below_be_decides_on_the_head_first() {
        let ub = [0x80u8, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x20]; // mask 0xff
        let mut out = [0u8; 10];
        // head below: accepted, the tail is the next two bytes whatever they are
        let mut s = Script::new(vec![0x7f, 9, 9, 9, 9, 9, 9, 9, 0xff, 0xff]);
        below_be(&mut s, &ub, &mut out).unwrap();
        assert_eq!(out, [0x7f, 9, 9, 9, 9, 9, 9, 9, 0xff, 0xff]);
        // head above: rejected before the tail; equal head with a tail above:
        // rejected; equal head with a tail below: accepted
        let mut bytes = vec![0x80, 0, 0, 0, 0, 0, 0, 1];
        bytes.extend([0x80, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x20]);
        bytes.extend([0x80, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x1f]);
        let mut s = Script::new(bytes);
        below_be(&mut s, &ub, &mut out).unwrap();
        assert_eq!(out, [0x80, 0, 0, 0, 0, 0, 0, 0, 0x10, 0x1f]);
        assert_eq!(s.pos, 28);
        // the pool holds spare heads and one tail
        assert_eq!(be_bytes(&ub), 8 * 40 + 2);
        assert_eq!(be_bytes(&[0xff; 64]), 8 + 56);
    }

    #[test]
    fn below_be_leading_zeros_and_zero_bound() {
        let mut s = Script::new(vec![0xff, 0x02]);
        let mut out = [9u8; 4];
        below_be(&mut s, &[0, 0, 0, 5], &mut out).unwrap();
        assert_eq!(
            out,
            [0, 0, 0, 2],
            "0xff & 7 = 7 rejected (bit length of 4), then 2"
        );
        assert_eq!(
            below_be(&mut s, &[0, 0], &mut [0, 0]),
            Err(Error::InvalidArgument)
        );
        assert_eq!(below_be(&mut s, &[], &mut []), Err(Error::InvalidArgument));
        assert_eq!(be_bytes(&[0, 0]), 0);
        assert_eq!(
            be_bytes(&[0x80, 0, 0, 0]),
            4,
            "a power of two never rejects"
        );
        assert_eq!(
            be_bytes(&[1, 0]),
            2,
            "256: one byte of candidate, never rejected"
        );
        let mut out = [7u8; 2];
        below_be(&mut Script::new(vec![0xff, 0xab]), &[1, 0], &mut out).unwrap();
        assert_eq!(out, [0, 0xab]);
        assert!(be_bytes(&[0x80, 0, 0, 1]) > 4 * 30, "about half rejected");
    }
}
