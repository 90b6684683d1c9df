//! `randrange` and `randint`: Python's ranges over the whole `int64_t`
//! domain, exact in 128-bit arithmetic.

use super::*;

/// The number of values in Python's `range(start, stop, step)`, exact over
/// the whole `i64` domain (at most `2^64 - 1`).  `step == 0` and an empty
/// range are `InvalidArgument`, as Python's `randrange` raises `ValueError`.
pub fn range_len(start: i64, stop: i64, step: i64) -> Result<u128> {
    let width = stop as i128 - start as i128;
    let step = step as i128;
    // ceil(width / step) when both have the same sign
    let (w, s) = match step {
        0 => return Err(Error::InvalidArgument),
        s if s > 0 => (width, s),
        s => (-width, -s),
    };
    if w <= 0 {
        return Err(Error::InvalidArgument);
    }
    Ok(((w + s - 1) / s) as u128)
}

/// The `i`-th value of `range(start, .., step)`; `i` is below the range's
/// length, so the result is between `start` and `stop` and fits an `i64`.
#[inline]
fn range_value(start: i64, step: i64, i: u128) -> Result<i64> {
    let v = start as i128 + step as i128 * i as i128;
    i64::try_from(v).map_err(|_| Error::Internal)
}

/// [`randrange`] drawing words of type `W` (for exhaustive tests).
pub fn randrange_in<W: Word, R: Rng + ?Sized>(
    rng: &mut R,
    start: i64,
    stop: i64,
    step: i64,
) -> Result<i64> {
    let n = range_len(start, stop, step)?;
    range_value(start, step, index_below::<W, R>(rng, n)?)
}

/// [`randint`] drawing words of type `W` (for exhaustive tests).
pub fn randint_in<W: Word, R: Rng + ?Sized>(rng: &mut R, a: i64, b: i64) -> Result<i64> {
    if a > b {
        return Err(Error::InvalidArgument);
    }
    let n = (b as i128 - a as i128 + 1) as u128; // at most 2^64
    range_value(a, 1, index_below::<W, R>(rng, n)?)
}

/// Python's `randrange(start, stop, step)`: uniform over the values of
/// `range(start, stop, step)`, negative steps included; `start + step * i`
/// for an exactly uniform index `i`.
pub fn randrange<R: Rng + ?Sized>(rng: &mut R, start: i64, stop: i64, step: i64) -> Result<i64> {
    randrange_in::<u64, R>(rng, start, stop, step)
}

/// Python's `randint(a, b)`: uniform in `[a, b]`, both ends included.
/// `randint(i64::MIN, i64::MAX)` is `2^64` values: one raw 64-bit word.
pub fn randint<R: Rng + ?Sized>(rng: &mut R, a: i64, b: i64) -> Result<i64> {
    randint_in::<u64, R>(rng, a, b)
}

/// The entropy need of `draws` indices below bounds of at most `bound`
/// (64-bit words; see [`crate::entropy::budget`]).
pub fn index_need(draws: usize, bound: u128) -> Need {
    sample::index_need_in::<u64>(draws, bound)
}
