//! Passwords under a policy: exact counting and exactly uniform sampling.
//!
//! A policy asks for `n` code points from an alphabet with at least `p_c`
//! characters of each class `c` (lower, upper, digit, symbol).  The output
//! must be uniform over every string that meets the policy, the
//! distribution of Python's documented rejection loop, but in bounded time
//! for every satisfiable policy, however unlikely its strings are.
//!
//! # Counting
//!
//! Classes with no minimum merge into one *free* pool of `a_0` characters.
//! Let `C` be the classes with a minimum (`p_c >= 1`, `a_c` characters
//! each, at most four) and, for `T ⊆ C`, let `F_T(x)` be the number of
//! strings of length `x` over the free pool and the classes of `T` (no
//! character of `C \ T`) that meet the minimums of `T`; `A_T = a_0 + Σ_T a_c`.
//! Removing the last character of such a string of length `x + 1` either
//! leaves a string that still meets the policy (any of `A_T` last
//! characters), or the last character was of a class `c` that the prefix
//! has exactly `p_c − 1` times.  That splits the strings into disjoint
//! cases:
//!
//! ```text
//! F_T(x+1) = A_T F_T(x) + Σ_{c∈T} a_c · C(x, p_c−1) a_c^(p_c−1) · F_{T\c}(x−p_c+1)
//! ```
//!
//! (last character; the prefix's class-`c` positions and characters; the
//! rest of the prefix, which has no class `c`).  `F_∅(x) = a_0^x`.  The
//! binomial would make every step a product of two big numbers, so the
//! table is kept at a common scale instead.  Give subset `T` the offset
//! `o_T = Σ_{c∈C\T} (p_c − 1)` and, at global time `t`, the index
//! `x_T = t − o_T` and the value
//!
//! ```text
//! h_T(t) = F_T(x_T) · t!/x_T! · Π_{c∈T} (p_c−1)! · Π_{c∈C\T} a_c^p_c
//! ```
//!
//! Then (substitute and cancel) every step of the recurrence involves only
//! small factors:
//!
//! ```text
//! h_T(t+1) = (t+1)/(x_T+1) · ( A_T h_T(t) + Σ_{c∈T} h_{T\c}(t) )
//! ```
//!
//! with an exact division, and no multiplication or division at all when
//! `o_T = 0` (always for `T = C`; for every `T` when all minimums are 1).
//! All `2^|C| <= 16` subsets advance in lockstep from `t = 0` to `t = n`,
//! keeping one value each; `h_C(n) = F_C(n) · Π_C (p_c−1)!` gives the count
//! and [`Plan::entropy_bits`].  The same recurrence solved for `h_T(t)` runs
//! the table backwards, again one value per subset, exactly.
//!
//! # Sampling
//!
//! The sampler walks the same decomposition from the end of the string,
//! one position per step, and the backward table gives it the case sizes
//! of each step at the same global time.  At state `(S, t)` (classes `S`
//! still constrained, `x = t − o_S` positions left) the cases have sizes
//! `A_S h_S(t−1)` and `h_{S\c}(t−1)` for `c ∈ S`: proportional to their
//! numbers of strings, since each case's strings are counted with the same
//! multiplicity `(t−1)!/(x−1)! · σ_S`.  One big integer `r`, uniform below
//! the total, picks the case; what is left of `r` stays uniform inside it:
//!
//! * same class set: `r mod A_S` is the last character (uniform over the
//!   free pool and the classes of `S`), `r div A_S` is uniform below
//!   `h_S(t−1)`;
//! * class `c` completed: the last character and the `p_c − 1` other
//!   class-`c` positions and characters are fresh uniform draws (a partial
//!   Fisher–Yates over the positions left), `r` minus the case's offset is
//!   uniform below `h_{S\c}(t−1)`, and the class leaves `S`.
//!
//! The next state's total is `x'/(t−1)` times that bound (`x'` positions
//! left), so `r` is widened by one fresh `u < x'` to `r + u·h`, uniform below
//! `x'·h = (t−1)·total`, and divided by `t − 1`: exactly uniform below the
//! next total (nothing to do when `x' = t − 1`).  When `S` is empty the
//! remaining positions take independent uniform characters of the free
//! pool.  Every string meeting the policy is therefore produced with
//! probability exactly `1 / F_C(n)`.
//!
//! # Cost
//!
//! Forward and backward passes: `n · 2^|C|` steps of big-by-small
//! arithmetic on numbers of about `log2(F) + log2(t!/x_T!)` bits; no
//! big-by-big product anywhere, and every division of the table is exact,
//! so it is a multiplication by a modular inverse (`nat.rs`), checked.
//! Measured on the development machine (one core, release): 16 characters
//! with the default alphabet and three minimums, about 10 µs; 1024
//! characters with four minimums, 5 to 15 ms; 4096 characters, at most
//! about 0.25 s.  Randomness: one draw below `h_C(n)` plus at
//! most two 32-bit draws per position, all from one pool sized for them.
//! Memory: `2^|C|` big numbers and two `u32` arrays of length `n`.  Not
//! constant-time: the running time depends on the password drawn (its class
//! composition above all), as any policy generator's does; the random
//! values (`r`, the positions, the character indices) are wiped before
//! return.

use crate::alphabet::{self, Class};
use crate::entropy::{budget, Need, Pool, RandomSource, Rng};
use crate::error::{Error, Result};
use crate::sample;
use nat::{Nat, Secret};
#[cfg(test)]
use num_bigint::BigUint;
use zeroize::{Zeroize, Zeroizing};

mod nat;
mod unrank;

/// The longest password supported, in code points (`pub(crate)`: the
/// header's twin is `SECRETS_PASSWORD_MAX_LENGTH`).
pub(crate) const MAX_LENGTH: usize = 4096;

/// A password policy, as the C struct gives it.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    /// Code points in the password.
    pub length: usize,
    /// The alphabet's UTF-8 bytes; `None` is [`alphabet::DEFAULT`].
    pub alphabet: Option<&'a [u8]>,
    /// Minimums of lower, upper, digit, symbol (the order of [`Class`]'s values).
    pub min: [usize; 4],
}

/// A class with a minimum.
#[derive(Debug)]
struct Constrained {
    min: usize,
    /// Indices into the alphabet.
    chars: Vec<u32>,
}

/// A validated policy: the alphabet split into the free pool and the
/// constrained classes.
#[derive(Debug)]
pub struct Plan {
    chars: Vec<char>,
    length: usize,
    /// Alphabet indices of the classes without a minimum.
    free: Vec<u32>,
    /// The classes with a minimum (at most four).
    classes: Vec<Constrained>,
}

impl Plan {
    /// Checks a policy.  Errors: `SECRETS_ERR_INVALID_UTF8`,
    /// `SECRETS_ERR_INVALID_ARGUMENT` (a repeated code point, or U+0000),
    /// `SECRETS_ERR_EMPTY` (no code points and `length > 0`),
    /// `SECRETS_ERR_UNSATISFIABLE` (minimums sum past `length`, or a class
    /// with a minimum is absent), `SECRETS_ERR_TOO_LARGE` (`length >
    /// MAX_LENGTH`).
    pub fn new(policy: &Policy<'_>) -> Result<Plan> {
        let bytes = policy
            .alphabet
            .unwrap_or_else(|| alphabet::DEFAULT.as_bytes());
        let chars = alphabet::split(bytes)?;
        if alphabet::has_duplicates(&chars)? {
            return Err(Error::InvalidArgument);
        }
        if policy.length > 0 && chars.is_empty() {
            return Err(Error::Empty);
        }
        let total = policy
            .min
            .iter()
            .try_fold(0usize, |acc, &m| acc.checked_add(m))
            .ok_or(Error::Unsatisfiable)?;
        if total > policy.length {
            return Err(Error::Unsatisfiable);
        }
        // scratch in proportion to the alphabet, allocated fallibly
        let mut sizes = [0usize; 4];
        for &c in &chars {
            sizes[Class::of(c) as usize] += 1;
        }
        let mut by_class: [Vec<u32>; 4] = Default::default();
        for (v, &n) in by_class.iter_mut().zip(&sizes) {
            v.try_reserve_exact(n).map_err(|_| Error::TooLarge)?;
        }
        for (i, &c) in chars.iter().enumerate() {
            let i = u32::try_from(i).map_err(|_| Error::TooLarge)?;
            by_class[Class::of(c) as usize].push(i);
        }
        let free_len: usize = (0..4)
            .filter(|&c| policy.min[c] == 0)
            .map(|c| sizes[c])
            .sum();
        let mut free = Vec::new();
        free.try_reserve_exact(free_len)
            .map_err(|_| Error::TooLarge)?;
        let mut classes = Vec::new();
        classes.try_reserve_exact(4).map_err(|_| Error::TooLarge)?;
        for (members, &min) in by_class.into_iter().zip(&policy.min) {
            if min == 0 {
                free.extend(members);
            } else if members.is_empty() {
                return Err(Error::Unsatisfiable);
            } else {
                classes.push(Constrained {
                    min,
                    chars: members,
                });
            }
        }
        if policy.length > MAX_LENGTH {
            return Err(Error::TooLarge);
        }
        Ok(Plan {
            chars,
            length: policy.length,
            free,
            classes,
        })
    }

    /// Code points in the password.
    pub fn length(&self) -> usize {
        self.length
    }

    /// Bytes of the longest code point of the alphabet.
    pub fn longest(&self) -> usize {
        alphabet::longest(&self.chars)
    }

    /// The number of strings that meet the policy (tests compare it with
    /// enumeration; the library itself only needs `count_nat`).
    #[cfg(test)]
    pub fn count(&self) -> Result<BigUint> {
        self.count_nat()?.to_biguint()
    }

    fn count_nat(&self) -> Result<Nat> {
        if self.classes.is_empty() {
            return Nat::pow(self.free.len() as u64, self.length);
        }
        let mut table = Table::new(self)?;
        table.run_forward(self.length)?;
        // h_C(n) = F_C(n) * prod (p_c - 1)!
        let mut count = table.h[table.full()].try_clone()?;
        for c in &self.classes {
            for i in 2..c.min as u64 {
                if !count.div_exact(i) {
                    return Err(Error::Internal);
                }
            }
        }
        Ok(count)
    }

    /// log2 of [`Plan::count`], from its bit length and top 64 bits
    /// (relative error about 2^-53).
    pub fn entropy_bits(&self) -> Result<f64> {
        Ok(self.count_nat()?.log2())
    }

    /// Draws a password with one OS request (a second one only if
    /// rejection sampling runs the pool dry) and writes it to `out` as
    /// UTF-8; returns the bytes written.  `out` must hold
    /// `length * longest()` bytes.
    pub fn generate<S: RandomSource>(&self, source: S, out: &mut [u8]) -> Result<usize> {
        let n = self.length;
        let mut picks = Zeroizing::new(zeroed_u32(n)?);
        // at most two index draws per position (see `walk`)
        let index_need = sample::index_need(2 * n, n.max(self.chars.len()));
        if self.classes.is_empty() {
            let need = sample::index_need(n, self.free.len());
            let mut pool = Pool::new(source, budget(&[need]));
            self.walk(None, &mut pool, &mut picks)?;
        } else if self.strategy() == Strategy::Rejection {
            let (m, k) = self.minimums();
            let p_accept = acceptance_lower_bound(n, self.chars.len(), &m[..k]);
            // the strings until one meets the policy (at most
            // MAX_REJECTIONS are tried), then their index draws
            let strings = budget(&[strings_need(1, p_accept)]).min(MAX_REJECTIONS);
            let need = sample::index_need(n.saturating_mul(strings), self.chars.len());
            let mut pool = Pool::new(source, budget(&[need]));
            self.sample_with(Strategy::Rejection, &mut pool, &mut picks)?;
        } else {
            let mut table = Table::new(self)?;
            table.run_forward(n)?;
            let bound = table.h[table.full()].to_bytes_be()?;
            let needs = [sample::below_be_need(&bound), index_need];
            let mut pool = Pool::new(source, budget(&needs));
            self.walk(Some(&mut table), &mut pool, &mut picks)?;
        }
        alphabet::encode(&self.chars, &picks, out)
    }

    /// Draws a password as alphabet indices into `picks` (`length` long):
    /// the tests' way in to the samplers.
    #[cfg(test)]
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R, picks: &mut [u32]) -> Result<()> {
        self.sample_with(self.strategy(), rng, picks)
    }

    /// The sampler of the module docs; `table` has run forward to `length`
    /// (`None` when no class has a minimum).
    fn walk<R: Rng + ?Sized>(
        &self,
        table: Option<&mut Table>,
        rng: &mut R,
        picks: &mut [u32],
    ) -> Result<()> {
        let n = self.length;
        if picks.len() != n {
            return Err(Error::Internal);
        }
        // positions still to fill are slots[..x]
        let mut slots: Zeroizing<Vec<u32>> = Zeroizing::new(zeroed_u32(n)?);
        for (i, s) in slots.iter_mut().enumerate() {
            *s = i as u32;
        }
        let mut x = n;
        if let Some(table) = table {
            let mut s = table.full();
            let mut t = n;
            if table.t != t {
                return Err(Error::Internal);
            }
            let mut r = Secret::below(rng, &table.h[s], table.limbs())?;
            let mut stay = Nat::zero();
            while s != 0 {
                table.backward(s)?;
                let size = table.size[s];
                stay.set_mul_small(&table.h[s], size)?;
                if r.lt(&stay) {
                    // the last position takes any character of the free pool
                    // or of S; the quotient stays uniform below h_S(t-1)
                    let j = r.div_small(size) as usize;
                    picks[slots[x - 1] as usize] = self.char_of(s, j)?;
                    x -= 1;
                } else {
                    r.sub(&stay)?;
                    let mut done = None;
                    for c in members(s) {
                        let case = &table.h[s & !(1 << c)];
                        if r.lt(case) {
                            done = Some(c);
                            break;
                        }
                        r.sub(case)?;
                    }
                    let c = done.ok_or(Error::Internal)?;
                    let class = &self.classes[c];
                    let a = class.chars.len();
                    // the last position, then p_c - 1 of the x - 1 before it
                    picks[slots[x - 1] as usize] = class.chars[sample::index(rng, a)?];
                    let before = x - 1;
                    for i in 0..class.min - 1 {
                        let j = sample::index(rng, before - i)?;
                        slots.swap(j, before - 1 - i);
                        picks[slots[before - 1 - i] as usize] = class.chars[sample::index(rng, a)?];
                    }
                    x = before - (class.min - 1);
                    s &= !(1 << c);
                }
                t -= 1;
                if x + table.o[s] != t {
                    return Err(Error::Internal);
                }
                if s != 0 && x != t {
                    // widen r to below x * h_S(t) = t * total, then narrow
                    let u = sample::index(rng, x)? as u64;
                    r.add_mul(&table.h[s], u)?;
                    r.div_small(t as u64);
                }
            }
        }
        if x > 0 {
            if self.free.is_empty() {
                return Err(Error::Internal);
            }
            for &slot in &slots[..x] {
                picks[slot as usize] = self.free[sample::index(rng, self.free.len())?];
            }
        }
        Ok(())
    }

    /// Character `j` of the free pool followed by the classes of `s`.
    fn char_of(&self, s: usize, mut j: usize) -> Result<u32> {
        if j < self.free.len() {
            return Ok(self.free[j]);
        }
        j -= self.free.len();
        for c in members(s) {
            let chars = &self.classes[c].chars;
            if j < chars.len() {
                return Ok(chars[j]);
            }
            j -= chars.len();
        }
        Err(Error::Internal)
    }
}

// ---- One-pass sampling: independent indices, or whole strings with rejection ----

/// How a policy's passwords are drawn.  Every strategy is exactly uniform
/// over the strings that meet the policy; they differ only in cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    /// No minimum: `length` independent uniform indices, one pass.
    Independent,
    /// Whole uniform strings over the alphabet, the first that meets the
    /// minimums kept.  Rejection sampling of a uniform distribution is
    /// uniform over what it accepts.  After [`MAX_REJECTIONS`] rejected
    /// strings the counting sampler takes over, which is uniform too, so the
    /// mixture is exactly uniform: with acceptance probability `p` over `N`
    /// valid strings, a given one comes out with probability
    /// `(1 - (1-p)^K) / N + (1-p)^K / N = 1 / N`.
    Rejection,
    /// The counting sampler of the module docs.
    Counting,
    /// One uniform index below the number of valid strings, drawn with the
    /// wide multiply, and the string of that rank (`unrank.rs`): ASCII
    /// policies whose minimums are 0 or 1, with fewer than 2^128 strings.
    /// After [`UNRANK_TRIES`] rejected draws (each with probability below
    /// 2^-64) the counting sampler takes over, exactly uniform as for
    /// [`Strategy::Rejection`].
    Unrank,
}

/// Wide draws tried before the counting sampler takes over.
pub(crate) const UNRANK_TRIES: usize = 4;

/// Whole strings tried before the counting sampler takes over.  Rejection
/// is chosen only when the acceptance probability is at least 1/2, so the
/// fallback happens with probability at most 2^-32.
pub(crate) const MAX_REJECTIONS: usize = 32;

/// A lower bound on the probability that a uniform string of `n` characters
/// over `total` characters meets every `(a_c, p_c)` minimum (`a_c` characters
/// in the class): one minus the union bound of the binomial tails
/// `P(Bin(n, a_c/total) < p_c)`.  Floating point decides only which exact
/// sampler runs, never a drawn value.
fn acceptance_lower_bound(n: usize, total: usize, classes: &[(usize, usize)]) -> f64 {
    let mut fail = 0.0f64;
    for &(a, m) in classes {
        if a >= total {
            continue; // every character is of this class: always met (m <= n)
        }
        let q = a as f64 / total as f64;
        let ratio = q / (1.0 - q);
        // P(K = 0), then P(K = k + 1) = P(K = k) (n - k)/(k + 1) q/(1 - q)
        let mut term = (1.0 - q).powi(n.min(i32::MAX as usize) as i32);
        for k in 0..m.min(n + 1) {
            fail += term;
            term *= (n - k) as f64 / (k + 1) as f64 * ratio;
        }
    }
    1.0 - fail
}

/// The strategy for a policy with these minimums.
fn choose(n: usize, total: usize, classes: &[(usize, usize)]) -> Strategy {
    if classes.is_empty() {
        Strategy::Independent
    } else if acceptance_lower_bound(n, total, classes) >= 0.5 {
        Strategy::Rejection
    } else {
        Strategy::Counting
    }
}

/// The entropy need of drawing whole strings until one meets the policy:
/// one string of `string_bytes` accepted, a try failing with probability at
/// most `1 - p_accept` (see [`crate::entropy::budget`]; with
/// `string_bytes == 1` the budget counts strings).
fn strings_need(string_bytes: usize, p_accept: f64) -> Need {
    Need::tries(1, string_bytes, 1.0 - p_accept)
}

impl Plan {
    /// The minimums as `(characters in the class, minimum)`.
    fn minimums(&self) -> ([(usize, usize); 4], usize) {
        let mut m = [(0, 0); 4];
        for (slot, c) in m.iter_mut().zip(&self.classes) {
            *slot = (c.chars.len(), c.min);
        }
        (m, self.classes.len())
    }

    /// The strategy [`Plan::generate`] and [`Plan::sample`] use.
    pub fn strategy(&self) -> Strategy {
        let (m, k) = self.minimums();
        choose(self.length, self.chars.len(), &m[..k])
    }

    /// Whether the alphabet indices `picks` meet every minimum.
    fn meets_minimums(&self, picks: &[u32]) -> bool {
        let mut have = [0usize; 4];
        for &i in picks {
            have[Class::of(self.chars[i as usize]) as usize] += 1;
        }
        self.classes.iter().all(|c| {
            let class = Class::of(self.chars[c.chars[0] as usize]) as usize;
            have[class] >= c.min
        })
    }

    /// Up to [`MAX_REJECTIONS`] uniform strings into `picks`; `true` when one
    /// meets the minimums (it is left in `picks`).
    fn reject<R: Rng + ?Sized>(&self, rng: &mut R, picks: &mut [u32]) -> Result<bool> {
        let a = self.chars.len();
        for _ in 0..MAX_REJECTIONS {
            for p in picks.iter_mut() {
                *p = sample::index(rng, a)? as u32;
            }
            if self.meets_minimums(picks) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// [`Plan::sample`] with a given strategy (any strategy is exact for any
    /// policy; `Independent` only applies without minimums).
    pub fn sample_with<R: Rng + ?Sized>(
        &self,
        strategy: Strategy,
        rng: &mut R,
        picks: &mut [u32],
    ) -> Result<()> {
        match strategy {
            Strategy::Independent if self.classes.is_empty() => self.walk(None, rng, picks),
            Strategy::Rejection if picks.len() == self.length => {
                if self.reject(rng, picks)? {
                    return Ok(());
                }
                self.sample_with(Strategy::Counting, rng, picks)
            }
            Strategy::Counting => {
                if self.classes.is_empty() {
                    return self.walk(None, rng, picks);
                }
                let mut table = Table::new(self)?;
                table.run_forward(self.length)?;
                self.walk(Some(&mut table), rng, picks)
            }
            _ => Err(Error::Internal),
        }
    }
}

/// The password fast path: an ASCII alphabet of at most 128 characters (the
/// default one among them) and a policy that needs no counting.  No
/// allocation: the alphabet, the random bytes and the output stay on the
/// stack or in the caller's buffer.  Each character is one random byte
/// masked to the next power of two above the alphabet size, rejected when
/// it falls past the alphabet (exactly uniform; at least half the bytes are
/// kept).  [`AsciiPlan::new`] returns `None` for every other policy,
/// including every invalid one, so errors always come from [`Plan::new`].
#[derive(Debug, Clone)]
pub struct AsciiPlan<'a> {
    chars: &'a [u8],
    size: usize,
    mask: u8,
    /// Bits per field: log2 of the alphabet size rounded up (at least 1).
    bits: u32,
    length: usize,
    min: [usize; 4],
    strategy: Strategy,
    /// Bytes drawn per OS request.
    pool: usize,
    /// The constrained classes (values of [`Class`]) with their sizes, in
    /// class order, the first `constrained_len` used: the buckets of
    /// [`Strategy::Unrank`].
    constrained: [(u8, u64); 4],
    constrained_len: usize,
}

/// Random bytes an [`AsciiPlan`] draws at once (on the stack).
const ASCII_POOL: usize = 256;

impl<'a> AsciiPlan<'a> {
    /// The fast plan for `policy`, or `None` (see the type's docs).
    pub fn new(policy: &Policy<'a>) -> Option<AsciiPlan<'a>> {
        let n = policy.length;
        if n == 0 || n > ASCII_POOL / 2 {
            return None;
        }
        let (bytes, in_class) = match policy.alphabet {
            // the default alphabet: 26 lower, 26 upper, 10 digits, checked
            // once by a test
            None => (alphabet::DEFAULT.as_bytes(), [26, 26, 10, 0]),
            Some(bytes) => {
                if bytes.is_empty() || bytes.len() > 128 {
                    return None;
                }
                let mut seen = 0u128;
                let mut in_class = [0usize; 4];
                for &b in bytes {
                    if b == 0 || b >= 0x80 || seen & (1u128 << b) != 0 {
                        return None;
                    }
                    seen |= 1u128 << b;
                    in_class[Class::of(b as char) as usize] += 1;
                }
                (bytes, in_class)
            }
        };
        let mut classes = [(0, 0); 4];
        let mut constrained = [(0u8, 0u64); 4];
        let mut k = 0;
        let mut sum = 0usize;
        for (c, &m) in policy.min.iter().enumerate() {
            if m > 0 {
                if in_class[c] == 0 {
                    return None;
                }
                classes[k] = (in_class[c], m);
                constrained[k] = (c as u8, in_class[c] as u64);
                k += 1;
                sum = sum.checked_add(m)?;
            }
        }
        if sum > n {
            return None;
        }
        let size = bytes.len();
        let base = AsciiPlan {
            chars: bytes,
            size,
            mask: 0,
            bits: 0,
            length: n,
            min: policy.min,
            strategy: Strategy::Unrank,
            pool: 0,
            constrained,
            constrained_len: k,
        };
        // minimums of 1 and fewer than 2^128 strings: one wide draw and
        // the string of that rank, whatever the acceptance probability
        if k > 0 && n <= unrank::MAX_LEN && classes[..k].iter().all(|&(_, m)| m == 1) {
            if let Some(bound) = unrank::pow_fits(size as u64, n) {
                let need = Need::tries(
                    1,
                    unrank::wide_bytes(bound),
                    2f64.powi(-(unrank::EXTRA_BITS as i32)),
                );
                let pool = budget(&[need]);
                if pool <= ASCII_POOL {
                    return Some(AsciiPlan { pool, ..base });
                }
            }
        }
        let strategy = choose(n, size, &classes[..k]);
        let p = match strategy {
            Strategy::Independent => 1.0,
            Strategy::Rejection => acceptance_lower_bound(n, size, &classes[..k]),
            Strategy::Counting | Strategy::Unrank => return None,
        };
        let span = size.next_power_of_two();
        let bits = span.trailing_zeros().max(1);
        let per_word = (64 / bits) as usize;
        // fields per string: n / (size / span) expected, then words for the
        // strings, plus two spare words for field rejections
        // the model in units of fields: the strings until one meets the
        // policy (at most MAX_REJECTIONS are tried), then their fields,
        // each rejected with probability 1 - size/span
        let strings = if p >= 1.0 {
            1 // no minimum: one string (what the budget gives, without its cost)
        } else {
            budget(&[strings_need(1, p)]).min(MAX_REJECTIONS)
        };
        let field_need = Need::tries(
            n.saturating_mul(strings),
            1,
            1.0 - size as f64 / span as f64,
        );
        let pool = budget(&[field_need]).div_ceil(per_word) * 8;
        if pool > ASCII_POOL {
            return None; // long strings or many rejections: the general path
        }
        Some(AsciiPlan {
            mask: (span - 1) as u8,
            bits,
            strategy,
            pool,
            ..base
        })
    }

    /// Code points (= bytes) of the password.
    pub fn length(&self) -> usize {
        self.length
    }

    /// Which sampler this plan runs (`Independent` or `Rejection`).
    #[cfg(test)]
    pub fn strategy(&self) -> Strategy {
        self.strategy
    }

    /// Writes a password into `out[..length]`.  `Ok(None)` means that
    /// [`MAX_REJECTIONS`] strings were rejected (probability at most
    /// 2^-32): the caller runs the counting sampler instead, which keeps the
    /// output exactly uniform (see [`Strategy::Rejection`]).  One OS request
    /// of [`AsciiPlan`]'s pool size (another only if byte and string
    /// rejections run it dry).  The random bytes are wiped before return.
    pub fn generate<S: RandomSource>(
        &self,
        mut source: S,
        out: &mut [u8],
    ) -> Result<Option<usize>> {
        let n = self.length;
        let out = out.get_mut(..n).ok_or(Error::Internal)?;
        if self.strategy == Strategy::Unrank {
            return self.unrank(source, out);
        }
        let mut buf = [0u8; ASCII_POOL];
        let r = self.fill_strings(&mut source, &mut buf, out);
        buf[..self.pool].zeroize();
        r
    }

    /// [`Strategy::Unrank`]: up to [`UNRANK_TRIES`] wide draws of `pool`
    /// bytes (one OS request each; a second one has probability below
    /// 2^-64), the first accepted index unranked into `out`.
    fn unrank<S: RandomSource>(&self, mut source: S, out: &mut [u8]) -> Result<Option<usize>> {
        let mut counts = unrank::Counts::EMPTY;
        self.counts(&mut counts)?;
        let count = counts.count();
        let bits = (self.pool * 8) as u32;
        let mut buf = [0u8; 32];
        let mut x = [0u64; 4];
        let mut index = None;
        let mut result = Ok(());
        for _ in 0..UNRANK_TRIES {
            if let Err(e) = source.fill(&mut buf[..self.pool]) {
                result = Err(e);
                break;
            }
            for (limb, chunk) in x.iter_mut().zip(buf.chunks_exact(8)) {
                // (a register: no copy left in memory)
                *limb = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            }
            index = unrank::wide_index(&x, bits, count);
            if index.is_some() {
                break;
            }
        }
        buf[..self.pool].zeroize(); // the rest was never written
        x.zeroize();
        result?;
        let Some(mut r) = index else {
            return Ok(None);
        };
        let mut order = [0u8; 128];
        let buckets = self.buckets(&mut order);
        let res = counts.unrank(r, self.chars, &buckets, out);
        r.zeroize();
        res.map(|()| Some(out.len()))
    }

    /// The counts of [`Strategy::Unrank`] into `counts` (fresh: the
    /// ranking walks them).
    #[inline(always)]
    fn counts(&self, counts: &mut unrank::Counts) -> Result<()> {
        let classes = &self.constrained[..self.constrained_len];
        if counts.init(self.size as u64, classes, self.length) {
            Ok(())
        } else {
            Err(Error::Internal)
        }
    }

    /// The string of rank `r` of [`Strategy::Unrank`] (the tests' way in).
    #[cfg(test)]
    fn unrank_index(&self, r: u128, out: &mut [u8]) -> Result<()> {
        let mut order = [0u8; 128];
        let buckets = self.buckets(&mut order);
        let mut counts = unrank::Counts::EMPTY;
        self.counts(&mut counts)?;
        counts.unrank(r, self.chars, &buckets, out)
    }

    /// The number of valid strings, by [`Strategy::Unrank`]'s counts.
    #[cfg(test)]
    fn unrank_count(&self) -> Result<u128> {
        let mut counts = unrank::Counts::EMPTY;
        self.counts(&mut counts)?;
        Ok(counts.count())
    }

    /// The alphabet by class for [`Strategy::Unrank`], sorted into `order`
    /// (the default alphabet is sorted already).
    fn buckets<'b>(&self, order: &'b mut [u8; 128]) -> unrank::Buckets<'b>
    where
        'a: 'b,
    {
        let class_of = self.constrained.map(|(class, _)| class);
        if core::ptr::eq(self.chars, alphabet::DEFAULT.as_bytes()) {
            return unrank::Buckets {
                order: self.chars,
                off: [0, 26, 52, 62],
                size: [26, 26, 10, 0],
                class_of,
            };
        }
        let mut size = [0usize; 4];
        for &ch in self.chars {
            size[Class::of(ch as char) as usize] += 1;
        }
        let off = [0, size[0], size[0] + size[1], size[0] + size[1] + size[2]];
        let mut at = off;
        for &ch in self.chars {
            let c = Class::of(ch as char) as usize;
            order[at[c]] = ch;
            at[c] += 1;
        }
        unrank::Buckets {
            order: &order[..self.chars.len()],
            off,
            size,
            class_of,
        }
    }

    fn fill_strings<S: RandomSource>(
        &self,
        source: &mut S,
        buf: &mut [u8; ASCII_POOL],
        out: &mut [u8],
    ) -> Result<Option<usize>> {
        let pool = &mut buf[..self.pool];
        let mut pos = pool.len(); // empty: drawn on first use
        let per_word = 64 / self.bits;
        let mut word = 0u64;
        let mut left = 0u32; // fields still unread in `word`
        let r = self.strings_from(source, pool, &mut pos, &mut word, &mut left, per_word, out);
        word.zeroize();
        r
    }

    /// The loop of [`AsciiPlan::fill_strings`]: each character is one
    /// `bits`-bit field of a little-endian pool word, kept if it is below
    /// the alphabet size.
    #[allow(clippy::too_many_arguments)]
    fn strings_from<S: RandomSource>(
        &self,
        source: &mut S,
        pool: &mut [u8],
        pos: &mut usize,
        word: &mut u64,
        left: &mut u32,
        per_word: u32,
        out: &mut [u8],
    ) -> Result<Option<usize>> {
        let tries = if self.strategy == Strategy::Rejection {
            MAX_REJECTIONS
        } else {
            1
        };
        for _ in 0..tries {
            let mut have = [0usize; 4];
            for o in out.iter_mut() {
                let c = loop {
                    if *left == 0 {
                        if *pos == pool.len() {
                            source.fill(pool)?;
                            *pos = 0;
                        }
                        let mut w = [0u8; 8];
                        w.copy_from_slice(&pool[*pos..*pos + 8]);
                        *word = u64::from_le_bytes(w);
                        w.zeroize();
                        *pos += 8;
                        *left = per_word;
                    }
                    let v = (*word as u8 & self.mask) as usize;
                    *word >>= self.bits;
                    *left -= 1;
                    if v < self.size {
                        break self.chars[v];
                    }
                };
                *o = c;
            }
            if tries == 1 {
                return Ok(Some(out.len())); // no minimum to check
            }
            for &c in out.iter() {
                // Class::of without branches (the characters are random)
                let lower = (c.wrapping_sub(b'a') < 26) as usize;
                let upper = (c.wrapping_sub(b'A') < 26) as usize;
                let digit = (c.wrapping_sub(b'0') < 10) as usize;
                have[0] += lower;
                have[1] += upper;
                have[2] += digit;
                have[3] += 1 - lower - upper - digit;
            }
            if have.iter().zip(&self.min).all(|(h, m)| h >= m) {
                return Ok(Some(out.len()));
            }
        }
        Ok(None)
    }
}

/// `n` zeros, allocated fallibly (`TooLarge` when memory runs out).
fn zeroed_u32(n: usize) -> Result<Vec<u32>> {
    filled(n, || 0)
}

/// `n` values of `f()`, allocated fallibly.
fn filled<T>(n: usize, f: impl FnMut() -> T) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| Error::TooLarge)?;
    v.resize_with(n, f);
    Ok(v)
}

/// The classes (bit positions) of a subset mask.
fn members(mask: usize) -> impl Iterator<Item = usize> {
    (0..4).filter(move |c| mask & (1 << c) != 0)
}

/// The scaled table `h_T(t)` of the module docs for every subset `T` of
/// the constrained classes, at one global time `t`.
struct Table {
    /// `A_T` (characters available), by subset mask.
    size: Vec<u64>,
    /// `o_T`, by subset mask.
    o: Vec<usize>,
    /// `h_T(t)`, by subset mask.
    h: Vec<Nat>,
    /// `h_∅` at index 0: `o_∅! · Π_C a_c^p_c`.
    base: Nat,
    t: usize,
    /// The largest value seen going forward, in bits (backward values are
    /// the same numbers).
    max_bits: u64,
}

/// A division or subtraction that the recurrence says is exact was not: a
/// bug, reported rather than turned into a wrong password.
fn exact(ok: bool) -> Result<()> {
    if ok {
        Ok(())
    } else {
        Err(Error::Internal)
    }
}

impl Table {
    /// The table at `t = 0`.
    fn new(plan: &Plan) -> Result<Table> {
        let k = plan.classes.len();
        let masks = 1usize << k;
        let a_free = plan.free.len() as u64;
        let mut size = filled(masks, || a_free)?;
        let mut o = filled(masks, || 0usize)?;
        for (mask, (size, o)) in size.iter_mut().zip(o.iter_mut()).enumerate() {
            for (c, class) in plan.classes.iter().enumerate() {
                if mask & (1 << c) != 0 {
                    *size += class.chars.len() as u64;
                } else {
                    *o += class.min - 1;
                }
            }
        }
        let mut base = Nat::factorial(o[0])?;
        for class in &plan.classes {
            for _ in 0..class.min {
                base.mul_small(class.chars.len() as u64)?;
            }
        }
        let mut h = filled(masks, Nat::zero)?;
        if o[0] == 0 {
            h[0] = base.try_clone()?;
        }
        let max_bits = h[0].bits();
        Ok(Table {
            size,
            o,
            h,
            base,
            t: 0,
            max_bits,
        })
    }

    fn full(&self) -> usize {
        self.h.len() - 1
    }

    /// Limbs for the sampler's `r`, which stays below `x * h` for some `h`
    /// of the table and `x <= MAX_LENGTH < 2^13`.
    fn limbs(&self) -> usize {
        (self.max_bits as usize + 13) / 64 + 2
    }

    /// `h_T` where its index `x_T` is 0: the empty string counts once (the
    /// scale `base`) for the empty set, and no string meets a class minimum.
    fn at_index_zero(&self, mask: usize) -> Result<Nat> {
        if mask == 0 {
            self.base.try_clone()
        } else {
            Ok(Nat::zero())
        }
    }

    /// Advances to `t = n`.
    fn run_forward(&mut self, n: usize) -> Result<()> {
        while self.t < n {
            self.forward()?;
        }
        Ok(())
    }

    /// `t -> t + 1`.  Supersets first: `T` needs the old `h_{T\c}`.
    fn forward(&mut self) -> Result<()> {
        let t1 = self.t + 1;
        for mask in (0..self.h.len()).rev() {
            let o = self.o[mask];
            if t1 < o {
                continue; // index still negative: 0
            }
            let x1 = t1 - o;
            if x1 == 0 {
                self.h[mask] = self.at_index_zero(mask)?;
                continue;
            }
            let mut acc = core::mem::take(&mut self.h[mask]);
            acc.mul_small(self.size[mask])?;
            for c in members(mask) {
                acc.add(&self.h[mask & !(1 << c)])?;
            }
            if o > 0 {
                acc.mul_small(t1 as u64)?;
                exact(acc.div_exact(x1 as u64))?;
            }
            self.max_bits = self.max_bits.max(acc.bits());
            self.h[mask] = acc;
        }
        self.t = t1;
        Ok(())
    }

    /// `t -> t - 1` for the subsets of `within` (the others are no longer
    /// needed).  Subsets first: `T` needs the new `h_{T\c}`.
    fn backward(&mut self, within: usize) -> Result<()> {
        let t = self.t.checked_sub(1).ok_or(Error::Internal)?;
        for mask in 0..self.h.len() {
            if mask & !within != 0 {
                continue;
            }
            let o = self.o[mask];
            if t < o {
                self.h[mask] = Nat::zero();
                continue;
            }
            let x = t - o;
            if x == 0 {
                self.h[mask] = self.at_index_zero(mask)?;
                continue;
            }
            if self.size[mask] == 0 {
                // only the empty set with an empty free pool: no strings
                self.h[mask] = Nat::zero();
                continue;
            }
            let mut v = core::mem::take(&mut self.h[mask]);
            if o > 0 {
                v.mul_small((x + 1) as u64)?;
                exact(v.div_exact((t + 1) as u64))?;
            }
            for c in members(mask) {
                exact(v.sub(&self.h[mask & !(1 << c)]))?;
            }
            exact(v.div_exact(self.size[mask]))?;
            self.h[mask] = v;
        }
        self.t = t;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
