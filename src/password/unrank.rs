//! Exact passwords from one wide draw: a uniform index below the number of
//! valid strings, then the string of that rank.
//!
//! For an ASCII policy whose minimums are all 0 or 1 and whose strings
//! number fewer than 2^128, the valid strings are counted exactly in
//! `u128` and one uniform index `r` below the count `N` is drawn with the
//! wide multiply ([`wide_index`]); the string of rank `r` is then computed
//! with a few multiplications per position and one or two divisions in all
//! ([`Counts::unrank`]).  One try draws `bits(A^n)/8 + 8` bytes (about 20
//! for 16 characters of letters and digits) and is rejected with
//! probability below 2^-64, so the entropy budget needs no spare try, where
//! whole-string rejection needs about ten spare strings.
//!
//! # The count
//!
//! Write `A` for the alphabet size, `a_c` for the size of constrained class
//! `c` (minimum 1) and `a_T = Σ_{c∈T} a_c`.  The strings of length `y`
//! over the whole alphabet that contain each class of `S` at least once
//! number, by inclusion and exclusion,
//!
//! ```text
//! G_S(y) = Σ_{T⊆S} (-1)^|T| (A − a_T)^y,        N = G_C(n).
//! ```
//!
//! Every term is at most `A^n < 2^128`, so the sums are exact in wrapping
//! `u128` arithmetic (their true values lie in `[0, 2^128)`).  For the
//! default alphabet's class sizes the values are a compile-time table
//! ([`DEFAULT_G`]); otherwise the powers `(A − a_T)^n` are computed once
//! and stepped down one exponent at a time by an exact division (a
//! multiplication by an inverse modulo 2^128).
//!
//! # The ranking
//!
//! A valid string's *skeleton* is its prefix up to the position where the
//! last constrained class first appears, each prefix position labelled
//! with its case: a character of a class still missing (`c`), or a
//! character of the free pool or of a class already seen (*stay*).  The
//! strings of one skeleton are a product: each skeleton position ranges
//! over its case's characters (`a_c`, or `A − a_S` for a stay with `S` still
//! missing) and each later position over the whole alphabet.  Skeletons
//! partition the valid strings, and the walk picks one from the front: at
//! position `i` with classes `S` missing, `y = n − i − 1` positions after
//! it, and `Q` the product of the skeleton's radices so far, `r` is below
//! `Q · G_S(y + 1)`, which splits into the stay case `Q (A − a_S) G_S(y)`
//! and a case `Q a_c G_{S\c}(y)` per missing class.  Subtracting the sizes
//! of the cases before the one `r` falls in keeps `r` uniform within it.
//! When no class is missing, `r` is uniform below the product of the
//! radices, and its mixed-radix digits (the positions after the skeleton
//! least significant, then the skeleton's) are the characters, each the
//! remainder of a multiplication by a reciprocal ([`MAGIC`]).  The map from `[0, N)` to valid strings is a
//! bijection, so a uniform index gives a uniform valid string; the tests
//! check the bijection exhaustively on small policies.
//!
//! Not constant-time: the time depends on the skeleton, as every password
//! sampler's does.  The index, the radices and the digits are wiped.

use crate::error::{Error, Result};
use zeroize::Zeroize;

/// The longest password of this sampler (the size of its scratch arrays
/// and of [`DEFAULT_G`]).
pub(crate) const MAX_LEN: usize = 24;

/// `log2` of the bound on one try's rejection probability (see
/// [`wide_index`]): the extra bits drawn beyond the count's.
pub(crate) const EXTRA_BITS: u32 = 64;

/// Bytes of one wide draw below a count of at most `bound` (`>= 1`):
/// `bits(bound) + 64` bits, rounded up to whole bytes.
pub(crate) fn wide_bytes(bound: u128) -> usize {
    let bits = 128 - bound.leading_zeros() + EXTRA_BITS;
    bits.div_ceil(8) as usize
}

/// Lemire's multiply-and-reject, generalised to a wide `n`: `x` is a
/// uniform `k`-bit number (little-endian limbs, `k <= 256`, `x < 2^k`), `n`
/// in `[1, 2^128)`.  The index is the top part `(x·n) >> k`; the try is
/// rejected when the low `k` bits of `x·n` are below `2^k mod n`.  Each
/// index in `[0, n)` is then produced by exactly `floor(2^k / n)` values of
/// `x` (the `x` with a given top part are consecutive, and the low parts
/// step by `n`), so an accepted index is exactly uniform, and a try is
/// rejected with probability `(2^k mod n) / 2^k < n / 2^k`.  The remainder
/// `2^k mod n` is only computed when the low part is below `n`.
pub(crate) fn wide_index(x: &[u64; 4], k: u32, n: u128) -> Option<u128> {
    debug_assert!(k <= 256 && n > 0);
    let nl = [n as u64, (n >> 64) as u64];
    let mut p = [0u64; 6];
    for (i, &xi) in x.iter().enumerate() {
        let mut carry = 0u128;
        for (j, &nj) in nl.iter().enumerate() {
            let v = xi as u128 * nj as u128 + p[i + j] as u128 + carry;
            p[i + j] = v as u64;
            carry = v >> 64;
        }
        p[i + 2] = carry as u64;
    }
    // top = p >> k (below n, so two limbs); low = p mod 2^k
    let (w, b) = ((k / 64) as usize, k % 64);
    let limb = |i: usize| p.get(i).copied().unwrap_or(0);
    let shifted = |i: usize| {
        if b == 0 {
            limb(w + i)
        } else {
            (limb(w + i) >> b) | (limb(w + i + 1) << (64 - b))
        }
    };
    let top = shifted(0) as u128 | (shifted(1) as u128) << 64;
    let mut low = [0u64; 4];
    low[..w].copy_from_slice(&p[..w]);
    if b > 0 {
        low[w] = p[w] & ((1u64 << b) - 1);
    }
    p.zeroize();
    let below_n = low[2..].iter().all(|&l| l == 0) && (low[0] as u128 | (low[1] as u128) << 64) < n;
    let result = if !below_n {
        Some(top) // 2^k mod n < n <= low: accepted
    } else {
        let low128 = low[0] as u128 | (low[1] as u128) << 64;
        (low128 >= pow2_mod(k, n)).then_some(top)
    };
    low.zeroize();
    result
}

/// `2^k mod n` for `n >= 1`, by doubling (the rare path of [`wide_index`]).
fn pow2_mod(k: u32, n: u128) -> u128 {
    let mut t = 1 % n;
    for _ in 0..k {
        // t + t mod n without overflow (t < n)
        t = if t >= n - t { t - (n - t) } else { t + t };
    }
    t
}

/// The alphabet sorted by class (lower, upper, digit, symbol; alphabet
/// order within a class), where the ranking finds its characters.
pub(crate) struct Buckets<'a> {
    pub order: &'a [u8],
    /// Where each class (a value of `Class`) starts in `order`, and its size.
    pub off: [usize; 4],
    pub size: [usize; 4],
    /// The class of each constrained class (their order in [`Counts`]).
    pub class_of: [u8; 4],
}

/// The counts of one policy: `A`, the constrained classes' sizes, and the
/// powers `(A − a_T)^y` for every subset `T` at the current `y`.
pub(crate) struct Counts {
    total: u64,
    /// Constrained classes (each with minimum 1).
    m: usize,
    a: [u64; 4],
    n: usize,
    /// `a_T` by subset `T`.
    asum: [u16; 16],
    /// `(A − a_T)^y` by subset `T` (only the subsets still needed are kept
    /// current as `y` goes down), unless `tabled`.
    pw: [u128; 16],
    /// The class mask of each subset `T`, for [`DEFAULT_G`].
    cmask: [u8; 16],
    /// The default alphabet's sizes: the counts come from [`DEFAULT_G`].
    tabled: bool,
    y: usize,
}

/// `INV[o / 2]`: the inverse of the odd `o < 256` modulo 2^128 (Newton's
/// iteration, each step doubling the correct low bits).
static INV: [u128; 128] = {
    let mut t = [0u128; 128];
    let mut i = 0;
    while i < 128 {
        let o = (2 * i + 1) as u128;
        let mut inv = o; // correct mod 8
        let mut k = 0;
        while k < 7 {
            inv = inv.wrapping_mul(2u128.wrapping_sub(o.wrapping_mul(inv)));
            k += 1;
        }
        t[i] = inv;
        i += 1;
    }
    t
};

/// The class sizes of the default alphabet (lower, upper, digit, symbol).
const DEFAULT_SIZES: [u64; 4] = [26, 26, 10, 0];

/// `DEFAULT_G[y][S] = G_S(y)` for the default alphabet (`A = 62`), `S` a
/// mask of classes (bit `c` for the value `c` of `Class`, digits the
/// highest), by inclusion and exclusion at compile time.  Entries with
/// `62^y >= 2^128` (`y > 21`) wrap and are never read.
static DEFAULT_G: [[u128; 8]; MAX_LEN + 1] = {
    let mut g = [[0u128; 8]; MAX_LEN + 1];
    let mut s = 0;
    while s < 8 {
        let mut y = 0;
        while y <= MAX_LEN {
            let mut sum = 0u128;
            let mut t = 0;
            while t < 8 {
                if t & !s == 0 {
                    let mut base = 62u64;
                    let mut c = 0;
                    while c < 3 {
                        if t & (1 << c) != 0 {
                            base -= DEFAULT_SIZES[c];
                        }
                        c += 1;
                    }
                    let mut p = 1u128;
                    let mut k = 0;
                    while k < y {
                        p = p.wrapping_mul(base as u128);
                        k += 1;
                    }
                    if (t as u32).count_ones().is_multiple_of(2) {
                        sum = sum.wrapping_add(p);
                    } else {
                        sum = sum.wrapping_sub(p);
                    }
                }
                t += 1;
            }
            g[y][s] = sum;
            y += 1;
        }
        s += 1;
    }
    g
};

/// `MAGIC[d] = ceil(2^64 / d)` for `2 <= d < 256`: for `v < 2^56`,
/// `floor(v · MAGIC[d] / 2^64) = floor(v / d)` exactly (`MAGIC[d] =
/// (2^64 + e)/d` with `e < d`, so the error `v e / (d 2^64)` is below
/// `1/d`, less than the distance from `v/d` to the next integer).
static MAGIC: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut d = 2;
    while d < 256 {
        t[d] = u64::MAX / d as u64 + 1;
        d += 1;
    }
    t
};

/// `MAX_POW[a]`: the largest `n` with `a^n < 2^128` (255 for `a <= 1`).
pub(crate) static MAX_POW: [u8; 256] = {
    let mut t = [255u8; 256];
    let mut a = 2;
    while a < 256 {
        let mut p = 1u128;
        let mut n = 0;
        while p <= u128::MAX / a as u128 {
            p *= a as u128;
            n += 1;
        }
        t[a] = n;
        a += 1;
    }
    t
};

/// `a^n` for `a < 256` and `n <= MAX_POW[a]`.
pub(crate) fn pow_fits(a: u64, n: usize) -> Option<u128> {
    (a < 256 && n <= MAX_POW[a as usize] as usize).then(|| pow(a, n))
}

/// The digits are cut by multiplications below this (see [`MAGIC`]).
const CHUNK: u64 = 1 << 56;

/// The high half of `v · m`: `floor(v / d)` for `m = MAGIC[d]`, `v < 2^56`.
#[inline(always)]
fn mulhi(v: u64, m: u64) -> u64 {
    ((v as u128 * m as u128) >> 64) as u64
}

/// `r mod p`, leaving `r div p` in `r` (`p >= 1`).
#[inline]
fn split(r: &mut u128, p: u64) -> u64 {
    if *r <= u64::MAX as u128 {
        let v = *r as u64;
        *r = (v / p) as u128;
        v % p
    } else {
        let q = *r / p as u128;
        let v = (*r - q * p as u128) as u64;
        *r = q;
        v
    }
}

/// A skeleton position of a missing class's character (`KIND_CLASS | c`);
/// a stay is the mask of the classes still missing.
const KIND_CLASS: u8 = 0x80;

impl Counts {
    /// Nothing counted yet: [`Counts::init`] fills it in place (the
    /// struct is not moved after it is written).
    pub(crate) const EMPTY: Counts = Counts {
        total: 0,
        m: 0,
        a: [0; 4],
        n: 0,
        asum: [0; 16],
        pw: [0; 16],
        cmask: [0; 16],
        tabled: false,
        y: 0,
    };

    /// The counts for `n` characters over `total` (at most 255), with
    /// constrained classes `(class, size)` (each minimum 1, at most four,
    /// in class order, sizes summing to at most `total`); `false` when
    /// `n > MAX_LEN` or `total^n >= 2^128`.
    #[inline(always)]
    pub(crate) fn init(&mut self, total: u64, classes: &[(u8, u64)], n: usize) -> bool {
        if n > MAX_LEN || classes.len() > 4 || total > 255 {
            return false;
        }
        if n > MAX_POW[total as usize] as usize {
            return false;
        }
        let m = classes.len();
        let mut tabled = total == 62;
        for (size, &(class, a)) in self.a.iter_mut().zip(classes) {
            *size = a;
            tabled &= DEFAULT_SIZES[class as usize & 3] == a && class < 3;
        }
        self.total = total;
        self.m = m;
        self.n = n;
        self.y = n;
        self.tabled = tabled;
        // each subset's sum and class mask from its bits (no chain through
        // memory from one subset to the next)
        let mut bits = [0u8; 4];
        for (b, &(class, _)) in bits.iter_mut().zip(classes) {
            *b = 1 << (class & 3);
        }
        let (a, b) = (self.a, bits);
        for t in 0..1usize << m {
            let has = |c: usize| ((t >> c) & 1) as u16;
            self.asum[t] = has(0) * a[0] as u16
                + has(1) * a[1] as u16
                + has(2) * a[2] as u16
                + has(3) * a[3] as u16;
            self.cmask[t] = (has(0) as u8 * b[0])
                | (has(1) as u8 * b[1])
                | (has(2) as u8 * b[2])
                | (has(3) as u8 * b[3]);
        }
        for t in 0..1usize << m {
            let Some(base) = total.checked_sub(self.asum[t] as u64) else {
                return false;
            };
            if !tabled {
                self.pw[t] = pow(base, n);
            }
        }
        true
    }

    /// [`Counts::init`] into a new value.
    #[cfg(test)]
    pub(crate) fn new(total: u64, classes: &[(u8, u64)], n: usize) -> Option<Counts> {
        let mut c = Counts::EMPTY;
        c.init(total, classes, n).then_some(c)
    }

    /// `y -> y - 1` for the subsets of `s`: `b^(y-1) = (b^y >> z) · o^-1`
    /// for `b = 2^z o` (exact: `b^y` is a multiple of `b`).
    #[inline]
    fn step_down(&mut self, s: usize) {
        let y = self.y;
        debug_assert!(y > 0);
        self.y = y - 1;
        if self.tabled {
            return;
        }
        let mut t = s;
        loop {
            let b = self.total - self.asum[t] as u64;
            self.pw[t] = if b == 0 {
                (y == 1) as u128
            } else {
                let z = b.trailing_zeros();
                (self.pw[t] >> z).wrapping_mul(INV[(b >> z) as usize / 2])
            };
            if t == 0 {
                break;
            }
            t = (t - 1) & s;
        }
    }

    /// `G_S(y)` at the current `y`: strings of length `y` with every
    /// class of `s` (the powers of the subsets of `s` must be current).
    #[inline]
    fn g(&self, s: usize) -> u128 {
        if self.tabled {
            return DEFAULT_G[self.y][self.cmask[s] as usize & 7];
        }
        let mut sum = 0u128;
        let mut t = s;
        loop {
            if (t.count_ones() & 1) == 0 {
                sum = sum.wrapping_add(self.pw[t]);
            } else {
                sum = sum.wrapping_sub(self.pw[t]);
            }
            if t == 0 {
                break;
            }
            t = (t - 1) & s;
        }
        sum
    }

    /// `N`: the valid strings.
    pub(crate) fn count(&self) -> u128 {
        debug_assert_eq!(self.y, self.n);
        self.g((1 << self.m) - 1)
    }

    /// The string of rank `r` (below [`Counts::count`]) into `out`
    /// (`n` bytes), characters from `buckets` and the alphabet `chars`.
    pub(crate) fn unrank(
        &mut self,
        r: u128,
        chars: &[u8],
        buckets: &Buckets<'_>,
        out: &mut [u8],
    ) -> Result<()> {
        // `r` stays in a local of the ranking (a register), which ends at 0
        // on success: every digit has been taken out of it
        let mut s = Scratch {
            radix: [0; MAX_LEN],
            kind: [0; MAX_LEN],
            used: 0,
        };
        let res = self.unrank_into(r, &mut s, chars, buckets, out);
        s.wipe();
        res
    }

    fn unrank_into(
        &mut self,
        mut r: u128,
        s: &mut Scratch,
        chars: &[u8],
        buckets: &Buckets<'_>,
        out: &mut [u8],
    ) -> Result<()> {
        let n = self.n;
        if out.len() != n {
            return Err(Error::Internal);
        }
        let mut missing = (1usize << self.m) - 1;
        let mut q: u128 = 1;
        let mut pos = 0;
        while missing != 0 {
            if pos >= n {
                return Err(Error::Internal);
            }
            if self.y != n - pos {
                return Err(Error::Internal);
            }
            self.step_down(missing); // y = positions after this one
            let stay_chars = self.total - self.asum[missing] as u64;
            let stay = mul3(q, stay_chars, self.g(missing))?;
            if r < stay {
                s.radix[pos] = stay_chars as u8;
                s.kind[pos] = missing as u8;
                q *= stay_chars as u128;
            } else {
                r -= stay;
                let mut chosen = None;
                for c in (0..self.m).filter(|c| missing & (1 << c) != 0) {
                    let case = mul3(q, self.a[c], self.g(missing & !(1 << c)))?;
                    if r < case {
                        chosen = Some(c);
                        break;
                    }
                    r -= case;
                }
                let c = chosen.ok_or(Error::Internal)?;
                s.radix[pos] = self.a[c] as u8;
                s.kind[pos] = KIND_CLASS | c as u8;
                q *= self.a[c] as u128;
                missing &= !(1 << c);
            }
            pos += 1;
            s.used = pos;
        }
        // The digits, least significant first: the tail (positions
        // `pos..n`, radix `A`), then the skeleton's positions.  While `r` is
        // 2^56 or more, a chunk of at most 7 digits (radices below 256: the
        // chunk is below 2^56) is split off by one division; below 2^56
        // every digit is a multiplication by a reciprocal (see [`MAGIC`]).
        let tail = n - pos;
        let a = self.total;
        let magic_a = MAGIC[a as usize];
        let mut i = 0;
        while i < n {
            let (mut v, end) = if r >= CHUNK as u128 {
                let end = (i + 7).min(n);
                let mut p = 1u64;
                for j in i..end {
                    p *= if j < tail {
                        a
                    } else {
                        s.radix[j - tail] as u64
                    };
                }
                (split(&mut r, p), end)
            } else {
                let v = r as u64;
                r = 0;
                (v, n)
            };
            // the tail's digits of the chunk, then the skeleton's
            for o in &mut out[pos + i.min(tail)..pos + end.min(tail)] {
                let q = if a > 1 { mulhi(v, magic_a) } else { v };
                let digit = (v - q * a) as usize;
                v = q;
                *o = *chars.get(digit).ok_or(Error::Internal)?;
            }
            let skel = i.max(tail) - tail..end.max(tail) - tail;
            let cases = s.radix[skel.clone()].iter().zip(&s.kind[skel.clone()]);
            for (o, (&d, &kind)) in out[skel].iter_mut().zip(cases) {
                let d = d as u64;
                let q = if d > 1 {
                    mulhi(v, MAGIC[d as usize])
                } else {
                    v
                };
                let digit = (v - q * d) as usize;
                v = q;
                *o = self.char_of(kind, digit, buckets)?;
            }
            if v != 0 {
                return Err(Error::Internal);
            }
            i = end;
        }
        if r != 0 {
            return Err(Error::Internal);
        }
        Ok(())
    }

    /// Character `j` of a skeleton position of this kind.
    #[inline]
    fn char_of(&self, kind: u8, mut j: usize, b: &Buckets<'_>) -> Result<u8> {
        let found = if kind & KIND_CLASS != 0 {
            let c = b.class_of[(kind & 3) as usize] as usize;
            (j < b.size[c]).then(|| b.order[b.off[c] + j])
        } else {
            // the classes not missing (the free pool and those seen), in
            // class order
            let mut skip = 0usize;
            for c in (0..self.m).filter(|c| kind as usize & (1 << c) != 0) {
                skip |= 1 << b.class_of[c];
            }
            let mut found = None;
            for class in (0..4).filter(|c| skip & (1 << c) == 0) {
                if j < b.size[class] {
                    found = Some(b.order[b.off[class] + j]);
                    break;
                }
                j -= b.size[class];
            }
            found
        };
        found.ok_or(Error::Internal)
    }
}

/// `b^n` for `b < 256` and `b^n < 2^128`: `(b^8)^h · b^l` for `n = 8h + l`,
/// with `b^8` in a `u64` (a few multiplications instead of `u128::pow`'s).
#[inline]
fn pow(b: u64, n: usize) -> u128 {
    let b2 = b * b;
    let b4 = b2 * b2;
    let b8 = b4 * b4; // < 2^64
    let mut low = 1u64; // b^l, l < 8: < 2^56
    if n & 1 != 0 {
        low *= b;
    }
    if n & 2 != 0 {
        low *= b2;
    }
    if n & 4 != 0 {
        low *= b4;
    }
    let mut p = low as u128;
    for _ in 0..n / 8 {
        p = p.wrapping_mul(b8 as u128);
    }
    p
}

/// `q · a · g`: the size of one case, at most `q · G_S(y + 1) <= N < 2^128`
/// (so no overflow; the digits' final check would catch an inconsistency).
/// Two multiplications while `q · a` fits in 64 bits (the usual case).
#[inline(always)]
fn mul3(q: u128, a: u64, g: u128) -> Result<u128> {
    if q <= u64::MAX as u128 {
        if let Some(qa) = (q as u64).checked_mul(a) {
            return Ok((qa as u128).wrapping_mul(g));
        }
    }
    Ok(q.wrapping_mul(a as u128).wrapping_mul(g))
}

/// The secret state of one unranking, wiped after use.
struct Scratch {
    radix: [u8; MAX_LEN],
    kind: [u8; MAX_LEN],
    /// Entries written (the skeleton's length).
    used: usize,
}

impl Scratch {
    /// Wipes the skeleton's entries (the only ones written).
    fn wipe(&mut self) {
        let used = self.used.min(MAX_LEN);
        self.radix[..used].zeroize();
        self.kind[..used].zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::testing::SplitMix;
    use crate::entropy::Rng;
    use num_bigint::BigUint;

    /// Every `k`-bit `x` for small `k` and every `n` up to `2^k + 2`: each
    /// index comes from exactly `floor(2^k / n)` values of `x`, and exactly
    /// `2^k mod n` values are rejected.
    #[test]
    fn wide_index_is_exact_over_every_x() {
        let mut checked = 0;
        for k in 1..=10u32 {
            let size = 1u64 << k;
            for n in 1..=size + 2 {
                let mut hits = vec![0u64; n as usize];
                let mut rejected = 0;
                for x in 0..size {
                    match wide_index(&[x, 0, 0, 0], k, n as u128) {
                        Some(i) => hits[i as usize] += 1,
                        None => rejected += 1,
                    }
                }
                assert!(hits.iter().all(|&h| h == size / n), "k={k} n={n}");
                assert_eq!(rejected, size % n, "k={k} n={n}");
                checked += 1;
            }
        }
        assert!(checked > 2000);
    }

    /// Wide `k` and `n` (several limbs, shifts inside and on limb
    /// boundaries) against big-integer arithmetic, including values of `x`
    /// in and next to the rejection zone.
    #[test]
    fn wide_index_agrees_with_biguint() {
        let mut rng = SplitMix(0x31de);
        let mut rejections = 0;
        for round in 0..20_000 {
            let k = [64u32, 65, 100, 127, 128, 136, 160, 191, 192, 200, 255, 256][round % 12];
            let nbits = 1 + rng.next_u64().unwrap() % 128;
            let mut n = (rng.next_u64().unwrap() as u128) << 64 | rng.next_u64().unwrap() as u128;
            n >>= 128 - nbits;
            n |= 1u128 << (nbits - 1);
            let big_n = BigUint::from(n);
            let two_k = BigUint::from(1u32) << k;
            let t = &two_k % &big_n;
            // x: random, or chosen so that x*n mod 2^k lands just below or at t
            let mut x = BigUint::from_bytes_le(
                &(0..32)
                    .map(|_| rng.next_u64().unwrap() as u8)
                    .collect::<Vec<_>>(),
            ) % &two_k;
            if round % 3 == 0 && t > BigUint::from(0u32) {
                // x = ceil(j 2^k / n) for a j: the low part is small
                let j = BigUint::from(rng.next_u64().unwrap()) % &big_n;
                x = (&j * &two_k + &big_n - 1u32) / &big_n % &two_k;
            }
            let mut limbs = [0u64; 4];
            for (l, d) in limbs.iter_mut().zip(x.to_u64_digits()) {
                *l = d;
            }
            let prod = &x * &big_n;
            let top = &prod >> k;
            let low = &prod % &two_k;
            let want = (low >= t).then(|| u128::try_from(&top).unwrap());
            assert_eq!(wide_index(&limbs, k, n), want, "k={k} n={n} x={x}");
            rejections += want.is_none() as usize;
        }
        assert!(
            rejections > 100,
            "the rejection zone was reached: {rejections}"
        );
    }

    #[test]
    fn wide_bytes_and_powers() {
        assert_eq!(wide_bytes(1), 9);
        assert_eq!(wide_bytes(62u128.pow(16)), 20); // 96 + 64 bits
        assert_eq!(wide_bytes(u128::MAX), 24);
        for a in 0..256u64 {
            let max = MAX_POW[a as usize] as usize;
            for n in 0..=max.min(130) {
                assert_eq!(pow_fits(a, n), (a as u128).checked_pow(n as u32), "{a}^{n}");
            }
            if a >= 2 {
                assert!((a as u128).checked_pow(max as u32 + 1).is_none());
                assert!(pow_fits(a, max + 1).is_none());
            }
        }
        for o in (1..256u128).step_by(2) {
            assert_eq!(o.wrapping_mul(INV[o as usize / 2]), 1);
        }
        for d in 2..256u64 {
            for v in [0, 1, d - 1, d, d + 1, (1 << 56) - 1, (1 << 55) + 12345] {
                assert_eq!(
                    ((v as u128 * MAGIC[d as usize] as u128) >> 64) as u64,
                    v / d
                );
            }
        }
        // the default table agrees with inclusion and exclusion computed here
        let c = Counts::new(62, &[(0, 26), (1, 26), (2, 10)], 16).unwrap();
        assert!(c.tabled);
        let mut u = Counts::new(62, &[(0, 26), (1, 26), (2, 10)], 16).unwrap();
        u.tabled = false;
        for t in 0..8 {
            u.pw[t] = pow(62 - u.asum[t] as u64, 16);
        }
        assert_eq!(c.count(), u.count());
        assert_eq!(
            BigUint::from(c.count()),
            BigUint::from(62u32).pow(16)
                - BigUint::from(36u32).pow(16) * 2u32
                - BigUint::from(52u32).pow(16)
                + BigUint::from(26u32).pow(16) * 2u32
                + BigUint::from(10u32).pow(16)
        );
    }
}
