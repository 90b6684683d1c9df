//! `sample`: k distinct indices in random order, O(k) memory.

use super::*;

/// The positions of a virtual array `0..population` that a partial
/// Fisher-Yates has moved: dense (a real array, when it is no larger than the
/// sparse table would be) or sparse (an open-addressing table holding only
/// the moved positions).  Both are O(k) memory and are wiped when dropped.
enum Positions {
    Dense(Zeroizing<Vec<usize>>),
    Sparse(SwapMap),
}

impl Positions {
    fn get(&self, p: usize) -> usize {
        match self {
            Positions::Dense(v) => v[p],
            Positions::Sparse(m) => m.get(p),
        }
    }
    fn set(&mut self, p: usize, value: usize) {
        match self {
            Positions::Dense(v) => v[p] = value,
            Positions::Sparse(m) => m.set(p, value),
        }
    }
}

/// A fixed-capacity hash map from positions to values, with linear probing;
/// a missing key maps to itself.  The capacity is a power of two at least
/// twice the number of insertions, so it never fills up or grows (no stale
/// copies are left in reallocated memory) and probes stay short.
struct SwapMap {
    keys: Zeroizing<Vec<usize>>,
    values: Zeroizing<Vec<usize>>,
    shift: u32,
}

/// No position is `usize::MAX`: positions are below the population, itself at
/// most `usize::MAX`.
const EMPTY: usize = usize::MAX;

impl SwapMap {
    /// Room for `k` insertions.
    fn with_capacity(k: usize) -> Result<SwapMap> {
        let cap = k
            .checked_mul(2)
            .and_then(usize::checked_next_power_of_two)
            .ok_or(Error::TooLarge)?
            .max(8);
        let mut keys = Zeroizing::new(Vec::new());
        let mut values = Zeroizing::new(Vec::new());
        keys.try_reserve_exact(cap).map_err(|_| Error::TooLarge)?;
        values.try_reserve_exact(cap).map_err(|_| Error::TooLarge)?;
        keys.resize(cap, EMPTY);
        values.resize(cap, 0);
        Ok(SwapMap {
            keys,
            values,
            shift: 64 - cap.trailing_zeros(),
        })
    }

    #[inline]
    fn slot(&self, p: usize) -> usize {
        let mask = self.keys.len() - 1;
        let mut s = ((p as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize;
        while self.keys[s] != EMPTY && self.keys[s] != p {
            s = (s + 1) & mask;
        }
        s
    }

    fn get(&self, p: usize) -> usize {
        let s = self.slot(p);
        if self.keys[s] == p {
            self.values[s]
        } else {
            p
        }
    }

    fn set(&mut self, p: usize, value: usize) {
        let s = self.slot(p);
        self.keys[s] = p;
        self.values[s] = value;
    }
}

/// How [`sample_with`] keeps track of moved positions.  The library always
/// uses `Auto`; the tests force each bookkeeping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SampleMode {
    /// Dense when the population is small next to `k`, else sparse.
    Auto,
    #[cfg(test)]
    Dense,
    #[cfg(test)]
    Sparse,
}

/// Python's `sample(range(population), k)` with `k = out.len()`: `k`
/// distinct indices in random order, every k-permutation equally likely.
/// A partial Fisher-Yates over the virtual array `0..population`: step `i`
/// swaps position `i` with a uniform position in `[i, population)` and
/// outputs what lands at `i`.  Exactly `k` bounded draws (the last one free
/// when `k == population`), O(k) memory even for a population of
/// `usize::MAX`.  `k > population` is `InvalidArgument`.
pub fn sample<R: Rng + ?Sized>(rng: &mut R, population: usize, out: &mut [usize]) -> Result<()> {
    sample_with(rng, population, out, SampleMode::Auto)
}

/// [`sample`] with a chosen bookkeeping (the tests run both).
pub fn sample_with<R: Rng + ?Sized>(
    rng: &mut R,
    population: usize,
    out: &mut [usize],
    mode: SampleMode,
) -> Result<()> {
    let k = out.len();
    if k > population {
        return Err(Error::InvalidArgument);
    }
    if k == 0 {
        return Ok(());
    }
    // the sparse table uses up to 4k words; an array of `population` words
    // is no larger when population <= 4k
    let dense = match mode {
        #[cfg(test)]
        SampleMode::Dense => true,
        #[cfg(test)]
        SampleMode::Sparse => false,
        SampleMode::Auto => population / 4 <= k,
    };
    let mut pos = if dense {
        let mut v = Zeroizing::new(Vec::new());
        v.try_reserve_exact(population)
            .map_err(|_| Error::TooLarge)?;
        v.extend(0..population);
        Positions::Dense(v)
    } else {
        Positions::Sparse(SwapMap::with_capacity(k)?)
    };
    for (i, slot) in out.iter_mut().enumerate() {
        let j = i + index_below::<u64, R>(rng, (population - i) as u128)? as usize;
        *slot = pos.get(j);
        let at_i = pos.get(i);
        pos.set(j, at_i);
    }
    Ok(())
}
