//! `shuffle`: Fisher-Yates over an array of fixed-size elements.

use super::*;

/// Python's `shuffle`, on an array of `items.len() / item_size` elements of
/// `item_size` bytes: Fisher-Yates (position `i` from the end down to 1 is
/// swapped with a uniform position in `[0, i]`), so every permutation is
/// equally likely.
///
/// All swap indices are drawn first, and the array is permuted only once they
/// are all in hand: if the source fails, the array is left exactly as it was.
/// Scratch memory is one index per element (4 bytes each while the count fits
/// in 32 bits), wiped before return; if it cannot be allocated the result is
/// `TooLarge`.  `item_size == 0` is `InvalidArgument`.
pub fn shuffle<R: Rng + ?Sized>(rng: &mut R, items: &mut [u8], item_size: usize) -> Result<()> {
    if item_size == 0 || !items.len().is_multiple_of(item_size) {
        return Err(Error::InvalidArgument);
    }
    let count = items.len() / item_size;
    if count < 2 {
        return Ok(());
    }
    if count as u128 <= 1u128 << 32 {
        shuffle_with::<u32, R>(rng, items, item_size, count)
    } else {
        shuffle_with::<u64, R>(rng, items, item_size, count)
    }
}

fn shuffle_with<T, R>(rng: &mut R, items: &mut [u8], item_size: usize, count: usize) -> Result<()>
where
    T: Copy + Default + zeroize::DefaultIsZeroes + TryFrom<u128> + Into<u64>,
    R: Rng + ?Sized,
{
    // swaps[t] is the partner of position count - 1 - t
    let mut swaps: Zeroizing<Vec<T>> = Zeroizing::new(Vec::new());
    swaps
        .try_reserve_exact(count - 1)
        .map_err(|_| Error::TooLarge)?;
    for i in (1..count).rev() {
        let j = index_below::<u64, R>(rng, i as u128 + 1)?;
        swaps.push(T::try_from(j).map_err(|_| Error::Internal)?);
    }
    for (t, j) in swaps.iter().enumerate() {
        let i = count - 1 - t;
        let j = (*j).into() as usize;
        swap_items(items, item_size, i, j);
    }
    Ok(())
}

/// Swaps elements `i` and `j <= i` of an array of `size`-byte elements.
#[inline]
fn swap_items(items: &mut [u8], size: usize, i: usize, j: usize) {
    debug_assert!(j <= i);
    if i != j {
        let (lo, hi) = items.split_at_mut(i * size);
        lo[j * size..(j + 1) * size].swap_with_slice(&mut hi[..size]);
    }
}
