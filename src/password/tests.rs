//! The password module's tests: counts against enumeration and
//! compositions, exhaustive and chi-square uniformity, and the sampler's
//! arithmetic.

use super::*;
use crate::alphabet::testing::{chi2, chi2_critical, SplitMix};
use crate::entropy::testing::{Counting, Failing, Script};
use num_traits::Zero;
use std::collections::HashMap;

fn policy(length: usize, alphabet: Option<&str>, min: [usize; 4]) -> Policy<'_> {
    Policy {
        length,
        alphabet: alphabet.map(str::as_bytes),
        min,
    }
}

fn meets(s: &[char], min: [usize; 4]) -> bool {
    let mut n = [0usize; 4];
    for &c in s {
        n[Class::of(c) as usize] += 1;
    }
    n.iter().zip(min).all(|(&have, want)| have >= want)
}

/// Every string of length `len` over `chars` that meets `min`.
fn enumerate(chars: &[char], len: usize, min: [usize; 4]) -> Vec<String> {
    let k = chars.len();
    let total = k.pow(len as u32);
    let mut out = Vec::new();
    let mut s = vec!['\0'; len];
    for mut code in 0..total {
        for slot in s.iter_mut() {
            *slot = chars[code % k];
            code /= k;
        }
        if meets(&s, min) {
            out.push(s.iter().collect());
        }
    }
    out
}

/// The count as a sum over class compositions of multinomial(n; k) Π a^k:
/// an independent formula for lengths beyond enumeration.
fn count_by_compositions(n: usize, sizes: [u64; 4], min: [usize; 4]) -> BigUint {
    let mut total = BigUint::zero();
    let binom = |n: usize, k: usize| -> BigUint {
        let mut b = BigUint::from(1u32);
        for i in 0..k {
            b = b * (n - i) as u64 / (i + 1) as u64;
        }
        b
    };
    for k0 in min[0]..=n {
        for k1 in min[1]..=n - k0 {
            for k2 in min[2]..=n - k0 - k1 {
                let k3 = n - k0 - k1 - k2;
                if k3 < min[3] {
                    continue;
                }
                let ks = [k0, k1, k2, k3];
                if ks.iter().zip(sizes).any(|(&k, a)| k > 0 && a == 0) {
                    continue;
                }
                let mut term = binom(n, k0) * binom(n - k0, k1) * binom(n - k0 - k1, k2);
                for (k, a) in ks.iter().zip(sizes) {
                    term *= BigUint::from(a).pow(*k as u32);
                }
                total += term;
            }
        }
    }
    total
}

fn sizes_of(alphabet: &str) -> [u64; 4] {
    let mut s = [0u64; 4];
    for c in alphabet.chars() {
        s[Class::of(c) as usize] += 1;
    }
    s
}

#[test]
fn counts_match_enumeration() {
    let alphabets = ["aB1!", "abAB01", "ab1!\u{e9}", "abcXY9", "a", "aA", "0!"];
    let mut checked = 0;
    for alpha in alphabets {
        let chars: Vec<char> = alpha.chars().collect();
        let max_len = if chars.len() <= 4 { 6 } else { 5 };
        for len in 0..=max_len {
            for m0 in 0..=3 {
                for m1 in 0..=2 {
                    for m2 in 0..=2 {
                        for m3 in 0..=2 {
                            let min = [m0, m1, m2, m3];
                            let p = policy(len, Some(alpha), min);
                            let want = enumerate(&chars, len, min).len();
                            match Plan::new(&p) {
                                Ok(plan) => {
                                    assert_eq!(
                                        plan.count().unwrap(),
                                        BigUint::from(want),
                                        "{alpha:?} len {len} min {min:?}"
                                    );
                                    let bits = plan.entropy_bits().unwrap();
                                    assert!(
                                        (bits - (want as f64).log2()).abs() < 1e-12,
                                        "{alpha:?} len {len} min {min:?}: {bits}"
                                    );
                                    checked += 1;
                                }
                                Err(Error::Unsatisfiable) => assert_eq!(
                                    want, 0,
                                    "{alpha:?} len {len} min {min:?} is satisfiable"
                                ),
                                Err(e) => panic!("{alpha:?} len {len} min {min:?}: {e:?}"),
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 600, "{checked} policies");
}

#[test]
fn counts_match_compositions_for_longer_policies() {
    let cases: &[(usize, Option<&str>, [usize; 4])] = &[
        (10, None, [2, 2, 3, 0]),
        (16, None, [1, 1, 1, 0]),
        (40, None, [5, 0, 7, 0]),
        (40, Some(ALL_CLASSES), [3, 4, 5, 6]),
        (60, Some(ALL_CLASSES), [1, 20, 1, 30]),
        (33, Some("ab\u{e9}\u{20ac}XZ9"), [2, 1, 4, 7]),
        (25, Some("xyz"), [25, 0, 0, 0]),
        (25, Some("xyzQ"), [24, 0, 0, 0]),
    ];
    for &(n, alpha, min) in cases {
        let plan = Plan::new(&policy(n, alpha, min)).unwrap();
        let want = count_by_compositions(n, sizes_of(alpha.unwrap_or(alphabet::DEFAULT)), min);
        assert_eq!(plan.count().unwrap(), want, "n {n} {alpha:?} {min:?}");
    }
}

#[test]
fn entropy_of_large_policies() {
    // 62^1000 minus the strings missing a class: below 2^-250 of it
    let plan = Plan::new(&policy(1000, None, [1, 1, 1, 0])).unwrap();
    let want = 1000.0 * 62f64.log2();
    assert!((plan.entropy_bits().unwrap() - want).abs() < 1e-9 * want);
    let plan = Plan::new(&policy(MAX_LENGTH, None, [0, 0, 0, 0])).unwrap();
    let want = MAX_LENGTH as f64 * 62f64.log2();
    assert!((plan.entropy_bits().unwrap() - want).abs() < 1e-9 * want);
    let plan = Plan::new(&policy(0, None, [0; 4])).unwrap();
    assert_eq!(plan.entropy_bits().unwrap(), 0.0);
    let plan = Plan::new(&policy(12, None, [0, 0, 12, 0])).unwrap();
    assert!((plan.entropy_bits().unwrap() - 12.0 * 10f64.log2()).abs() < 1e-12);
}

/// Running the table backwards reproduces every forward value exactly.
#[test]
fn backward_retraces_forward() {
    let abc = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?";
    for (n, min) in [
        (50, [3, 1, 4, 2]),
        (30, [1, 1, 1, 1]),
        (20, [0, 5, 0, 9]),
        (14, [14, 0, 0, 0]),
    ] {
        let plan = Plan::new(&policy(n, Some(abc), min)).unwrap();
        let mut table = Table::new(&plan).unwrap();
        let mut history = vec![table.h.clone()];
        for _ in 0..n {
            table.forward().unwrap();
            history.push(table.h.clone());
        }
        let full = table.full();
        for t in (0..n).rev() {
            table.backward(full).unwrap();
            assert_eq!(table.h, history[t], "n {n} {min:?} t {t}");
        }
    }
}

#[test]
fn errors() {
    let p = |len, alpha, min| Plan::new(&policy(len, alpha, min)).map(|_| ());
    assert_eq!(p(8, Some("abca"), [0; 4]), Err(Error::InvalidArgument));
    assert_eq!(p(8, Some("ab\0"), [0; 4]), Err(Error::InvalidArgument));
    assert_eq!(
        p(8, Some("x\u{e9}y\u{e9}"), [0; 4]),
        Err(Error::InvalidArgument)
    );
    assert_eq!(p(3, None, [2, 0, 2, 0]), Err(Error::Unsatisfiable));
    assert_eq!(p(8, Some("abc"), [0, 1, 0, 0]), Err(Error::Unsatisfiable));
    assert_eq!(p(8, None, [0, 0, 0, 1]), Err(Error::Unsatisfiable));
    assert_eq!(
        p(10, None, [usize::MAX, 1, 0, 0]),
        Err(Error::Unsatisfiable)
    );
    assert_eq!(p(0, None, [0, 0, 1, 0]), Err(Error::Unsatisfiable));
    assert_eq!(p(5, Some(""), [0; 4]), Err(Error::Empty));
    assert_eq!(p(0, Some(""), [0; 4]), Ok(()));
    assert_eq!(p(MAX_LENGTH + 1, None, [0; 4]), Err(Error::TooLarge));
    assert_eq!(p(MAX_LENGTH, None, [1, 1, 1, 0]), Ok(()));
    let bad = Policy {
        length: 8,
        alphabet: Some(b"ab\xff"),
        min: [0; 4],
    };
    assert_eq!(Plan::new(&bad).map(|_| ()), Err(Error::InvalidUtf8));
}

fn draw(plan: &Plan, rng: &mut SplitMix) -> String {
    let mut picks = vec![0u32; plan.length()];
    plan.sample(rng, &mut picks).unwrap();
    picks.iter().map(|&i| plan.chars[i as usize]).collect()
}

/// An [`Rng`] seen as a [`RandomSource`], for the fast path.
struct AsSource<'a>(&'a mut SplitMix);
impl RandomSource for AsSource<'_> {
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        self.0.fill_bytes(dest)
    }
}

fn chi2_over_valid(alpha: &str, len: usize, min: [usize; 4], mut draw_one: impl FnMut() -> String) {
    let chars: Vec<char> = alpha.chars().collect();
    let valid = enumerate(&chars, len, min);
    let index: HashMap<&str, usize> = valid
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut counts = vec![0u64; valid.len()];
    for _ in 0..150 * valid.len() {
        let s = draw_one();
        let i = *index
            .get(s.as_str())
            .unwrap_or_else(|| panic!("{alpha:?} {min:?}: {s:?} does not meet the policy"));
        counts[i] += 1;
    }
    assert!(
        counts.iter().all(|&c| c > 0),
        "{alpha:?}: a string never drawn"
    );
    let stat = chi2(&counts);
    let crit = chi2_critical(valid.len() - 1);
    assert!(stat < crit, "{alpha:?} {min:?}: chi2 {stat} >= {crit}");
}

/// An alphabet with characters of all four classes.
const ALL_CLASSES: &str =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%&*+-=?@^_~";

/// A policy for the exhaustive tests: alphabet, length, minimums.
type Case = (&'static str, usize, [usize; 4]);

/// The small policies both exhaustive uniformity tests start with (the
/// same order, so each test's random stream is as it was).
const SMALL_POLICIES: &[Case] = &[
    ("aB1!", 3, [0, 0, 1, 1]),
    ("aA0!", 4, [1, 1, 1, 1]),
    ("abAB0", 3, [2, 1, 0, 0]),
];

/// Every strategy, forced on policies it would not be chosen for too, is
/// uniform over every valid string (brute-force list, chi-square).
#[test]
fn every_strategy_is_uniform_over_every_valid_string() {
    let more: &[Case] = &[
        ("abcAB1", 3, [1, 0, 0, 0]),
        ("abAB01", 4, [1, 1, 0, 0]),
        ("a\u{e9}Z", 4, [0, 1, 0, 2]),
        ("aB1", 4, [0, 0, 0, 0]),
    ];
    let mut rng = SplitMix(0xfa57);
    let mut ran = 0;
    for &(alpha, len, min) in SMALL_POLICIES.iter().chain(more) {
        let plan = Plan::new(&policy(len, Some(alpha), min)).unwrap();
        for strategy in [
            Strategy::Independent,
            Strategy::Rejection,
            Strategy::Counting,
        ] {
            if strategy == Strategy::Independent && min != [0; 4] {
                continue;
            }
            chi2_over_valid(alpha, len, min, || {
                let mut picks = vec![0u32; len];
                plan.sample_with(strategy, &mut rng, &mut picks).unwrap();
                picks.iter().map(|&i| plan.chars[i as usize]).collect()
            });
            ran += 1;
        }
    }
    assert_eq!(ran, 15);
}

/// The allocation-free ASCII path: uniform over every valid string, for
/// each of its strategies.
#[test]
fn ascii_fast_path_is_uniform_over_every_valid_string() {
    let cases: &[(&str, usize, [usize; 4], Strategy)] = &[
        ("abcAB1", 3, [1, 0, 0, 0], Strategy::Unrank),
        ("abAB01", 4, [1, 1, 0, 0], Strategy::Unrank),
        ("abcAB1", 4, [2, 0, 0, 0], Strategy::Rejection),
        ("abcdAB1", 4, [2, 1, 0, 0], Strategy::Rejection),
        ("aB1", 4, [0, 0, 0, 0], Strategy::Independent),
        ("ab!#1", 3, [0, 0, 0, 0], Strategy::Independent),
    ];
    let mut rng = SplitMix(0xa5c11);
    for &(alpha, len, min, strategy) in cases {
        let fast = AsciiPlan::new(&policy(len, Some(alpha), min)).unwrap();
        assert_eq!(fast.strategy(), strategy, "{alpha:?}");
        chi2_over_valid(alpha, len, min, || {
            let mut out = vec![0u8; len];
            let n = fast
                .generate(AsSource(&mut rng), &mut out)
                .unwrap()
                .unwrap();
            assert_eq!(n, len);
            String::from_utf8(out).unwrap()
        });
    }
}

#[test]
fn strategies_chosen_from_the_acceptance_probability() {
    let s = |n, min| Plan::new(&policy(n, None, min)).unwrap().strategy();
    assert_eq!(s(16, [0; 4]), Strategy::Independent);
    assert_eq!(s(16, [1, 1, 1, 0]), Strategy::Rejection);
    assert_eq!(s(12, [0, 0, 12, 0]), Strategy::Counting);
    assert_eq!(s(8, [2, 2, 2, 0]), Strategy::Counting);
    let fast = |n, a: Option<&str>, min| AsciiPlan::new(&policy(n, a, min)).map(|p| p.strategy());
    assert_eq!(fast(16, None, [0; 4]), Some(Strategy::Independent));
    assert_eq!(fast(16, None, [1, 1, 1, 0]), Some(Strategy::Unrank));
    assert_eq!(fast(21, None, [1, 1, 1, 0]), Some(Strategy::Unrank));
    assert_eq!(fast(16, None, [2, 1, 1, 0]), Some(Strategy::Rejection));
    assert_eq!(
        fast(22, None, [1, 1, 1, 0]),
        Some(Strategy::Rejection),
        "62^22 >= 2^128: whole strings"
    );
    assert_eq!(fast(12, None, [0, 0, 1, 0]), Some(Strategy::Unrank));
    // one wide try of bits(62^16) + 64 bits, no spare
    let pool = |n, min| AsciiPlan::new(&policy(n, None, min)).unwrap().pool;
    assert_eq!(pool(16, [1, 1, 1, 0]), 20);
    assert_eq!(pool(21, [1, 0, 0, 0]), 24);
    assert_eq!(
        fast(12, None, [0, 0, 12, 0]),
        None,
        "counting: the general path"
    );
    // invalid or non-ASCII policies are left to Plan::new and its errors
    assert!(fast(16, Some("aa"), [0; 4]).is_none());
    assert!(fast(16, Some("a\u{e9}"), [0; 4]).is_none());
    assert!(fast(16, Some(""), [0; 4]).is_none());
    assert!(fast(16, None, [0, 0, 0, 1]).is_none());
    assert!(fast(2, None, [1, 1, 1, 0]).is_none());
    assert!(fast(MAX_LENGTH + 1, None, [0; 4]).is_none());
    assert!(fast(0, None, [0; 4]).is_none());
    assert!(fast(3, Some("a\0b"), [0; 4]).is_none());
    assert_eq!(budget(&[strings_need(1, 1.0)]), 1);
    assert_eq!(budget(&[strings_need(1, 0.5)]), 40);
    // 0.06^10 < 2^-40 < 0.06^9
    assert_eq!(budget(&[strings_need(1, 0.94)]), 10);
    // the bound never exceeds the exact acceptance probability
    for &(alpha, n, min) in &[
        ("abcAB1", 3usize, [1usize, 0, 0, 0]),
        ("abAB01", 4, [1, 1, 0, 0]),
        ("aB1!", 5, [1, 1, 1, 1]),
        ("abcdefXYZ0", 6, [2, 1, 1, 0]),
    ] {
        let plan = Plan::new(&policy(n, Some(alpha), min)).unwrap();
        let (m, k) = plan.minimums();
        let lb = acceptance_lower_bound(n, plan.chars.len(), &m[..k]);
        let exact =
            enumerate(&plan.chars, n, min).len() as f64 / (plan.chars.len() as f64).powi(n as i32);
        assert!(lb <= exact + 1e-12, "{alpha:?}: {lb} > {exact}");
    }
}

#[test]
fn default_alphabet_class_sizes() {
    let mut n = [0usize; 4];
    for c in alphabet::DEFAULT.chars() {
        n[Class::of(c) as usize] += 1;
    }
    assert_eq!(n, [26, 26, 10, 0]);
    assert_eq!(alphabet::DEFAULT.len(), 62);
}

#[test]
fn ascii_fast_path_gives_up_after_its_rejections() {
    // all-zero bytes: always 'a', never an upper-case letter
    let fast = AsciiPlan::new(&policy(16, None, [0, 2, 0, 0])).unwrap();
    assert_eq!(fast.strategy(), Strategy::Rejection);
    let mut out = [0u8; 16];
    let mut s = Script::new(vec![0; 4096]);
    assert_eq!(fast.generate(&mut s, &mut out), Ok(None));
    assert!(
        s.pos >= MAX_REJECTIONS * 16 * 6 / 8, // 32 strings of 16 six-bit fields
        "{} bytes for 32 strings",
        s.pos
    );
    // and a failing source is an error, not a give-up
    assert_eq!(
        fast.generate(Failing, &mut out),
        Err(Error::EntropyUnavailable)
    );
}

#[test]
fn ascii_fast_path_is_one_os_request() {
    for min in [[0; 4], [1, 1, 1, 0], [2, 1, 1, 0], [2, 2, 2, 0]] {
        let Some(fast) = AsciiPlan::new(&policy(16, None, min)) else {
            continue;
        };
        let mut out = [0u8; 16];
        for _ in 0..200 {
            let mut c = Counting::default();
            assert_eq!(fast.generate(&mut c, &mut out), Ok(Some(16)));
            assert_eq!(c.requests, 1, "{min:?}");
            let s: Vec<char> = out.iter().map(|&b| b as char).collect();
            assert!(meets(&s, min));
        }
    }
}

/// Chi-square of the output against the exhaustive list of strings that
/// meet the policy: every one appears, with equal frequencies.
#[test]
fn uniform_over_every_valid_string() {
    let more: &[Case] = &[
        ("abX1", 5, [2, 0, 2, 0]),
        ("a\u{e9}Z", 4, [0, 1, 0, 2]),
        ("ab01", 4, [3, 0, 0, 0]),
    ];
    let mut rng = SplitMix(0x5ec2e75);
    for &(alpha, len, min) in SMALL_POLICIES.iter().chain(more) {
        let chars: Vec<char> = alpha.chars().collect();
        let valid = enumerate(&chars, len, min).len();
        let plan = Plan::new(&policy(len, Some(alpha), min)).unwrap();
        assert_eq!(plan.count().unwrap(), BigUint::from(valid));
        chi2_over_valid(alpha, len, min, || draw(&plan, &mut rng));
    }
}

/// A biased sampler (minimum characters always first) fails the same test:
/// the test can tell.
#[test]
fn chi_square_detects_a_biased_sampler() {
    let chars: Vec<char> = "aB1!".chars().collect();
    let valid = enumerate(&chars, 3, [0, 0, 1, 1]);
    let mut rng = SplitMix(7);
    let mut counts = vec![0u64; valid.len()];
    for _ in 0..300 * valid.len() {
        // '1', '!', then any character, shuffled: the classic biased way
        let mut s = vec!['1', '!', chars[sample::index(&mut rng, 4).unwrap()]];
        for i in (1..3).rev() {
            let j = sample::index(&mut rng, i + 1).unwrap();
            s.swap(i, j);
        }
        let s: String = s.into_iter().collect();
        counts[valid.iter().position(|v| *v == s).unwrap()] += 1;
    }
    assert!(chi2(&counts) > chi2_critical(valid.len() - 1));
}

#[test]
fn every_output_meets_its_policy() {
    let abc = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\u{e9}\u{20ac}";
    let mut rng = SplitMix(42);
    for round in 0..400 {
        let n = sample::index(&mut rng, 40).unwrap();
        let mut min = [0usize; 4];
        let mut left = n;
        for m in min.iter_mut() {
            *m = sample::index(&mut rng, left.min(6) + 1).unwrap();
            left -= *m;
        }
        let alpha = if round % 2 == 0 { Some(abc) } else { None };
        let p = policy(n, alpha, min);
        match Plan::new(&p) {
            Ok(plan) => {
                let s: Vec<char> = draw(&plan, &mut rng).chars().collect();
                assert_eq!(s.len(), n);
                assert!(meets(&s, min), "{s:?} {min:?}");
            }
            Err(Error::Unsatisfiable) => assert!(alpha.is_none() && min[3] > 0),
            Err(e) => panic!("{e:?}"),
        }
    }
}

#[test]
fn extreme_policy_gives_all_digits() {
    let plan = Plan::new(&policy(12, None, [0, 0, 12, 0])).unwrap();
    let mut rng = SplitMix(1);
    for _ in 0..100 {
        let s = draw(&plan, &mut rng);
        assert_eq!(s.len(), 12);
        assert!(s.bytes().all(|b| b.is_ascii_digit()), "{s}");
    }
}

#[test]
fn demanding_long_policy() {
    let plan = Plan::new(&policy(1000, None, [300, 300, 300, 0])).unwrap();
    let s: Vec<char> = draw(&plan, &mut SplitMix(3)).chars().collect();
    assert_eq!(s.len(), 1000);
    assert!(meets(&s, [300, 300, 300, 0]));
}

#[test]
fn one_os_request_per_password() {
    let cases: &[(usize, Option<&str>, [usize; 4])] = &[
        (16, None, [1, 1, 1, 0]),
        (16, None, [0, 0, 0, 0]),
        (12, None, [0, 0, 12, 0]),
        (64, Some(ALL_CLASSES), [2, 3, 4, 5]),
        (1024, Some(ALL_CLASSES), [10, 10, 10, 10]),
        (300, None, [90, 90, 90, 0]),
    ];
    for &(n, alpha, min) in cases {
        let plan = Plan::new(&policy(n, alpha, min)).unwrap();
        let mut out = vec![0u8; n];
        for _ in 0..if n > 100 { 3 } else { 20 } {
            let mut c = Counting::default();
            let len = plan.generate(&mut c, &mut out).unwrap();
            assert_eq!(len, n);
            assert_eq!(c.requests, 1, "n {n} {min:?}");
            let s: Vec<char> = core::str::from_utf8(&out).unwrap().chars().collect();
            assert!(meets(&s, min));
        }
    }
}

#[test]
fn entropy_failure_is_reported() {
    for min in [[0; 4], [1, 1, 1, 0]] {
        let plan = Plan::new(&policy(16, None, min)).unwrap();
        let mut out = [0u8; 16];
        assert_eq!(
            plan.generate(Failing, &mut out),
            Err(Error::EntropyUnavailable)
        );
    }
}

/// The walk consumes its input as documented: with all minimums 1 and
/// no free pool, one draw below the count decides the whole password.
#[test]
fn one_draw_decides_a_password_of_minimums_one() {
    let plan = Plan::new(&policy(3, Some("aB1"), [1, 1, 1, 0])).unwrap();
    assert_eq!(plan.count().unwrap(), BigUint::from(6u32));
    let mut seen = std::collections::HashSet::new();
    for r in 0..8u8 {
        // below_be(6): candidates of 3 bits; 6 and 7 run the script dry
        let mut s = Script::new(vec![r]);
        let mut picks = [0u32; 3];
        match plan.sample(&mut s, &mut picks) {
            Ok(()) => {
                assert!(r < 6);
                assert_eq!(s.pos, 1, "no other draw");
                seen.insert(picks);
            }
            Err(e) => {
                assert!(r >= 6);
                assert_eq!(e, Error::EntropyUnavailable);
            }
        }
    }
    assert_eq!(seen.len(), 6, "six values of r, six orderings of a, B, 1");
}

#[test]
fn secret_arithmetic_agrees_with_biguint() {
    let nat = |b: &BigUint| {
        let mut n = Nat::zero();
        for byte in b.to_bytes_be() {
            n.mul_small(256).unwrap();
            n.add(&Nat::from_u64(byte as u64).unwrap()).unwrap();
        }
        n
    };
    let value = |s: &Secret| {
        let be: Vec<u8> = s
            .limbs()
            .iter()
            .rev()
            .flat_map(|l| l.to_be_bytes())
            .collect();
        BigUint::from_bytes_be(&be)
    };
    let mut rng = SplitMix(9);
    for _ in 0..200 {
        let mut bytes = [0u8; 40];
        rng.fill_bytes(&mut bytes).unwrap();
        let bound = BigUint::from_bytes_be(&bytes) + 1u32;
        let mut s = Secret::below(&mut rng, &nat(&bound), 7).unwrap();
        let v = value(&s);
        assert!(v < bound);
        assert!(s.lt(&nat(&bound)) && !s.lt(&nat(&v)) && s.lt(&nat(&(&v + 1u32))));
        let x = &v / 3u32;
        s.sub(&nat(&x)).unwrap();
        assert_eq!(value(&s), &v - &x);
        let v = value(&s);
        assert_eq!(s.sub(&nat(&(&v + 1u32))), Err(Error::Internal));
        let mut s = Secret::below(&mut rng, &nat(&bound), 7).unwrap();
        let v = value(&s);
        let rem = s.div_small(1_000_003);
        assert_eq!(value(&s), &v / 1_000_003u32);
        assert_eq!(BigUint::from(rem), &v % 1_000_003u32);
        let v = value(&s);
        s.add_mul(&nat(&bound), 4095).unwrap();
        assert_eq!(value(&s), v + &bound * 4095u32);
    }
}

// ---- Strategy::Unrank: one wide draw, then the string of that rank ----

/// Policies of the ranking: minimums of 0 or 1, custom alphabets (the
/// counts by inclusion and exclusion) and the default one's class sizes
/// (the compile-time table), a free pool or none, an alphabet of one.
const UNRANK_POLICIES: &[(Option<&str>, usize, [usize; 4])] = &[
    (Some("abAB01!"), 3, [1, 1, 0, 0]),
    (Some("aB1!"), 4, [1, 1, 1, 1]),
    (Some("abcAB1"), 3, [1, 0, 0, 0]),
    (Some("ab1"), 4, [0, 0, 1, 0]),
    (Some("aA"), 5, [1, 1, 0, 0]),
    (Some("a"), 3, [1, 0, 0, 0]),
    (Some("!#a0"), 3, [0, 0, 1, 1]),
    (None, 3, [1, 1, 1, 0]),
    (None, 2, [1, 0, 1, 0]),
    (None, 2, [0, 1, 0, 0]),
    // the default sizes in another order: the table, other buckets
    (
        Some("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        2,
        [1, 0, 1, 0],
    ),
];

fn valid_of(alpha: Option<&str>, len: usize, min: [usize; 4]) -> Vec<String> {
    let chars: Vec<char> = alpha.unwrap_or(alphabet::DEFAULT).chars().collect();
    enumerate(&chars, len, min)
}

/// The ranking is a bijection from `[0, N)` onto the valid strings: every
/// index gives a valid string, no two the same, and `N` is their number.
#[test]
fn unranking_is_a_bijection_onto_the_valid_strings() {
    for &(alpha, len, min) in UNRANK_POLICIES {
        let fast = AsciiPlan::new(&policy(len, alpha, min)).unwrap();
        assert_eq!(fast.strategy(), Strategy::Unrank, "{alpha:?} {min:?}");
        let mut valid = valid_of(alpha, len, min);
        let n = fast.unrank_count().unwrap();
        assert_eq!(n, valid.len() as u128, "{alpha:?} {min:?}");
        let mut seen = Vec::with_capacity(valid.len());
        let mut out = vec![0u8; len];
        for r in 0..n {
            fast.unrank_index(r, &mut out).unwrap();
            seen.push(String::from_utf8(out.clone()).unwrap());
        }
        seen.sort();
        valid.sort();
        assert_eq!(seen, valid, "{alpha:?} {min:?}");
    }
}

/// The counts agree with the counting sampler's for longer policies (up
/// to the largest the ranking takes), with the table and without it.
#[test]
fn unrank_counts_agree_with_the_counting_table() {
    for &(alpha, len, min) in &[
        (None, 16, [1, 1, 1, 0]),
        (None, 21, [1, 1, 1, 0]),
        (None, 21, [0, 1, 0, 0]),
        (Some(ALL_CLASSES), 19, [1, 1, 1, 1]),
        (Some(ALL_CLASSES), 12, [0, 1, 0, 1]),
        (Some("abcAB12#"), 24, [1, 1, 1, 1]),
        (Some("aB"), 24, [1, 1, 0, 0]),
    ] {
        let p = policy(len, alpha, min);
        let fast = AsciiPlan::new(&p).unwrap();
        assert_eq!(fast.strategy(), Strategy::Unrank, "{alpha:?} {len}");
        let want = Plan::new(&p).unwrap().count().unwrap();
        assert_eq!(
            BigUint::from(fast.unrank_count().unwrap()),
            want,
            "{alpha:?} {len}"
        );
        // the largest index unranks too, into a valid string
        let mut out = vec![0u8; len];
        fast.unrank_index(fast.unrank_count().unwrap() - 1, &mut out)
            .unwrap();
        let s: Vec<char> = out.iter().map(|&b| b as char).collect();
        assert!(meets(&s, min));
    }
}

/// A source that returns all-zero bytes on some fills (chosen by its own
/// random stream with probability `zero_in_16 / 16`): the wide draw's
/// rejection zone (`x = 0` gives a low part of 0, below `2^k mod N`
/// whenever `N` is not a power of two).
struct Zeroing<'a> {
    rng: &'a mut SplitMix,
    zero_in_16: u64,
    zeroed: usize,
}

impl RandomSource for Zeroing<'_> {
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        if self.rng.next_u64()? % 16 < self.zero_in_16 {
            dest.fill(0);
            self.zeroed += 1;
            Ok(())
        } else {
            self.rng.fill_bytes(dest)
        }
    }
}

/// Chi-square over every valid string of the ranking path as the export
/// runs it: the wide draw, its rejection branch (scripted), and the
/// counting sampler when every try is rejected.
#[test]
fn unrank_path_is_uniform_with_rejections_and_fallback() {
    let mut rng = SplitMix(0x0dd5);
    for &(alpha, len, min) in &[
        (Some("abAB01!"), 3, [1, 1, 0, 0]),
        (Some("aB1!"), 4, [1, 1, 1, 1]),
        (Some("aA"), 5, [1, 1, 0, 0]),
        (None, 2, [1, 0, 1, 0]),
    ] {
        let p = policy(len, alpha, min);
        let fast = AsciiPlan::new(&p).unwrap();
        assert_eq!(fast.strategy(), Strategy::Unrank);
        let n = fast.unrank_count().unwrap();
        assert!(!n.is_power_of_two(), "x = 0 must be in the rejection zone");
        let plan = Plan::new(&p).unwrap();
        for zero_in_16 in [0, 8, 14] {
            let (mut rejected, mut fallbacks) = (0, 0);
            chi2_over_valid(alpha.unwrap_or(alphabet::DEFAULT), len, min, || {
                let mut out = vec![0u8; len];
                let mut src = Zeroing {
                    rng: &mut rng,
                    zero_in_16,
                    zeroed: 0,
                };
                let got = fast.generate(&mut src, &mut out).unwrap();
                rejected += src.zeroed;
                if got.is_none() {
                    // what the export does: the counting sampler
                    fallbacks += 1;
                    let k = plan.generate(AsSource(&mut rng), &mut out).unwrap();
                    assert_eq!(k, len);
                }
                String::from_utf8(out).unwrap()
            });
            if zero_in_16 > 0 {
                assert!(rejected > 100, "{alpha:?}: {rejected} rejected tries");
            }
            if zero_in_16 == 14 {
                assert!(fallbacks > 50, "{alpha:?}: {fallbacks} fallbacks");
            }
        }
    }
}

/// The rejection branch draws again (one more wide try), and after
/// `UNRANK_TRIES` rejected tries the path gives up: `Ok(None)`.
#[test]
fn unrank_retries_then_gives_up() {
    let fast = AsciiPlan::new(&policy(16, None, [1, 1, 1, 0])).unwrap();
    assert_eq!(fast.strategy(), Strategy::Unrank);
    let pool = fast.pool;
    let mut out = [0u8; 16];
    // first try in the rejection zone, the second accepted
    let mut bytes = vec![0u8; pool];
    let mut rng = SplitMix(5);
    bytes.extend((0..pool).map(|_| rng.next_u32().unwrap() as u8));
    let mut s = Script::new(bytes);
    assert_eq!(fast.generate(&mut s, &mut out), Ok(Some(16)));
    assert_eq!(s.pos, 2 * pool);
    let s: Vec<char> = out.iter().map(|&b| b as char).collect();
    assert!(meets(&s, [1, 1, 1, 0]));
    // every try rejected: give up after UNRANK_TRIES, nothing more drawn
    let mut s = Script::new(vec![0; 4096]);
    assert_eq!(fast.generate(&mut s, &mut out), Ok(None));
    assert_eq!(s.pos, UNRANK_TRIES * pool);
    assert_eq!(
        fast.generate(Failing, &mut out),
        Err(Error::EntropyUnavailable)
    );
}
