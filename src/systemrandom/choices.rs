//! `choices`: indices with replacement, equal or given weights.

use super::*;

/// Python's `choices(range(n), k=out.len())` with equal weights, done
/// exactly: each index is an independent [`sample::below`] draw (Python
/// uses `floor(random() * n)`, which is slightly biased for large `n`).
/// `n == 0` with `k > 0` is `Empty`.
pub fn choices_uniform<R: Rng + ?Sized>(rng: &mut R, n: usize, out: &mut [usize]) -> Result<()> {
    if out.is_empty() {
        return Ok(());
    }
    if n == 0 {
        return Err(Error::Empty);
    }
    for slot in out.iter_mut() {
        *slot = index_below::<u64, R>(rng, n as u128)? as usize;
    }
    Ok(())
}

/// Cumulative weights for weighted `choices`, validated: every weight finite
/// and non-negative, the total positive and finite (anything else is
/// `InvalidArgument`; an empty list is `Empty`).
pub struct CumWeights {
    cum: Vec<f64>,
    /// The last index with a positive weight: draws never go past it.
    last: usize,
}

impl CumWeights {
    /// Accumulates `weights` in order, as Python's `itertools.accumulate`.
    pub fn new(weights: &[f64]) -> Result<CumWeights> {
        if weights.is_empty() {
            return Err(Error::Empty);
        }
        if !weights.iter().all(|w| w.is_finite() && *w >= 0.0) {
            return Err(Error::InvalidArgument);
        }
        let mut cum = Vec::new();
        cum.try_reserve_exact(weights.len())
            .map_err(|_| Error::TooLarge)?;
        let mut total = 0.0f64;
        let mut last = 0;
        for (i, w) in weights.iter().enumerate() {
            total += *w;
            cum.push(total);
            if *w > 0.0 {
                last = i;
            }
        }
        if !(total > 0.0 && total.is_finite()) {
            return Err(Error::InvalidArgument);
        }
        Ok(CumWeights { cum, last })
    }

    /// The index Python's `bisect(cum_weights, u * total, 0, hi)` picks for
    /// `u` in `[0, 1)`, with `hi` the last positive weight rather than
    /// `n - 1`: when `u * total` rounds up to the total, Python can return a
    /// trailing zero-weight index; here a zero weight is never chosen.
    pub fn pick(&self, u: f64) -> usize {
        let total = self.cum[self.cum.len() - 1];
        let x = u * total;
        // bisect_right on cum[0..last]: the first index whose sum exceeds x
        self.cum[..self.last].partition_point(|&c| c <= x)
    }
}

/// Python's `choices(range(n), weights, k=out.len())`: for each output,
/// `bisect(cum_weights, random() * total)`.  As in Python this is a float
/// computation (each index is chosen with probability proportional to its
/// weight up to rounding of `random() * total` to 53 bits), which is the
/// right tool for real-valued weights; equal weights use
/// [`choices_uniform`] instead, which is exact.  Weights are validated even
/// when `k == 0`, except that `n == 0` with `k == 0` succeeds.
pub fn choices_weighted<R: Rng + ?Sized>(
    rng: &mut R,
    weights: &[f64],
    out: &mut [usize],
) -> Result<()> {
    if weights.is_empty() && out.is_empty() {
        return Ok(());
    }
    let cum = CumWeights::new(weights)?;
    for slot in out.iter_mut() {
        *slot = cum.pick(random(rng)?);
    }
    Ok(())
}
