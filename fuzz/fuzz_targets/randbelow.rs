//! randbelow (big-endian), randbelow_u64, randbits, randbits_u64 with fuzzed
//! bounds and sizes: the result is below the bound, unused high bits are
//! clear, bytes past ceil(k/8) are untouched, the status follows the documented rules.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::ffi::python_secrets::{
    secrets_randbelow, secrets_randbelow_u64, secrets_randbits, secrets_randbits_u64,
};

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let k = input.u16() as usize % 4200; // randbits: up to 525 bytes
    let out_size = input.u16() as usize % 600;
    let upper64 = input.u64();
    let k64 = input.u8() as u32 % 70;
    let upper = input.rest();

    // ---- randbelow, big-endian ----
    let mut out = vec![FILL; upper.len() + GUARD];
    let st =
        unsafe { secrets_randbelow(upper.as_ptr().cast(), upper.len(), out.as_mut_ptr().cast()) };
    if upper.iter().all(|&b| b == 0) {
        assert_eq!(st, INVALID_ARGUMENT, "randbelow(0) (len {})", upper.len());
        assert!(
            out[..upper.len()].iter().all(|&b| b == 0),
            "not zeroed on failure"
        );
    } else {
        assert_eq!(st, OK);
        // big-endian comparison of equal-length strings is lexicographic
        assert!(
            &out[..upper.len()] < upper,
            "randbelow: result not below the bound"
        );
    }
    assert!(
        out[upper.len()..].iter().all(|&b| b == FILL),
        "randbelow wrote past upper_len"
    );

    // ---- randbelow_u64 ----
    let mut x = 0xdead_beefu64;
    let st = unsafe { secrets_randbelow_u64(upper64, &mut x) };
    if upper64 == 0 {
        assert_eq!(st, INVALID_ARGUMENT);
        assert_eq!(x, 0xdead_beef, "scalar touched on failure");
    } else {
        assert_eq!(st, OK);
        assert!(x < upper64);
    }

    // ---- randbits ----
    let n = k.div_ceil(8);
    let mut out = vec![FILL; out_size + GUARD];
    let st = unsafe { secrets_randbits(k, out.as_mut_ptr().cast(), out_size) };
    if out_size < n {
        assert_eq!(st, BUFFER_TOO_SMALL, "randbits({k}) into {out_size} bytes");
        assert!(
            out[..out_size].iter().all(|&b| b == 0),
            "not zeroed on failure"
        );
    } else {
        assert_eq!(st, OK);
        if k % 8 != 0 {
            assert_eq!(out[0] >> (k % 8), 0, "randbits({k}): high bits set");
        }
        assert!(
            out[n..].iter().all(|&b| b == FILL),
            "randbits({k}) touched bytes past ceil(k/8)"
        );
    }
    assert!(
        out[out_size..].iter().all(|&b| b == FILL),
        "randbits wrote past out_size"
    );

    // ---- randbits_u64 ----
    let mut x = 0xdead_beefu64;
    let st = unsafe { secrets_randbits_u64(k64, &mut x) };
    if k64 > 64 {
        assert_eq!(st, INVALID_ARGUMENT);
        assert_eq!(x, 0xdead_beef);
    } else {
        assert_eq!(st, OK);
        if k64 < 64 {
            assert!(x >> k64 == 0, "randbits_u64({k64}) = {x:#x}");
        }
    }
});
