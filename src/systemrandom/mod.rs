//! The uniform half of Python's `random.SystemRandom`:
//! `random`, `uniform`, `randrange`, `randint`, `shuffle`, `sample` and
//! `choices` (the distributions live in [`crate::distributions`]), one
//! submodule per concept: [`ranges`], [`shuffle`], [`sampling`], [`choices`].
//!
//! Everything here is safe Rust generic over [`Rng`], so the tests feed
//! scripted words and count OS requests.  Integer results are exact: every
//! index comes from [`sample::below`] (Lemire's rejection method), and the
//! range arithmetic is done in `i128`/`u128`, so no `int64_t` or `size_t`
//! argument can overflow anything.  Floats appear only where Python uses
//! them: `random()` itself and weighted `choices`.

use crate::entropy::{Need, Rng};
use crate::error::{Error, Result};
use crate::sample::{self, index_below, Word};
use zeroize::Zeroizing;

/// `2^-53`: Python's `RECIP_BPF`.
const RECIP_BPF: f64 = 1.0 / 9007199254740992.0;

/// Python's `SystemRandom.random()`: 53 random bits times `2^-53`, so the
/// result is a multiple of `2^-53` in `[0, 1)` and every multiple is equally
/// likely.  Draws one 64-bit word and keeps its top 53 bits.
#[inline]
pub fn random<R: Rng + ?Sized>(rng: &mut R) -> Result<f64> {
    Ok((rng.next_u64()? >> 11) as f64 * RECIP_BPF)
}

/// `InvalidArgument` unless every parameter is finite (docs/reference.md: NaN and
/// infinite `double` parameters are invalid everywhere).
#[inline]
pub fn check_finite(params: &[f64]) -> Result<()> {
    if params.iter().all(|p| p.is_finite()) {
        Ok(())
    } else {
        Err(Error::InvalidArgument)
    }
}

/// Python's `a + (b - a) * t`, except that when `b - a` overflows (finite
/// `a` and `b` more than `DBL_MAX` apart) it is computed on halves, which is
/// exact scaling: the result stays finite and between `a` and `b` where
/// Python would return an infinity or a NaN.
#[inline]
pub fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if d.is_finite() {
        a + d * t
    } else {
        let (a2, b2) = (a * 0.5, b * 0.5);
        2.0 * (a2 + (b2 - a2) * t)
    }
}

/// Python's `uniform(a, b)`: `a + (b - a) * random()`, a value between `a`
/// and `b` (`a > b` is allowed).  Non-finite parameters are invalid.
pub fn uniform<R: Rng + ?Sized>(rng: &mut R, a: f64, b: f64) -> Result<f64> {
    check_finite(&[a, b])?;
    Ok(lerp(a, b, random(rng)?))
}

mod choices;
mod ranges;
mod sampling;
mod shuffle;
#[cfg(test)]
mod tests;

pub use choices::*;
pub use ranges::*;
pub use sampling::*;
pub use shuffle::*;
