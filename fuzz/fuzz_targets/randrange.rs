//! randrange and randint over the whole int64_t domain: Python's semantics
//! (any non-zero step, negative included), exact, no overflow.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

use secrets::ffi::systemrandom::{secrets_randint, secrets_randrange};

fn edge(input: &mut Input) -> i64 {
    let sel = input.u8();
    let v = input.u64() as i64;
    match sel % 8 {
        0 => i64::MIN.wrapping_add(v & 3),
        1 => i64::MAX.wrapping_sub(v & 3),
        2 => (v & 15) - 8,
        _ => v,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let (start, stop, step) = (edge(&mut input), edge(&mut input), edge(&mut input));
    let mut x = 0x5eed_i64;
    let st = unsafe { secrets_randrange(start, stop, step, &mut x) };
    let (s, e, k) = (start as i128, stop as i128, step as i128);
    let count = if k > 0 {
        (e - s + k - 1).div_euclid(k)
    } else if k < 0 {
        (s - e - k - 1).div_euclid(-k)
    } else {
        0
    };
    if count <= 0 {
        assert_eq!(st, INVALID_ARGUMENT, "randrange({start}, {stop}, {step})");
        assert_eq!(x, 0x5eed, "scalar touched on failure");
    } else {
        assert_eq!(st, OK, "randrange({start}, {stop}, {step})");
        let d = x as i128 - s;
        assert!(
            d % k == 0 && d / k >= 0 && d / k < count,
            "randrange({start}, {stop}, {step}) = {x}"
        );
    }

    let (a, b) = (start, stop);
    let mut y = 0x5eed_i64;
    let st = unsafe { secrets_randint(a, b, &mut y) };
    if a > b {
        assert_eq!(st, INVALID_ARGUMENT, "randint({a}, {b})");
        assert_eq!(y, 0x5eed);
    } else {
        assert_eq!(st, OK, "randint({a}, {b})");
        assert!(a <= y && y <= b, "randint({a}, {b}) = {y}");
    }
});
