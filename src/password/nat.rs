//! The password table's natural numbers: little-endian 64-bit limbs and
//! just the operations the scaled recurrence needs, all in place and all
//! with a small (single-limb) factor or another `Nat`.
//!
//! Every division in the recurrence is exact, so it uses exact division by
//! a modular inverse (Jebelean 1993, GMP's `mpn_divexact_1`): two
//! multiplications per limb instead of a hardware 128-by-64 division.  A
//! division that is not exact, or a subtraction that would go negative, is
//! reported (`false`) rather than producing a wrong number; the table turns
//! that into `SECRETS_ERR_INTERNAL`.  These numbers are public counts, not
//! secrets; the sampler's one secret number is a [`Secret`], a fixed-width
//! `Nat` that is wiped on drop.

use crate::entropy::Rng;
use crate::error::{Error, Result};
use crate::sample;
#[cfg(test)]
use num_bigint::BigUint;
use zeroize::{Zeroize, Zeroizing};

/// Room for `n` more limbs, allocated fallibly: running out of memory is
/// `SECRETS_ERR_TOO_LARGE`, never an abort.
fn reserve<T>(v: &mut Vec<T>, n: usize) -> Result<()> {
    v.try_reserve(n).map_err(|_| Error::TooLarge)
}

/// `a -= x` across all of `a` (`x` no longer than `a`); the borrow out.
fn sub_limbs(a: &mut [u64], x: &[u64]) -> bool {
    let mut borrow = false;
    let mut xd = x.iter();
    for limb in a.iter_mut() {
        let (d, b1) = limb.overflowing_sub(xd.next().copied().unwrap_or(0));
        let (d, b2) = d.overflowing_sub(borrow as u64);
        *limb = d;
        borrow = b1 || b2;
    }
    borrow
}

/// `a += x * m` across all of `a` (`x` no longer than `a`); the carry out.
fn add_mul_limbs(a: &mut [u64], x: &[u64], m: u64) -> u64 {
    let mut carry: u128 = 0;
    let mut xd = x.iter();
    for limb in a.iter_mut() {
        let v = *limb as u128 + *xd.next().unwrap_or(&0) as u128 * m as u128 + carry;
        *limb = v as u64;
        carry = v >> 64;
    }
    carry as u64
}

/// A natural number; no zero limbs at the top.
#[derive(Debug, Default, PartialEq, Eq)]
#[cfg_attr(test, derive(Clone))] // the library copies with `try_clone`
pub(super) struct Nat(Vec<u64>);

impl Nat {
    pub(super) fn zero() -> Nat {
        Nat(Vec::new())
    }

    pub(super) fn from_u64(v: u64) -> Result<Nat> {
        let mut n = Nat::zero();
        reserve(&mut n.0, 1)?;
        n.0.push(v);
        n.normalize();
        Ok(n)
    }

    /// A copy (fallible, unlike `Clone`).
    pub(super) fn try_clone(&self) -> Result<Nat> {
        let mut n = Nat::zero();
        reserve(&mut n.0, self.0.len())?;
        n.0.extend_from_slice(&self.0);
        Ok(n)
    }

    fn normalize(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    #[cfg(test)]
    pub(super) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    /// The limbs, least significant first.
    #[cfg(test)]
    pub(super) fn limbs(&self) -> &[u64] {
        &self.0
    }

    /// The bit length (0 for zero).
    pub(super) fn bits(&self) -> u64 {
        match self.0.last() {
            Some(top) => 64 * self.0.len() as u64 - top.leading_zeros() as u64,
            None => 0,
        }
    }

    /// `self *= m`.
    pub(super) fn mul_small(&mut self, m: u64) -> Result<()> {
        let mut carry: u128 = 0;
        for limb in self.0.iter_mut() {
            let v = *limb as u128 * m as u128 + carry;
            *limb = v as u64;
            carry = v >> 64;
        }
        if carry != 0 {
            reserve(&mut self.0, 1)?;
            self.0.push(carry as u64);
        }
        self.normalize(); // m == 0
        Ok(())
    }

    /// `self = x * m`, reusing `self`'s allocation.
    pub(super) fn set_mul_small(&mut self, x: &Nat, m: u64) -> Result<()> {
        self.0.clear();
        reserve(&mut self.0, x.0.len() + 1)?;
        self.0.extend_from_slice(&x.0);
        self.mul_small(m)
    }

    /// `self += x`.
    pub(super) fn add(&mut self, x: &Nat) -> Result<()> {
        let xl = x.0.len();
        if self.0.len() < xl {
            let more = xl - self.0.len() + 1;
            reserve(&mut self.0, more)?;
            self.0.resize(xl, 0);
        }
        let carry = add_mul_limbs(&mut self.0, &x.0, 1);
        if carry != 0 {
            reserve(&mut self.0, 1)?;
            self.0.push(carry);
        }
        Ok(())
    }

    /// `self -= x`; `false` (and `self` unspecified) if `x > self`.
    #[must_use]
    pub(super) fn sub(&mut self, x: &Nat) -> bool {
        if x.0.len() > self.0.len() {
            return false;
        }
        let borrow = sub_limbs(&mut self.0, &x.0);
        self.normalize();
        !borrow
    }

    /// `self /= d` for a `d >= 1` that divides `self`; `false` if it does not.
    #[must_use]
    pub(super) fn div_exact(&mut self, d: u64) -> bool {
        if d == 0 {
            return false;
        }
        // the power of two: a shift, exact if the low bits are zero
        let z = d.trailing_zeros();
        if z > 0 {
            if self.0.first().is_some_and(|&l| l & ((1u64 << z) - 1) != 0) {
                return false;
            }
            let n = self.0.len();
            for i in 0..n {
                let hi = if i + 1 < n {
                    self.0[i + 1] << (64 - z)
                } else {
                    0
                };
                self.0[i] = (self.0[i] >> z) | hi;
            }
            self.normalize();
        }
        let d = d >> z;
        if d == 1 {
            return true;
        }
        // d * inv = 1 mod 2^64 (Newton: each step doubles the correct bits,
        // and any odd d is its own inverse mod 8)
        let mut inv = d;
        for _ in 0..5 {
            inv = inv.wrapping_mul(2u64.wrapping_sub(d.wrapping_mul(inv)));
        }
        let mut borrow = 0u64;
        for limb in self.0.iter_mut() {
            let (s, b) = limb.overflowing_sub(borrow);
            let q = s.wrapping_mul(inv);
            *limb = q;
            // q * d has low limb s: what is left to take from the next limb
            borrow = ((q as u128 * d as u128) >> 64) as u64 + b as u64;
        }
        self.normalize();
        borrow == 0
    }

    /// `base^exp`.
    pub(super) fn pow(base: u64, exp: usize) -> Result<Nat> {
        let mut n = Nat::from_u64(1)?;
        for _ in 0..exp {
            n.mul_small(base)?;
        }
        Ok(n)
    }

    /// `k!`.
    pub(super) fn factorial(k: usize) -> Result<Nat> {
        let mut n = Nat::from_u64(1)?;
        for i in 2..=k as u64 {
            n.mul_small(i)?;
        }
        Ok(n)
    }

    /// Big-endian bytes, no leading zero byte (empty for zero).
    pub(super) fn to_bytes_be(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        reserve(&mut out, 8 * self.0.len())?;
        out.extend(self.0.iter().rev().flat_map(|l| l.to_be_bytes()));
        let lead = out.iter().take_while(|&&b| b == 0).count();
        out.drain(..lead);
        Ok(out)
    }

    #[cfg(test)]
    pub(super) fn to_biguint(&self) -> Result<BigUint> {
        Ok(BigUint::from_bytes_be(&self.to_bytes_be()?))
    }

    /// log2 of a non-zero value, from its bit length and top 64 bits.
    pub(super) fn log2(&self) -> f64 {
        let bits = self.bits();
        let n = self.0.len();
        let top = match n {
            0 => return f64::NEG_INFINITY,
            1 => return (self.0[0] as f64).log2(),
            _ => {
                let s = bits - 64 * (n as u64 - 1); // bits in the top limb
                if s == 64 {
                    self.0[n - 1]
                } else {
                    (self.0[n - 1] << (64 - s)) | (self.0[n - 2] >> s)
                }
            }
        };
        (bits - 64) as f64 + (top as f64).log2()
    }
}

/// The sampler's secret big integer: a `Nat` of a fixed width, chosen up
/// front so that every value the sampler reaches fits, and so allowed zero
/// limbs at the top.  It is changed only in place (no allocation after
/// [`Secret::below`]), never handed out as a `Nat`, and wiped on drop.
pub(super) struct Secret(Nat);

impl Drop for Secret {
    fn drop(&mut self) {
        self.0 .0.zeroize();
    }
}

impl Secret {
    /// Uniform below `bound` (> 0), with room for `limbs` limbs.
    pub(super) fn below<R: Rng + ?Sized>(rng: &mut R, bound: &Nat, limbs: usize) -> Result<Secret> {
        let ub = bound.to_bytes_be()?;
        let mut be = Zeroizing::new(Vec::new());
        reserve(&mut be, ub.len())?;
        be.resize(ub.len(), 0u8);
        sample::below_be(rng, &ub, &mut be)?;
        let mut v = Secret(Nat::zero());
        let width = limbs.max(bound.0.len());
        reserve(&mut v.0 .0, width)?;
        v.0 .0.resize(width, 0);
        for (limb, chunk) in v.0 .0.iter_mut().zip(be.rchunks(8)) {
            for &b in chunk {
                *limb = (*limb << 8) | b as u64;
            }
        }
        Ok(v)
    }

    /// The limbs, least significant first (the top ones may be zero).
    #[cfg(test)]
    pub(super) fn limbs(&self) -> &[u64] {
        &self.0 .0
    }

    /// `self < x`.
    pub(super) fn lt(&self, x: &Nat) -> bool {
        let (a, b) = (&self.0 .0, &x.0);
        if b.len() > a.len() {
            return true; // x has a non-zero limb above ours
        }
        for i in (0..a.len()).rev() {
            let (a, b) = (a[i], b.get(i).copied().unwrap_or(0));
            if a != b {
                return a < b;
            }
        }
        false
    }

    /// `self -= x`, for `x <= self`; `Internal` otherwise.
    pub(super) fn sub(&mut self, x: &Nat) -> Result<()> {
        let ok = x.0.len() <= self.0 .0.len() && !sub_limbs(&mut self.0 .0, &x.0);
        if ok {
            Ok(())
        } else {
            Err(Error::Internal)
        }
    }

    /// `self = self div d`; returns `self mod d`.  `d >= 1`.
    pub(super) fn div_small(&mut self, d: u64) -> u64 {
        let mut rem: u128 = 0;
        for limb in self.0 .0.iter_mut().rev() {
            let cur = (rem << 64) | *limb as u128;
            *limb = (cur / d as u128) as u64;
            rem = cur % d as u128;
        }
        rem as u64
    }

    /// `self += x * u`, which fits by the choice of the width; `Internal`
    /// otherwise.
    pub(super) fn add_mul(&mut self, x: &Nat, u: u64) -> Result<()> {
        let ok = x.0.len() <= self.0 .0.len() && add_mul_limbs(&mut self.0 .0, &x.0, u) == 0;
        if ok {
            Ok(())
        } else {
            Err(Error::Internal)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alphabet::testing::SplitMix;
    use crate::entropy::Rng;

    fn random(rng: &mut SplitMix, limbs: usize) -> Nat {
        let mut v = vec![0u64; limbs];
        for l in v.iter_mut() {
            *l = rng.next_u64().unwrap();
        }
        let mut n = Nat(v);
        n.normalize();
        n
    }

    #[test]
    fn agrees_with_biguint() {
        let mut rng = SplitMix(77);
        for i in 0..2000 {
            let a = random(&mut rng, 1 + i % 9);
            let b = random(&mut rng, i % 7);
            let (ba, bb) = (a.to_biguint().unwrap(), b.to_biguint().unwrap());
            let m = match i % 4 {
                0 => 0,
                1 => 1 + i as u64,
                2 => u64::MAX - i as u64,
                _ => rng.next_u64().unwrap(),
            };

            let mut x = a.try_clone().unwrap();
            x.mul_small(m).unwrap();
            assert_eq!(x.to_biguint().unwrap(), &ba * m);
            let mut y = Nat::from_u64(5).unwrap();
            y.set_mul_small(&a, m).unwrap();
            assert_eq!(x, y);

            let mut x = a.try_clone().unwrap();
            x.add(&b).unwrap();
            assert_eq!(x.to_biguint().unwrap(), &ba + &bb);
            let mut x = b.try_clone().unwrap();
            x.add(&a).unwrap();
            assert_eq!(x.to_biguint().unwrap(), &ba + &bb);

            let mut x = a.try_clone().unwrap();
            assert_eq!(x.sub(&b), ba >= bb);
            if ba >= bb {
                assert_eq!(x.to_biguint().unwrap(), &ba - &bb);
            }

            // exact division of a * d by d, and a non-multiple refused
            if m != 0 {
                let mut x = a.try_clone().unwrap();
                x.mul_small(m).unwrap();
                assert!(x.div_exact(m));
                assert_eq!(x, a);
                if m > 1 && !a.is_zero() {
                    let mut x = a.try_clone().unwrap();
                    x.mul_small(m).unwrap();
                    x.add(&Nat::from_u64(1).unwrap()).unwrap();
                    assert!(!x.div_exact(m), "{a:?} * {m} + 1");
                }
            }
            assert_eq!(a.bits(), ba.bits());
            assert_eq!(
                a.to_bytes_be().unwrap(),
                if a.is_zero() {
                    vec![]
                } else {
                    ba.to_bytes_be()
                }
            );
            if !a.is_zero() {
                let want = if ba.bits() <= 64 {
                    (a.limbs()[0] as f64).log2()
                } else {
                    let top: u64 = (&ba >> (ba.bits() - 64)).try_into().unwrap();
                    (ba.bits() - 64) as f64 + (top as f64).log2()
                };
                assert_eq!(a.log2(), want);
            }
        }
    }

    #[test]
    fn powers_factorials_and_zero() {
        assert_eq!(
            Nat::pow(62, 16).unwrap().to_biguint().unwrap(),
            BigUint::from(62u32).pow(16)
        );
        assert_eq!(Nat::pow(7, 0).unwrap(), Nat::from_u64(1).unwrap());
        assert_eq!(Nat::factorial(0).unwrap(), Nat::from_u64(1).unwrap());
        let f30: BigUint = (1..=30u32).map(BigUint::from).product();
        assert_eq!(Nat::factorial(30).unwrap().to_biguint().unwrap(), f30);
        assert!(Nat::from_u64(0).unwrap().is_zero());
        let mut z = Nat::zero();
        assert!(z.div_exact(7) && z.is_zero());
        assert!(!z.div_exact(0));
        let mut one = Nat::from_u64(1).unwrap();
        assert!(!one.sub(&Nat::from_u64(2).unwrap()));
        assert!(!Nat::from_u64(12).unwrap().div_exact(8));
        assert_eq!(Nat::from_u64(1).unwrap().log2(), 0.0);
        let mut big = Nat::from_u64(1).unwrap();
        for _ in 0..300 {
            big.mul_small(2).unwrap();
        }
        assert_eq!(big.log2(), 300.0);
        assert!(big.div_exact(1 << 40));
        assert_eq!(big.bits(), 261);
    }
}
