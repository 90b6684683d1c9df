//! docs/reference.md section 5, the distributions of Python's `random` module, ported
//! from CPython's `Lib/random.py` (3.12): the same algorithms, the same
//! parameter meanings, the same domain errors (`ValueError` and
//! `ZeroDivisionError` both become `InvalidArgument`).
//!
//! Every function is safe Rust generic over [`Rng`], checks every parameter
//! before drawing anything, and takes its uniform variates from
//! [`random`](crate::systemrandom::random) (53 bits, as Python's
//! `SystemRandom.random`).  Differences from CPython, all deliberate:
//!
//! * NaN and infinite parameters are `InvalidArgument` (docs/reference.md).
//! * No state between calls: Python's `gauss` caches the second value of each
//!   Box-Muller pair in the `Random` instance; here every call draws a fresh
//!   pair and discards its second value (a cached random value would outlive
//!   the call and be shared across threads and forks).
//! * Whether a call fails never depends on the values drawn.  Where CPython
//!   would raise on an unlucky draw or an overflowing result (`log(0.0)` when
//!   `random()` returns exactly 0, a `math.exp` or `**` overflow), the IEEE
//!   result is returned instead (an infinity), or the draw is rejected inside
//!   a rejection loop.
//! * `binomialvariate` computes `log2(1 - p)` as `log1p(-p) / ln 2` and the
//!   BTRS acceptance test's log-factorial differences with a cancellation-free
//!   Stirling form, so it stays correct for `n` up to `2^64 - 1` and tiny `p`
//!   (where CPython's float `lgamma` differences lose all their digits and
//!   `log2(1.0 - p)` rounds to 0).
//! * `triangular` and the `uniform` it shares its arithmetic with survive
//!   `high - low` overflowing (see [`crate::systemrandom::lerp`]).

use crate::entropy::{budget, Need, OsSource, Pool, Rng};
use crate::error::{Error, Result};
use crate::systemrandom::{check_finite, random};
use core::f64::consts::{E, LN_2, PI};

/// `2 * pi`.
const TWOPI: f64 = 2.0 * PI;

// ---- entropy needs ----------------------------------------------------------
//
// What each family consumes, for the one budget model of
// [`crate::entropy::budget`]: a rejection loop is a try of two `random()`s
// (16 bytes) rejected with at most the probability below (each measured
// over the parameter range in the tests: `needs_match_consumption`).

/// One `random()`.
pub const ONE: Need = Need::exact(8);
/// Two `random()`s (`gauss`).
pub const TWO: Need = Need::exact(16);
/// `normalvariate`, `lognormvariate`: Box-Muller, two `random()`s.  (Python's
/// Kinderman-Monahan loop accepts with probability 0.7306: 22 tries, 352
/// bytes, would be needed to keep a second OS request below 2^-40, for a
/// call that usually consumes 16.)
pub(crate) const NORMAL: Need = TWO;
/// Best and Fisher's von Mises loop accepts with probability at least 0.66
/// whatever `kappa`; then one `random()` for the sign.
const VONMISES_LOOP: Need = Need::tries(1, 16, 0.35).plus(8);
/// Cheng's GB (`alpha > 1`) and Ahrens and Dieter's GS (`alpha < 1`) both
/// accept with probability above 0.7 (GB above 0.75; GS is lowest, 0.72,
/// near `alpha = 0.8`).
const GAMMA_LOOP: Need = Need::tries(1, 16, 0.3);
/// BTRS accepts with probability above 0.75 for `n p >= 10` (Hörmann).
const BTRS_LOOP: Need = Need::tries(1, 16, 0.3);

/// The need of `vonmisesvariate(_, kappa)`.
pub fn vonmises_need(kappa: f64) -> Need {
    if kappa <= 1e-6 {
        ONE
    } else {
        VONMISES_LOOP
    }
}

/// The need of `gammavariate(alpha, _)`.
pub fn gamma_need(alpha: f64) -> Need {
    if alpha == 1.0 {
        ONE
    } else {
        GAMMA_LOOP
    }
}

/// The need of `binomialvariate(n, p)`: Devroye's geometric method draws
/// one `random()` per success counted plus one (the successes are a
/// binomial of mean `n p < 10`), BTRS a rejection loop.
pub fn binomial_need(n: u64, p: f64) -> Need {
    if !(p > 0.0 && p < 1.0) || n == 0 {
        return Need::NONE;
    }
    if n == 1 {
        return ONE;
    }
    let mean = n as f64 * p.min(1.0 - p);
    if mean < 10.0 {
        Need {
            extra_mean: mean,
            ..Need::tries(1, 8, 0.0)
        }
    } else {
        BTRS_LOOP
    }
}

/// Runs `f` on a fresh pool from the OS sized by `needs` (the entry point
/// of the exports: the core decides every budget).
pub fn with_os<T>(needs: &[Need], f: impl FnOnce(&mut Pool<OsSource>) -> Result<T>) -> Result<T> {
    f(&mut Pool::new(OsSource, budget(needs)))
}

/// `ln 4`, CPython's `LOG4`.
const LOG4: f64 = 2.0 * LN_2;

/// `e^x - 1 - x` without cancellation: a Taylor series for small `|x|`.
fn expm1_minus_x(x: f64) -> f64 {
    if x.abs() < 1e-4 {
        // the next term, x^6 / 720, is below 2^-60 of the sum
        x * x * (0.5 + x * (1.0 / 6.0 + x * (1.0 / 24.0 + x / 120.0)))
    } else {
        x.exp_m1() - x
    }
}

/// Python's `triangular(low, high, mode)`: continuous on `[low, high]` (or
/// `[high, low]`) with its peak at `mode`.  `low == high` returns `low`
/// (Python catches the `ZeroDivisionError`).  A `mode` outside the interval
/// is accepted, as in Python.
pub fn triangular<R: Rng + ?Sized>(rng: &mut R, low: f64, high: f64, mode: f64) -> Result<f64> {
    check_finite(&[low, high, mode])?;
    if high == low {
        return Ok(low);
    }
    let u = random(rng)?;
    // work on halves when a difference overflows: the formula is homogeneous
    let (scale, low, high, mode) = if (high - low).is_finite() && (mode - low).is_finite() {
        (1.0, low, high, mode)
    } else {
        (2.0, low * 0.5, high * 0.5, mode * 0.5)
    };
    let (mut u, mut c, mut low, mut high) = (u, (mode - low) / (high - low), low, high);
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        core::mem::swap(&mut low, &mut high);
    }
    Ok(scale * (low + (high - low) * (u * c).sqrt()))
}

/// Python's `normalvariate(mu, sigma)`, drawn by Box-Muller as [`gauss`]:
/// the same normal distribution as Python's Kinderman-Monahan loop, from
/// exactly two `random()`s and no loop (see [`NORMAL`]).  Any finite `sigma`
/// is accepted (Python does not check it; a negative `sigma` mirrors the
/// distribution, 0 returns `mu`).
pub fn normalvariate<R: Rng + ?Sized>(rng: &mut R, mu: f64, sigma: f64) -> Result<f64> {
    gauss(rng, mu, sigma)
}

/// Python's `gauss(mu, sigma)`: Box-Muller, `mu + sigma * cos(2 pi u1) *
/// sqrt(-2 log(1 - u2))`.  Unlike Python, which keeps the pair's second value
/// (`sin`) for the next call, every call draws a fresh pair: no random value
/// outlives a call.
pub fn gauss<R: Rng + ?Sized>(rng: &mut R, mu: f64, sigma: f64) -> Result<f64> {
    check_finite(&[mu, sigma])?;
    let x2pi = random(rng)? * TWOPI;
    let g2rad = (-2.0 * (1.0 - random(rng)?).ln()).sqrt();
    Ok(mu + x2pi.cos() * g2rad * sigma)
}

/// Python's `lognormvariate(mu, sigma)`: `exp(normalvariate(mu, sigma))`.
/// A result beyond the range of `double` is `+inf` (Python raises
/// `OverflowError` from `math.exp`, depending on the draw).
pub fn lognormvariate<R: Rng + ?Sized>(rng: &mut R, mu: f64, sigma: f64) -> Result<f64> {
    Ok(normalvariate(rng, mu, sigma)?.exp())
}

/// Python's `expovariate(lambd)`: `-log(1 - random()) / lambd`, mean
/// `1 / lambd`.  A negative `lambd` gives non-positive values (as Python);
/// `lambd == 0` is invalid (Python's `ZeroDivisionError`).
pub fn expovariate<R: Rng + ?Sized>(rng: &mut R, lambd: f64) -> Result<f64> {
    check_finite(&[lambd])?;
    if lambd == 0.0 {
        return Err(Error::InvalidArgument);
    }
    Ok(-(1.0 - random(rng)?).ln() / lambd)
}

/// Python's float `%` for a positive divisor: the result has the divisor's
/// sign (`fmod`, then moved into `[0, y]`).
fn py_mod(x: f64, y: f64) -> f64 {
    let r = x % y;
    if r == 0.0 {
        0.0
    } else if r < 0.0 {
        r + y
    } else {
        r
    }
}

/// Python's `vonmisesvariate(mu, kappa)`: an angle in `[0, 2 pi]` around the
/// mean angle `mu` (Fisher's algorithm).  `kappa <= 1e-6` (including
/// negative values, which Python accepts) gives a uniform angle
/// `2 pi * random()`.
pub fn vonmisesvariate<R: Rng + ?Sized>(rng: &mut R, mu: f64, kappa: f64) -> Result<f64> {
    check_finite(&[mu, kappa])?;
    if kappa <= 1e-6 {
        return Ok(TWOPI * random(rng)?);
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = random(rng)?;
        let z = (PI * u1).cos();
        let d = z / (r + z);
        let u2 = random(rng)?;
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    // rounding can push f a hair outside acos's domain
    let f = ((q + z) / (1.0 + q * z)).clamp(-1.0, 1.0);
    let u3 = random(rng)?;
    Ok(if u3 > 0.5 {
        py_mod(mu + f.acos(), TWOPI)
    } else {
        py_mod(mu - f.acos(), TWOPI)
    })
}

/// Python's `gammavariate(alpha, beta)` (shape `alpha`, scale `beta`; mean
/// `alpha * beta`): Cheng's GB algorithm for `alpha > 1`, an exponential for
/// `alpha == 1`, Ahrens and Dieter's GS (Kennedy and Gentle) for
/// `alpha < 1`.  `alpha <= 0` or `beta <= 0` is invalid.
pub fn gammavariate<R: Rng + ?Sized>(rng: &mut R, alpha: f64, beta: f64) -> Result<f64> {
    check_finite(&[alpha, beta])?;
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(Error::InvalidArgument);
    }
    if alpha > 1.0 {
        // sqrt(2 alpha - 1) without the overflow of 2 alpha for alpha > DBL_MAX / 2
        let ainv = core::f64::consts::SQRT_2 * (alpha - 0.5).sqrt();
        let sg_magicconst = 1.0 + 4.5f64.ln();
        loop {
            let u1 = random(rng)?;
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - random(rng)?;
            let l = (u1 / (1.0 - u1)).ln();
            let v = l / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            // CPython's r = bbb + ccc * v - x with bbb = alpha - LOG4,
            // ccc = alpha + ainv, x = alpha e^v, rearranged so that the
            // three terms of size alpha cancel exactly instead of in
            // rounding: r = ainv v - LOG4 - alpha (e^v - 1 - v).  For a
            // large alpha the original loses every digit (and is NaN once
            // alpha e^v overflows), which biased or hung the loop.
            let r = l - LOG4 - alpha * expm1_minus_x(v);
            if r + sg_magicconst - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-(1.0 - random(rng)?).ln() * beta)
    } else {
        loop {
            let u = random(rng)?;
            let b = (E + alpha) / E;
            let p = b * u;
            let x = if p <= 1.0 {
                p.powf(1.0 / alpha)
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = random(rng)?;
            let accept = if p > 1.0 {
                u1 <= x.powf(alpha - 1.0)
            } else {
                u1 <= (-x).exp()
            };
            if accept {
                return Ok(x * beta);
            }
        }
    }
}

/// Python's `betavariate(alpha, beta)`: `y / (y + z)` for `y` and `z` gamma
/// variates of shapes `alpha` and `beta`; a value in `[0, 1]` with mean
/// `alpha / (alpha + beta)`.  Both parameters must be positive (checked up
/// front: Python checks `beta` only when the first variate is non-zero).
pub fn betavariate<R: Rng + ?Sized>(rng: &mut R, alpha: f64, beta: f64) -> Result<f64> {
    check_finite(&[alpha, beta])?;
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(Error::InvalidArgument);
    }
    let y = gammavariate(rng, alpha, 1.0)?;
    if y == 0.0 {
        return Ok(0.0);
    }
    let z = gammavariate(rng, beta, 1.0)?;
    if (y + z).is_finite() {
        return Ok(y / (y + z));
    }
    // both shapes near DBL_MAX: the sum overflows, the halves do not
    Ok((0.5 * y) / (0.5 * y + 0.5 * z))
}

/// Python's `paretovariate(alpha)`: `(1 - random()) ** (-1 / alpha)`, at
/// least 1 for a positive shape `alpha` (a negative one is accepted, as in
/// Python, and gives values in `(0, 1]`).  `alpha == 0` is invalid
/// (`ZeroDivisionError`).  A result beyond `double` is `+inf`.
pub fn paretovariate<R: Rng + ?Sized>(rng: &mut R, alpha: f64) -> Result<f64> {
    check_finite(&[alpha])?;
    if alpha == 0.0 {
        return Err(Error::InvalidArgument);
    }
    let u = 1.0 - random(rng)?;
    Ok(u.powf(-1.0 / alpha))
}

/// Python's `weibullvariate(alpha, beta)`: scale `alpha`, shape `beta`,
/// `alpha * (-log(1 - random())) ** (1 / beta)`.  `beta == 0` is invalid
/// (`ZeroDivisionError`); other values are accepted as in Python.
pub fn weibullvariate<R: Rng + ?Sized>(rng: &mut R, alpha: f64, beta: f64) -> Result<f64> {
    check_finite(&[alpha, beta])?;
    if beta == 0.0 {
        return Err(Error::InvalidArgument);
    }
    let u = 1.0 - random(rng)?;
    // -log(1.0) is -0.0; Python raises for (-0.0) ** negative, C gives -inf
    // for odd exponents: take +0.0 instead, so a negative shape gives +inf.
    let e = 0.0 - u.ln();
    let w = e.powf(1.0 / beta);
    if alpha == 0.0 {
        return Ok(0.0); // not 0 * inf
    }
    Ok(alpha * w)
}

/// Python's `binomialvariate(n, p)`: the number of successes in `n`
/// independent trials of probability `p`, `0 <= result <= n`.  `p` outside
/// `[0, 1]` is invalid; `p == 0` gives 0 and `p == 1` gives `n` without
/// drawing; `n == 0` gives 0 without drawing.
///
/// CPython's algorithms: a single comparison for `n == 1`, the symmetry
/// `n - X(n, 1 - p)` for `p > 0.5`, Devroye's geometric method (BG) when
/// `n * p < 10`, and Hörmann's transformed rejection with squeeze (BTRS)
/// otherwise.
pub fn binomialvariate<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> Result<u64> {
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::InvalidArgument); // NaN, infinities, outside [0, 1]
    }
    if p == 0.0 || n == 0 {
        return Ok(0);
    }
    if p == 1.0 {
        return Ok(n);
    }
    if n == 1 {
        return Ok((random(rng)? < p) as u64);
    }
    if p > 0.5 {
        // 1 - p is exact for p in (0.5, 1)
        return Ok(n - binomial_low(rng, n, 1.0 - p)?);
    }
    binomial_low(rng, n, p)
}

/// `2^64` as a float: the first value a `u64` cannot hold.
const TWO_64: f64 = 18446744073709551616.0;

/// [`binomialvariate`] for `n >= 2` and `0 < p <= 0.5`.
fn binomial_low<R: Rng + ?Sized>(rng: &mut R, n: u64, p: f64) -> Result<u64> {
    let nf = n as f64;
    if nf * p < 10.0 {
        // BG: count the geometric gaps between successes that fit in n trials
        let c = (-p).ln_1p() / LN_2; // log2(1 - p)
        if c == 0.0 {
            return Ok(0);
        }
        let (mut x, mut y) = (0u64, 0u128);
        loop {
            let g = (random(rng)?.log2() / c).floor(); // +inf when random() == 0
            if !(0.0..TWO_64).contains(&g) {
                return Ok(x);
            }
            y += g as u128 + 1;
            if y > n as u128 {
                return Ok(x);
            }
            x += 1;
        }
    }
    // BTRS, with CPython's constants
    let spq = (nf * p * (1.0 - p)).sqrt();
    let b = 1.15 + 2.53 * spq;
    let a = -0.0873 + 0.0248 * b + 0.01 * p;
    let c = nf * p + 0.5;
    let vr = 0.92 - 4.2 / b;
    let mut setup: Option<(f64, f64, u64)> = None; // alpha, lpq, m
    loop {
        let u = random(rng)? - 0.5;
        let us = 0.5 - u.abs();
        let kf = ((2.0 * a / us + b) * u + c).floor();
        // also rejects -inf and NaN from us == 0 (Python: ZeroDivisionError)
        if !(0.0..TWO_64).contains(&kf) {
            continue;
        }
        let k = kf as u64;
        if k > n {
            continue;
        }
        let v = random(rng)?;
        if us >= 0.07 && v <= vr {
            return Ok(k);
        }
        let (alpha, lpq, m) = *setup.get_or_insert_with(|| {
            let alpha = (2.83 + 5.1 / b) * spq;
            let lpq = (p / (1.0 - p)).ln();
            let m = (((nf + 1.0) * p).floor() as u64).min(n); // the mode
            (alpha, lpq, m)
        });
        let v = v * alpha / (a / (us * us) + b);
        // log(f(k) / f(m)) = lgamma(m+1) + lgamma(n-m+1) - lgamma(k+1)
        //                    - lgamma(n-k+1) + (k - m) * lpq
        let diff = k as i128 - m as i128;
        let rhs = ln_factorial_diff(m, k) + ln_factorial_diff(n - m, n - k) + diff as f64 * lpq;
        if v.ln() <= rhs {
            return Ok(k);
        }
    }
}

/// Below this, log-factorials are summed directly.
const SMALL_FACTORIAL: u64 = 16;

/// Stirling's series for `ln(x!) - ((x + 1/2) ln(x + 1) - (x + 1) + ln(2 pi) / 2)`,
/// i.e. the tail `1/(12z) - 1/(360z^3) + ...` at `z = x + 1`; for `x >= 16`
/// the omitted terms are below `1e-16`.
fn stirling_tail(x: u64) -> f64 {
    let z = x as f64 + 1.0;
    let z2 = z * z;
    (1.0 / 12.0
        - (1.0 / 360.0 - (1.0 / 1260.0 - (1.0 / 1680.0 - 1.0 / (1188.0 * z2)) / z2) / z2) / z2)
        / z
}

/// `ln(x!)`.
pub fn ln_factorial(x: u64) -> f64 {
    if x < SMALL_FACTORIAL {
        return (2..=x).map(|i| (i as f64).ln()).sum();
    }
    let z = x as f64 + 1.0;
    (x as f64 + 0.5) * z.ln() - z + 0.5 * (2.0 * PI).ln() + stirling_tail(x)
}

/// `ln(a!) - ln(b!)` without the cancellation of subtracting two huge
/// log-factorials: with `d = a - b`,
/// `d ln(a+1) + (b + 1/2) log1p(d / (b+1)) - d + tail(a) - tail(b)`.
pub fn ln_factorial_diff(a: u64, b: u64) -> f64 {
    if a == b {
        return 0.0;
    }
    if a < SMALL_FACTORIAL || b < SMALL_FACTORIAL {
        return ln_factorial(a) - ln_factorial(b);
    }
    let d = (a as i128 - b as i128) as f64;
    let (af, bf) = (a as f64, b as f64);
    d * (af + 1.0).ln() + (bf + 0.5) * (d / (bf + 1.0)).ln_1p() - d + stirling_tail(a)
        - stirling_tail(b)
}

#[cfg(test)]
mod tests;
