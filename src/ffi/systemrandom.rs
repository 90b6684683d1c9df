//! Python's `random.SystemRandom` over the C ABI (floats, ranges,
//! sequences and distributions).  Thin wrappers: the logic is in
//! [`crate::systemrandom`] and [`crate::distributions`].

use super::{boundary, scalar_out, slice, slice_mut, wipe};
use crate::distributions::{self as dist, with_os};
use crate::entropy::{budget, Need, OsSource, Pool};
use crate::error::{Error, Result, SECRETS_OK};
use crate::systemrandom as sr;
use core::ffi::c_void;

/// A `size_t` array output of `k` elements: `f` fills it; on any failure all
/// `k` elements are zeroed.  When `k * sizeof(size_t)` overflows (or exceeds
/// what any object can span) the call is `SECRETS_ERR_TOO_LARGE` and nothing
/// is written, since no such buffer can exist.  `other_sizes_ok == false`
/// (another size of the call overflowed) is `SECRETS_ERR_TOO_LARGE` too,
/// before any pointer is looked at.
///
/// # Safety
/// A non-NULL `out` must be valid for writes of `k` elements.
unsafe fn indices_out(
    out: *mut usize,
    k: usize,
    other_sizes_ok: bool,
    f: impl FnOnce(&mut [usize]) -> Result<()>,
) -> i32 {
    let bytes = match k.checked_mul(core::mem::size_of::<usize>()) {
        Some(b) if b <= isize::MAX as usize => b,
        _ => return Error::TooLarge.code(),
    };
    if !other_sizes_ok {
        wipe(out.cast(), bytes);
        return Error::TooLarge.code();
    }
    let status = boundary(|| {
        let buf = slice_mut(out, k)?;
        f(buf)?;
        Ok(SECRETS_OK)
    });
    if status != SECRETS_OK {
        wipe(out.cast(), bytes);
    }
    status
}

/// A `double` result drawn from a fresh pool that the core sizes for
/// `needs` (see `entropy::budget`).
unsafe fn real_out(
    out: *mut f64,
    needs: &[Need],
    f: impl FnOnce(&mut Pool<OsSource>) -> Result<f64>,
) -> i32 {
    scalar_out(out, || with_os(needs, f))
}

/// Stores in `*out` a random multiple of 2^-53 in `[0, 1)`, every multiple
/// equally likely (Python's `SystemRandom.random()`: 53 random bits).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_random(out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], sr::random)
}

/// Stores in `*out` `a + (b - a) * random()` (Python's `uniform`): a value
/// between `a` and `b`; `a > b` is allowed, and `a == b` gives `a`.  When
/// `b - a` overflows a `double` the same value is computed on halves, so the
/// result stays finite.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `a` or `b` is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_uniform(a: f64, b: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], |r| sr::uniform(r, a, b))
}

/// Stores in `*out` a value chosen uniformly from Python's
/// `range(start, stop, step)` (Python's `randrange`): `start + step * i` for
/// an exactly uniform index `i` (rejection sampling).  Any `step != 0`,
/// negative steps included; exact over the whole `int64_t` domain (the
/// arithmetic is done in 128 bits, nothing overflows).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `step == 0` or the range is empty (`start
/// >= stop` for a positive step, `start <= stop` for a negative one);
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randrange(start: i64, stop: i64, step: i64, out: *mut i64) -> i32 {
    scalar_out(out, || {
        let n = sr::range_len(start, stop, step)?;
        sr::randrange(
            &mut Pool::new(OsSource, budget(&[sr::index_need(1, n)])),
            start,
            stop,
            step,
        )
    })
}

/// Stores in `*out` an integer uniform in `[a, b]`, both ends included
/// (Python's `randint`).  Exact over the whole `int64_t` domain:
/// `secrets_randint(INT64_MIN, INT64_MAX, &x)` is a uniform 64-bit value.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `a > b`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_randint(a: i64, b: i64, out: *mut i64) -> i32 {
    scalar_out(out, || {
        if a > b {
            return Err(Error::InvalidArgument);
        }
        let n = (b as i128 - a as i128 + 1) as u128;
        sr::randint(
            &mut Pool::new(OsSource, budget(&[sr::index_need(1, n)])),
            a,
            b,
        )
    })
}

/// Shuffles the array `items[count]` (each element `item_size` bytes) in
/// place (Python's `shuffle`): Fisher-Yates with exactly uniform indices, so
/// every permutation is equally likely.  Any `item_size`; elements move
/// whole.
///
/// All swap indices are drawn before the array is touched: on failure the
/// array is left exactly as it was.  Uses scratch memory of one index per
/// element (4 bytes while `count <= 2^32`), wiped before return.  One OS
/// request per 8192 elements or so (one for the usual sizes).  `count <= 1`
/// draws nothing; `(NULL, 0)` is valid.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_INVALID_ARGUMENT` if `item_size == 0`;
/// `SECRETS_ERR_TOO_LARGE` if `count * item_size` overflows or the scratch
/// memory cannot be allocated; `SECRETS_ERR_NULL_POINTER` if `items` is NULL
/// with `count > 0`; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_shuffle(
    items: *mut c_void,
    count: usize,
    item_size: usize,
) -> i32 {
    boundary(|| {
        if item_size == 0 {
            return Err(Error::InvalidArgument);
        }
        let total = count
            .checked_mul(item_size)
            .filter(|&t| t <= isize::MAX as usize)
            .ok_or(Error::TooLarge)?;
        let items = slice_mut(items.cast::<u8>(), total)?;
        let draws = count.saturating_sub(1);
        let mut pool = Pool::new(OsSource, budget(&[sr::index_need(draws, count as u128)]));
        sr::shuffle(&mut pool, items, item_size)?;
        Ok(SECRETS_OK)
    })
}

/// Writes to `out[0..k]` `k` distinct indices from `[0, population)` in
/// random order (Python's `sample(range(population), k)`): every ordered
/// selection (k-permutation) is equally likely, so any prefix of the result
/// is itself a uniform sample.  A partial Fisher-Yates over a virtual array:
/// exactly `k` uniform draws, memory O(k) whatever the population (up to
/// `SIZE_MAX`).  `out` must hold `k` elements; elements past `k` are not
/// touched.  `k == 0` succeeds and writes nothing (also with
/// `population == 0`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_INVALID_ARGUMENT` if `k > population`;
/// `SECRETS_ERR_TOO_LARGE` if `k * sizeof(size_t)` overflows (nothing is
/// written then) or the O(k) scratch memory cannot be allocated;
/// `SECRETS_ERR_NULL_POINTER` if `out` is NULL with `k > 0`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On any other failure the `k` elements of
/// `out` are zeroed.  One OS request for up to 8000 indices.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_sample(population: usize, k: usize, out: *mut usize) -> i32 {
    indices_out(out, k, true, |out| {
        if k > population {
            return Err(Error::InvalidArgument);
        }
        let mut pool = Pool::new(OsSource, budget(&[sr::index_need(k, population as u128)]));
        sr::sample(&mut pool, population, out)
    })
}

/// Writes to `out[0..k]` `k` indices drawn independently, with replacement,
/// from `[0, n)` (Python's `choices(range(n), weights, k=k)`).
///
/// `weights == NULL` means equal weights: each index is an exactly uniform
/// draw (rejection sampling).  Otherwise `weights` holds `n` finite,
/// non-negative `double`s with a positive, finite sum, and index `i` is
/// chosen with probability `weights[i] / sum`.  As in Python, weighted
/// draws are computed in floating point: cumulative weights, then a binary
/// search for `random() * sum` (so probabilities are exact up to the 53-bit
/// resolution of `random()` and the rounding of the sums).  A zero weight is
/// never chosen.  Weights are checked even when `k == 0`.
///
/// `out` must hold `k` elements; elements past `k` are not touched.
/// `k == 0` with `n == 0` succeeds and writes nothing.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_EMPTY` if `n == 0` and `k > 0`;
/// `SECRETS_ERR_INVALID_ARGUMENT` for a NaN, infinite or negative weight, or a
/// sum that is zero or overflows; `SECRETS_ERR_TOO_LARGE` if `k *
/// sizeof(size_t)` overflows (nothing is written then), if `n * sizeof(double)`
/// overflows, or if scratch memory for the `n` cumulative weights cannot be
/// allocated; `SECRETS_ERR_NULL_POINTER` if `out` is NULL with `k > 0`;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  On any other failure the `k` elements of
/// `out` are zeroed.  One OS request for up to 8000 indices.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_choices(
    weights: *const f64,
    n: usize,
    k: usize,
    out: *mut usize,
) -> i32 {
    indices_out(
        out,
        k,
        weights.is_null() || n.checked_mul(core::mem::size_of::<f64>()).is_some(),
        |out| {
            if weights.is_null() {
                let mut pool = Pool::new(OsSource, budget(&[sr::index_need(k, n as u128)]));
                return sr::choices_uniform(&mut pool, n, out);
            }
            match n.checked_mul(core::mem::size_of::<f64>()) {
                Some(b) if b <= isize::MAX as usize => {}
                _ => return Err(Error::TooLarge),
            }
            let weights = slice(weights, n)?;
            let mut pool = Pool::new(OsSource, budget(&[Need::exact(k.saturating_mul(8))]));
            sr::choices_weighted(&mut pool, weights, out)
        },
    )
}

/// Stores in `*out` a value from the triangular distribution on the interval
/// between `low` and `high` with its peak at `mode` (Python's
/// `triangular(low, high, mode)`; mean `(low + high + mode) / 3`).  `low >
/// high` is allowed; `low == high` gives `low`; a `mode` outside the
/// interval is accepted as in Python.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_triangular(low: f64, high: f64, mode: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], |r| dist::triangular(r, low, high, mode))
}

/// Stores in `*out` a normal variate with mean `mu` and standard deviation
/// `sigma` (Python's `normalvariate`).  Drawn by Box-Muller, as
/// `secrets_gauss`: the same distribution as Python's Kinderman-Monahan
/// loop, from exactly 16 random bytes and without a loop.  Any finite
/// `sigma` is accepted, as in Python (`sigma == 0` gives `mu`);
/// `mu + z * sigma` beyond the range of `double` is `+inf` or `-inf`, never
/// NaN.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_normalvariate(mu: f64, sigma: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::NORMAL], |r| dist::normalvariate(r, mu, sigma))
}

/// Stores in `*out` a normal variate with mean `mu` and standard deviation
/// `sigma` (Python's `gauss`, Box-Muller).  Unlike Python, which caches the
/// second value of each pair for the next call, every call draws a fresh
/// pair and discards the second value: no random value outlives a call.
/// Any finite `sigma` is accepted (`sigma == 0` gives `mu`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_gauss(mu: f64, sigma: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::TWO], |r| dist::gauss(r, mu, sigma))
}

/// Stores in `*out` a log-normal variate: `exp` of a normal variate with
/// mean `mu` and standard deviation `sigma` (Python's `lognormvariate`).
/// A value beyond the range of `double` is `+inf` (where Python raises
/// `OverflowError`).
/// Drawn from `secrets_normalvariate`'s Box-Muller: 16 random bytes, no loop.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_lognormvariate(mu: f64, sigma: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::NORMAL], |r| dist::lognormvariate(r, mu, sigma))
}

/// Stores in `*out` an exponential variate with rate `lambd` (mean
/// `1 / lambd`; Python's `expovariate`): `-log(1 - random()) / lambd`.  A
/// negative `lambd` gives values in `(-inf, 0]`, as in Python.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `lambd` is 0 (Python's
/// `ZeroDivisionError`), NaN or infinite; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
/// One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_expovariate(lambd: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], |r| dist::expovariate(r, lambd))
}

/// Stores in `*out` an angle in `[0, 2*pi]` from the von Mises distribution
/// with mean angle `mu` and concentration `kappa` (Python's
/// `vonmisesvariate`).  `kappa <= 1e-6` (negative values included, as in
/// Python) gives a uniform angle.
/// Bounded time for every finite argument: each round of Best and Fisher's
/// rejection loop accepts with probability above 3/8 for every `kappa`, up
/// to `DBL_MAX` (half the rounds draw `cos(pi u) >= 0`, where the first test
/// passes with probability at least 3/4).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_vonmisesvariate(mu: f64, kappa: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::vonmises_need(kappa)], |r| {
        dist::vonmisesvariate(r, mu, kappa)
    })
}

/// Stores in `*out` a gamma variate with shape `alpha` and scale `beta`
/// (mean `alpha * beta`; Python's `gammavariate`, not the gamma function).
/// Every finite positive `alpha` and `beta` is computed, up to `DBL_MAX`:
/// Cheng's acceptance test is evaluated in a rearranged form whose terms of
/// size `alpha` cancel exactly (CPython's form overflows to NaN above
/// `DBL_MAX / 2` and loses its digits long before), so each round of the
/// loop accepts with probability above 0.68 for `alpha > 1` (Cheng's bound)
/// and above 0.7 for `alpha < 1` (Ahrens and Dieter's GS); bounded time for
/// every finite argument.  A value beyond the range of `double` (`alpha *
/// beta` near or above `DBL_MAX`) is `+inf`; a shape below about `1e-17`
/// gives 0 (the true value underflows).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `alpha <= 0` or `beta <= 0` (Python's
/// `ValueError`), or a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_gammavariate(alpha: f64, beta: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::gamma_need(alpha)], |r| {
        dist::gammavariate(r, alpha, beta)
    })
}

/// Stores in `*out` a beta variate in `[0, 1]` with shapes `alpha` and
/// `beta` (mean `alpha / (alpha + beta)`; Python's `betavariate`).
/// Two gamma variates (see `secrets_gammavariate`), so bounded time for
/// every finite argument; huge shapes are computed on halves where the sum of
/// the two variates would overflow, so `betavariate(DBL_MAX, DBL_MAX)` is
/// near 1/2, not 0.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `alpha <= 0` or `beta <= 0`, or a
/// parameter is NaN or infinite; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS
/// request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_betavariate(alpha: f64, beta: f64, out: *mut f64) -> i32 {
    real_out(
        out,
        &[dist::gamma_need(alpha), dist::gamma_need(beta)],
        |r| dist::betavariate(r, alpha, beta),
    )
}

/// Stores in `*out` a Pareto variate with shape `alpha` (Python's
/// `paretovariate`): `(1 - random()) ** (-1 / alpha)`, at least 1 for a
/// positive `alpha` (a negative one is accepted, as in Python, and gives
/// values in `(0, 1]`).  A value beyond the range of `double` is `+inf`.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `alpha` is 0 (Python's
/// `ZeroDivisionError`), NaN or infinite; `SECRETS_ERR_ENTROPY_UNAVAILABLE`.
/// One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_paretovariate(alpha: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], |r| dist::paretovariate(r, alpha))
}

/// Stores in `*out` a Weibull variate with scale `alpha` and shape `beta`
/// (Python's `weibullvariate`): `alpha * (-log(1 - random())) ** (1 / beta)`.
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `beta` is 0 (Python's
/// `ZeroDivisionError`), or a parameter is NaN or infinite;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_weibullvariate(alpha: f64, beta: f64, out: *mut f64) -> i32 {
    real_out(out, &[dist::ONE], |r| dist::weibullvariate(r, alpha, beta))
}

/// Stores in `*out` the number of successes in `n` independent trials of
/// success probability `p` (Python's `binomialvariate`; mean `n * p`), a
/// value in `[0, n]`.  `p == 0` gives 0 and `p == 1` gives `n` without
/// drawing.  CPython's algorithms (Devroye's geometric method when
/// `n * p < 10`, Hörmann's BTRS otherwise), with log-factorials computed so
/// that every `n` up to `UINT64_MAX` is handled accurately.
/// Bounded time for every argument: the geometric method runs one round
/// per success counted (fewer than 11 expected, `n * p < 10`), and each
/// round of BTRS accepts with a probability bounded away from 0 for
/// `n * p >= 10` (Hörmann; measured: at most 2.8 uniform draws per call on
/// average, at `n * p = 10` and at `n = UINT64_MAX`).
///
/// Returns `SECRETS_OK`; `SECRETS_ERR_NULL_POINTER` if `out` is NULL;
/// `SECRETS_ERR_INVALID_ARGUMENT` if `p` is outside `[0, 1]` or NaN;
/// `SECRETS_ERR_ENTROPY_UNAVAILABLE`.  One OS request.
///
/// Not async-signal-safe.
#[no_mangle]
#[must_use]
pub unsafe extern "C" fn secrets_binomialvariate(n: u64, p: f64, out: *mut u64) -> i32 {
    scalar_out(out, || {
        with_os(&[dist::binomial_need(n, p)], |r| {
            dist::binomialvariate(r, n, p)
        })
    })
}
