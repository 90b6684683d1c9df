//! Tests of the uniform `SystemRandom` functions: exhaustive over scripted
//! words, and counting OS requests.

use super::*;
use crate::entropy::testing::{Counting, Failing, Script};
use crate::entropy::{OsSource, Pool, RandomSource};
use std::collections::HashMap;

/// A 64-bit word that Lemire's method maps to the index `v` for the bound
/// `n` (accepted on the first draw): the largest word whose product with
/// `n` has high half `v`.
fn word_for(v: u128, n: u128) -> u64 {
    assert!(v < n && n <= 1 << 64);
    if n == 1 << 64 {
        return v as u64;
    }
    let x = (((v + 1) << 64) - 1) / n;
    assert_eq!(sample::lemire_accept(x as u64, n as u64), Some(v as u64));
    x as u64
}

/// Python's `list(range(start, stop, step))` for short ranges.
fn python_range(start: i64, stop: i64, step: i64) -> Vec<i64> {
    let (mut v, mut out) = (start as i128, Vec::new());
    while (step > 0 && v < stop as i128) || (step < 0 && v > stop as i128) {
        out.push(v as i64);
        v += step as i128;
    }
    out
}

#[test]
fn random_is_53_bits_scaled() {
    let mut s = Script::words(&[0, u64::MAX, 1 << 11, (1 << 11) - 1, 1 << 63]);
    assert_eq!(random(&mut s).unwrap(), 0.0);
    assert_eq!(random(&mut s).unwrap(), 1.0 - RECIP_BPF);
    assert_eq!(random(&mut s).unwrap(), RECIP_BPF);
    assert_eq!(random(&mut s).unwrap(), 0.0, "the low 11 bits are unused");
    assert_eq!(random(&mut s).unwrap(), 0.5);
    assert_eq!(random(&mut s), Err(Error::EntropyUnavailable));
}

#[test]
fn uniform_follows_python_and_survives_overflow() {
    let mut s = Script::words(&[1 << 63, 1 << 63, u64::MAX, 0, 1 << 63]);
    assert_eq!(uniform(&mut s, 2.0, 6.0).unwrap(), 4.0);
    assert_eq!(uniform(&mut s, 6.0, 2.0).unwrap(), 4.0, "a > b allowed");
    let hi = uniform(&mut s, -f64::MAX, f64::MAX).unwrap();
    assert!(hi.is_finite() && hi > 0.0 && hi <= f64::MAX, "{hi}");
    assert_eq!(uniform(&mut s, -f64::MAX, f64::MAX).unwrap(), -f64::MAX);
    assert_eq!(uniform(&mut s, -f64::MAX, f64::MAX).unwrap(), 0.0);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(uniform(&mut s, bad, 1.0), Err(Error::InvalidArgument));
        assert_eq!(uniform(&mut s, 1.0, bad), Err(Error::InvalidArgument));
    }
    assert_eq!(s.pos, 40, "invalid parameters draw nothing");
}

#[test]
fn range_len_is_exact_at_the_extremes() {
    let (min, max) = (i64::MIN, i64::MAX);
    let full = (1u128 << 64) - 1;
    assert_eq!(range_len(min, max, 1), Ok(full));
    assert_eq!(range_len(max, min, -1), Ok(full));
    assert_eq!(range_len(min, max, max), Ok(3)); // MIN, -1, MAX-1
    assert_eq!(range_len(max, min, min), Ok(2)); // MAX, -1
    assert_eq!(range_len(max, min, -max), Ok(3)); // MAX, 0, -MAX
    assert_eq!(range_len(min, max, 2), Ok(1 << 63));
    assert_eq!(range_len(0, 10, 3), Ok(4));
    assert_eq!(range_len(10, 0, -3), Ok(4));
    assert_eq!(range_len(5, 6, max), Ok(1));
    for (a, b, s) in [
        (0, 10, 0),
        (5, 5, 1),
        (5, 4, 1),
        (4, 5, -1),
        (5, 5, -1),
        (max, min, 1),
        (min, max, -1),
        (max, max, max),
        (min, min, min),
        (min, min, 0),
    ] {
        assert_eq!(
            range_len(a, b, s),
            Err(Error::InvalidArgument),
            "{a} {b} {s}"
        );
    }
}

/// Every possible 8-bit word: each value of Python's range gets exactly
/// `floor(256 / n)` words, the other `256 mod n` are rejected.
fn exhaustive_u8(expected: &[i64], draw: impl Fn(&mut Script) -> Result<i64>) {
    let n = expected.len();
    assert!((1..=256).contains(&n));
    let mut counts: HashMap<i64, usize> = HashMap::new();
    let mut rejected = 0;
    for raw in 0..=255u8 {
        let mut s = Script::new(vec![raw]);
        match draw(&mut s) {
            Ok(v) => *counts.entry(v).or_default() += 1,
            Err(Error::EntropyUnavailable) => rejected += 1, // needed a second word
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    let mut got: Vec<i64> = counts.keys().copied().collect();
    let mut want = expected.to_vec();
    got.sort();
    want.sort();
    assert_eq!(got, want, "reachable values");
    let per = if n == 1 { 256 } else { 256 / n };
    assert!(counts.values().all(|&c| c == per), "{counts:?}");
    assert_eq!(rejected, if n == 1 { 0 } else { 256 % n });
}

#[test]
fn randrange_is_exactly_uniform_for_every_step_sign() {
    let (min, max) = (i64::MIN, i64::MAX);
    let cases = [
        (0, 10, 1),
        (0, 10, 3),
        (10, 0, -3),
        (-5, 5, 2),
        (-10, 10, 7),
        (10, -10, -7),
        (1, 2, 100),
        (5, -5, -100),
        (3, -3, -1),
        (-200, 55, 1), // 255 values
        (0, 256, 1),   // exactly 2^8: one raw word each
        (min, max, max),
        (max, min, min),
        (max, min, -max),
        (min, max, max / 100),
        (max, min, -(1 << 56)), // 256 values
        (max - 2, max, 1),
        (min + 2, min, -1),
        (-1, max, max / 2 + 1),
    ];
    for (a, b, s) in cases {
        exhaustive_u8(&python_range(a, b, s), |r| {
            randrange_in::<u8, _>(r, a, b, s)
        });
    }
}

#[test]
fn randint_is_exactly_uniform() {
    let (min, max) = (i64::MIN, i64::MAX);
    for (a, b) in [
        (-3, 3),
        (7, 7),
        (max, max),
        (min, min),
        (max - 1, max),
        (min, min + 2),
        (-128, 127), // 256 values: raw words
        (max - 255, max),
        (min, min + 254),
    ] {
        let values: Vec<i64> = (a as i128..=b as i128).map(|v| v as i64).collect();
        exhaustive_u8(&values, |r| randint_in::<u8, _>(r, a, b));
    }
    let mut s = Script::new(vec![]);
    assert_eq!(
        randint_in::<u8, _>(&mut s, 1, 0),
        Err(Error::InvalidArgument)
    );
    assert_eq!(randint_in::<u8, _>(&mut s, 0, 256), Err(Error::TooLarge));
}

#[test]
fn randint_full_int64_range_is_a_raw_word() {
    let (min, max) = (i64::MIN, i64::MAX);
    let words = [0, u64::MAX, 1 << 63, 12345, (1 << 63) - 1];
    let mut s = Script::words(&words);
    for w in words {
        let want = (w ^ (1 << 63)) as i64; // MIN + w
        assert_eq!(randint(&mut s, min, max).unwrap(), want);
    }
    // randrange(MIN, MAX, 1) is 2^64 - 1 values through Lemire
    let n = (1u128 << 64) - 1;
    for v in [0u128, 1, n / 2, n - 1] {
        let mut s = Script::words(&[word_for(v, n)]);
        assert_eq!(
            randrange(&mut s, min, max, 1).unwrap() as i128,
            min as i128 + v as i128
        );
        let mut s = Script::words(&[word_for(v, n)]);
        assert_eq!(
            randrange(&mut s, max, min, -1).unwrap() as i128,
            max as i128 - v as i128
        );
    }
    let mut s = Script::words(&[word_for(2, 3)]);
    assert_eq!(randrange(&mut s, min, max, max).unwrap(), max - 1);
    let mut s = Script::words(&[word_for(1, 2)]);
    assert_eq!(randrange(&mut s, max, min, min).unwrap(), -1);
    assert_eq!(pool_bytes_range(1 << 64), 8);
}

#[test]
fn index_below_draws_nothing_for_one() {
    let mut s = Script::new(vec![]);
    assert_eq!(index_below::<u64, _>(&mut s, 1), Ok(0));
    assert_eq!(randrange(&mut s, 5, 6, 1), Ok(5));
    assert_eq!(randint(&mut s, i64::MAX, i64::MAX), Ok(i64::MAX));
    assert_eq!(
        index_below::<u64, _>(&mut s, 0),
        Err(Error::InvalidArgument)
    );
}

#[test]
fn one_os_request_per_range_call() {
    for (a, b) in [(0, 9), (i64::MIN, i64::MAX), (i64::MIN, 1), (-5, 1 << 62)] {
        let mut c = Counting::default();
        let n = (b as i128 - a as i128 + 1) as u128;
        randint(&mut Pool::new(&mut c, pool_bytes_range(n)), a, b).unwrap();
        assert_eq!(c.requests, 1);
    }
}

/// Feeds every index sequence of a shuffle of `count` elements (each as
/// the word that Lemire's method maps to that index): each of the
/// `count!` permutations must come out exactly once.
fn shuffle_every_sequence(count: usize, item_size: usize) {
    let bounds: Vec<u128> = (2..=count as u128).rev().collect();
    let total: u128 = bounds.iter().product();
    let mut seen = HashMap::new();
    for mut code in 0..total {
        let words: Vec<u64> = bounds
            .iter()
            .map(|&b| {
                let v = code % b;
                code /= b;
                word_for(v, b)
            })
            .collect();
        let mut items: Vec<u8> = (0..count * item_size).map(|b| b as u8).collect();
        let mut s = Script::words(&words);
        shuffle(&mut s, &mut items, item_size).unwrap();
        assert_eq!(s.pos, s.bytes.len(), "one draw per position");
        // elements move whole
        let order: Vec<usize> = items
            .chunks(item_size)
            .map(|c| {
                let e = c[0] as usize / item_size;
                assert!(c
                    .iter()
                    .enumerate()
                    .all(|(o, &b)| b as usize == e * item_size + o));
                e
            })
            .collect();
        *seen.entry(order).or_insert(0) += 1;
    }
    assert_eq!(seen.len() as u128, total, "every permutation reached");
    assert!(seen.values().all(|&c| c == 1));
}

#[test]
fn shuffle_makes_every_permutation_equally_often() {
    shuffle_every_sequence(2, 1);
    shuffle_every_sequence(3, 1);
    shuffle_every_sequence(4, 3);
    shuffle_every_sequence(5, 2);
}

#[test]
fn shuffle_is_fisher_yates_from_the_end() {
    // 4 elements: bounds 4, 3, 2; indices 0, 0, 0 move each to the front
    let mut items = *b"abcd";
    let mut s = Script::words(&[word_for(0, 4), word_for(0, 3), word_for(0, 2)]);
    shuffle(&mut s, &mut items, 1).unwrap();
    // swap(3,0): dbca; swap(2,0): cbda; swap(1,0): bcda
    assert_eq!(&items, b"bcda");
}

#[test]
fn shuffle_failure_leaves_the_array_untouched() {
    let orig: Vec<u8> = (0..60).collect();
    let mut items = orig.clone();
    // enough words for all but the last draw
    let words: Vec<u64> = (0..18).map(|_| 0x5555_5555_5555_5555).collect();
    let mut s = Script::words(&words);
    assert_eq!(
        shuffle(&mut s, &mut items, 3),
        Err(Error::EntropyUnavailable)
    );
    assert_eq!(items, orig);
    assert_eq!(
        shuffle(&mut Pool::new(Failing, 64), &mut items, 3),
        Err(Error::EntropyUnavailable)
    );
    assert_eq!(items, orig);
}

#[test]
fn shuffle_argument_edges() {
    let mut s = Script::new(vec![]);
    assert_eq!(
        shuffle(&mut s, &mut [1, 2, 3], 0),
        Err(Error::InvalidArgument)
    );
    assert_eq!(shuffle(&mut s, &mut [], 0), Err(Error::InvalidArgument));
    assert_eq!(shuffle(&mut s, &mut [], 4), Ok(()));
    let mut one = [7u8; 5];
    assert_eq!(shuffle(&mut s, &mut one, 5), Ok(()), "one element: no draw");
    assert_eq!(s.pos, 0);
}

#[test]
fn shuffle_of_1000_items_is_one_os_request() {
    let mut items: Vec<u8> = (0..4000).map(|i| (i / 4) as u8).collect();
    let mut c = Counting::default();
    {
        let mut pool = Pool::new(&mut c, pool_bytes_for(999, 1000));
        shuffle(&mut pool, &mut items, 4).unwrap();
    }
    assert_eq!(c.requests, 1);
    assert_eq!(c.bytes, pool_bytes_for(999, 1000));
    let orig: Vec<u8> = (0..4000).map(|i| (i / 4) as u8).collect();
    assert_ne!(items, orig);
    let mut sorted: Vec<&[u8]> = items.chunks(4).collect();
    let mut want: Vec<&[u8]> = orig.chunks(4).collect();
    sorted.sort();
    want.sort();
    assert!(sorted == want, "a permutation");
}

/// Every index sequence of `sample(population, k)`: each k-permutation of
/// `0..population` exactly once, in both bookkeeping modes.
fn sample_every_sequence(population: usize, k: usize, mode: SampleMode) {
    let bounds: Vec<u128> = (0..k).map(|i| (population - i) as u128).collect();
    let total: u128 = bounds.iter().product();
    let mut seen = HashMap::new();
    for mut code in 0..total {
        let words: Vec<u64> = bounds
            .iter()
            .filter(|&&b| b > 1) // a bound of 1 draws nothing
            .map(|&b| {
                let v = code % b;
                code /= b;
                word_for(v, b)
            })
            .collect();
        let mut out = vec![usize::MAX; k];
        let mut s = Script::words(&words);
        sample_with(&mut s, population, &mut out, mode).unwrap();
        assert_eq!(s.pos, s.bytes.len());
        let mut d = out.clone();
        d.sort();
        d.dedup();
        assert!(d.len() == k && d.iter().all(|&x| x < population), "{out:?}");
        *seen.entry(out).or_insert(0) += 1;
    }
    let perms: u128 = ((population - k + 1)..=population)
        .map(|x| x as u128)
        .product();
    assert_eq!(total, perms);
    assert_eq!(seen.len() as u128, perms, "every k-permutation reached");
    assert!(seen.values().all(|&c| c == 1));
}

#[test]
fn sample_makes_every_k_permutation_equally_often() {
    for mode in [SampleMode::Dense, SampleMode::Sparse, SampleMode::Auto] {
        for population in 1..=5 {
            for k in 1..=population {
                sample_every_sequence(population, k, mode);
            }
        }
        sample_every_sequence(9, 3, mode);
    }
}

#[test]
fn sample_huge_population_uses_o_k_memory_and_one_request() {
    for population in [usize::MAX, 1 << 60, (1 << 40) + 7] {
        let mut c = Counting::default();
        let mut out = vec![0usize; 1000];
        {
            let bytes = pool_bytes_for(1000, population as u128);
            let mut pool = Pool::new(&mut c, bytes);
            sample(&mut pool, population, &mut out).unwrap();
        }
        assert_eq!(c.requests, 1, "population {population}");
        let mut d = out.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), 1000);
        assert!(out.iter().all(|&x| x < population));
        assert!(out.iter().any(|&x| x >= population / 2));
    }
    // the largest index is reachable
    let mut out = [0usize; 1];
    let mut s = Script::words(&[word_for(usize::MAX as u128 - 1, usize::MAX as u128)]);
    sample(&mut s, usize::MAX, &mut out).unwrap();
    assert_eq!(out[0], usize::MAX - 1);
}

#[test]
fn sample_sparse_agrees_with_dense_on_the_same_words() {
    let mut bytes = vec![0u8; 800];
    OsSource.fill(&mut bytes).unwrap();
    for (population, k) in [(50usize, 40usize), (1000, 30), (64, 64)] {
        let mut a = vec![0; k];
        let mut b = vec![0; k];
        let mut s = Script::new(bytes.clone());
        sample_with(&mut s, population, &mut a, SampleMode::Dense).unwrap();
        let mut s = Script::new(bytes.clone());
        sample_with(&mut s, population, &mut b, SampleMode::Sparse).unwrap();
        assert_eq!(a, b);
    }
}

#[test]
fn sample_edges() {
    let mut s = Script::new(vec![]);
    assert_eq!(sample(&mut s, 5, &mut []), Ok(()));
    assert_eq!(sample(&mut s, 0, &mut []), Ok(()));
    assert_eq!(sample(&mut s, 5, &mut [0; 6]), Err(Error::InvalidArgument));
    assert_eq!(sample(&mut s, 0, &mut [0; 1]), Err(Error::InvalidArgument));
    let mut one = [9usize];
    assert_eq!(sample(&mut s, 1, &mut one), Ok(()));
    assert_eq!(one, [0], "population 1: no draw needed");
    assert_eq!(s.pos, 0);
}

#[test]
fn choices_uniform_is_exact_and_one_request() {
    let mut out = [0usize; 3];
    let mut s = Script::words(&[word_for(4, 5), word_for(0, 5), word_for(2, 5)]);
    choices_uniform(&mut s, 5, &mut out).unwrap();
    assert_eq!(out, [4, 0, 2]);
    assert_eq!(choices_uniform(&mut s, 0, &mut out), Err(Error::Empty));
    assert_eq!(choices_uniform(&mut s, 0, &mut []), Ok(()));
    let mut c = Counting::default();
    let mut out = vec![0usize; 1000];
    for n in [7usize, 1 << 40, usize::MAX / 2 + 2] {
        c.requests = 0;
        let mut pool = Pool::new(&mut c, pool_bytes_for(1000, n as u128));
        choices_uniform(&mut pool, n, &mut out).unwrap();
        drop(pool);
        assert_eq!(c.requests, 1, "n = {n}");
        assert!(out.iter().all(|&x| x < n));
    }
}

#[test]
fn choices_weighted_bisects_like_python() {
    let cw = CumWeights::new(&[0.0, 1.0, 0.0, 2.0, 0.0]).unwrap();
    assert_eq!(cw.pick(0.0), 1);
    assert_eq!(cw.pick(0.3333), 1);
    assert_eq!(cw.pick(1.0 / 3.0), 3, "bisect_right: a tie goes right");
    assert_eq!(cw.pick(0.9), 3);
    assert_eq!(
        cw.pick(1.0),
        3,
        "u * total == total never picks a zero weight"
    );
    let cw = CumWeights::new(&[1.0, 1.0, 1.0, 1.0]).unwrap();
    for (u, i) in [(0.0, 0), (0.24, 0), (0.25, 1), (0.5, 2), (0.99, 3)] {
        assert_eq!(cw.pick(u), i);
    }
    assert_eq!(CumWeights::new(&[0.5]).unwrap().pick(0.999), 0);
    for bad in [
        &[-1.0, 2.0][..],
        &[1.0, 1.0, -1e-300],
        &[f64::NAN, 1.0],
        &[f64::INFINITY, 1.0],
        &[1.0, f64::NEG_INFINITY],
        &[0.0, 0.0, 0.0],
        &[f64::MAX, f64::MAX],
        &[-0.0],
    ] {
        assert_eq!(
            CumWeights::new(bad).err(),
            Some(Error::InvalidArgument),
            "{bad:?}"
        );
    }
    assert_eq!(CumWeights::new(&[]).err(), Some(Error::Empty));
    let mut s = Script::new(vec![]);
    assert_eq!(choices_weighted(&mut s, &[], &mut []), Ok(()));
    assert_eq!(choices_weighted(&mut s, &[], &mut [0]), Err(Error::Empty));
    assert_eq!(
        choices_weighted(&mut s, &[0.0], &mut []),
        Err(Error::InvalidArgument),
        "weights are checked even for k == 0"
    );
}

#[test]
fn choices_weighted_frequencies_and_one_request() {
    let w = [1.0, 0.0, 3.0, 6.0];
    let k = 60_000;
    let mut out = vec![0usize; k];
    let mut c = Counting::default();
    {
        let mut pool = Pool::new(&mut c, 8 * k);
        choices_weighted(&mut pool, &w, &mut out).unwrap();
    }
    // one request per pool-full (pools stop growing at MAX_POOL)
    assert_eq!(c.requests, (8 * k).div_ceil(crate::entropy::MAX_POOL));
    let mut counts = [0usize; 4];
    out.iter().for_each(|&i| counts[i] += 1);
    assert_eq!(counts[1], 0);
    for (i, p) in [(0, 0.1), (2, 0.3), (3, 0.6)] {
        let mean = k as f64 * p;
        let sd = (k as f64 * p * (1.0 - p)).sqrt();
        assert!((counts[i] as f64 - mean).abs() < 6.0 * sd, "{counts:?}");
    }
}

#[test]
fn pool_sizes() {
    assert_eq!(pool_bytes_for(0, 10), 0);
    assert_eq!(pool_bytes_for(1000, 1), 0, "a bound of 1 draws nothing");
    // 1000 draws rejected with probability below 2^-54 each: no spare
    assert_eq!(pool_bytes_for(1000, 1000), 8 * 1000);
    assert!(pool_bytes_for(1000, (1 << 63) + 1) > 16_000);
    assert_eq!(pool_bytes_for(usize::MAX, 10), crate::entropy::MAX_POOL);
    assert_eq!(pool_bytes_for(10, 1 << 64), 8 * 10);
}

fn pool_bytes_for(draws: usize, bound: u128) -> usize {
    crate::entropy::budget(&[index_need(draws, bound)])
}

fn pool_bytes_range(n: u128) -> usize {
    pool_bytes_for(1, n)
}
