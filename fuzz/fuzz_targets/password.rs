//! password and password_entropy with arbitrary policies: a valid password
//! (length code points from the alphabet, every minimum met) or the right
//! status; never a hang (libFuzzer's -timeout), never a write past out_size.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::ffi::generators::{
    secrets_password, secrets_password_entropy, secrets_password_policy as Policy,
    SECRETS_PASSWORD_MAX_LENGTH as MAX_LENGTH,
};

const DEFAULT: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn class(c: char) -> usize {
    match c {
        'a'..='z' => 0,
        'A'..='Z' => 1,
        '0'..='9' => 2,
        _ => 3,
    }
}

fn min_value(input: &mut Input) -> usize {
    let b = input.u8();
    match b {
        0xff => usize::MAX,
        0xfe => usize::MAX / 2 + 1,
        0xfd => 1025,
        _ => (b % 6) as usize,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let flags = input.u8();
    let len_sel = input.u16() as usize;
    let length = match flags >> 5 {
        0 => usize::MAX,
        1 => usize::MAX / 4,
        2 => MAX_LENGTH + 1,
        3 => 1024,
        _ => len_sel % 1100,
    };
    let mins = [
        min_value(&mut input),
        min_value(&mut input),
        min_value(&mut input),
        min_value(&mut input),
    ];
    let size_sel = input.u16() as usize;
    let raw = input.rest();
    let use_default = flags & 1 != 0;
    let alphabet: &[u8] = if use_default { DEFAULT.as_bytes() } else { raw };
    let cps = code_points(alphabet);
    let max_cp = cps
        .as_ref()
        .map(|c| c.iter().map(|c| c.len_utf8()).max().unwrap_or(0))
        .unwrap_or(4);
    let need = length.checked_mul(max_cp).and_then(|n| n.checked_add(1));
    let out_size = match (flags >> 1) % 4 {
        0 => need.unwrap_or(64).min(8192),
        1 => need.unwrap_or(64).min(8192).saturating_sub(1),
        2 => 8192,
        _ => size_sel % 5000,
    };
    let policy = Policy {
        length,
        alphabet: if use_default {
            core::ptr::null()
        } else {
            raw.as_ptr().cast()
        },
        alphabet_len: if use_default { 0 } else { raw.len() },
        min_lower: mins[0],
        min_upper: mins[1],
        min_digits: mins[2],
        min_symbols: mins[3],
    };
    let mut out = Guarded::new(out_size);
    let st = unsafe { secrets_password(out.ptr(), out_size, &policy) };
    let mut bits = -1.0f64;
    let est = unsafe { secrets_password_entropy(&policy, &mut bits) };

    // what the documented rules allow
    let any_min = mins.iter().any(|&m| m > 0);
    let sum = mins.iter().try_fold(0usize, |a, &m| a.checked_add(m));
    let mut allowed = Vec::new(); // errors that apply
    let mut size_errors = Vec::new();
    match &cps {
        None => {
            // an invalid alphabet: its class counts are unknown, so any
            // argument error may come first
            allowed.extend([INVALID_UTF8, UNSATISFIABLE, TOO_LARGE, BUFFER_TOO_SMALL]);
        }
        Some(c) => {
            let mut sorted = c.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if sorted.len() != c.len() || c.contains(&'\0') {
                allowed.push(INVALID_ARGUMENT); // duplicates; U+0000 (documented in secrets.h)
            }
            if c.is_empty() && length > 0 {
                allowed.push(EMPTY);
            }
            let mut counts = [0usize; 4];
            for &ch in c {
                counts[class(ch)] += 1;
            }
            if sum.map_or(true, |s| s > length) || (0..4).any(|k| mins[k] > 0 && counts[k] == 0) {
                allowed.push(UNSATISFIABLE);
            }
            if sum.is_none() {
                allowed.push(TOO_LARGE);
            }
        }
    }
    if need.is_none() || length > MAX_LENGTH {
        size_errors.push(TOO_LARGE); // overflow, or past SECRETS_PASSWORD_MAX_LENGTH
    }
    if need.map_or(true, |n| out_size < n) {
        size_errors.push(BUFFER_TOO_SMALL);
    }
    let arg_errors = allowed.clone();
    allowed.extend(&size_errors);
    if length == 0 && !any_min && out_size >= 1 {
        allowed.push(OK); // zero counts succeed (even with an empty alphabet)
    }
    if arg_errors.is_empty() && size_errors.is_empty() {
        allowed.push(OK);
    }
    assert!(
        allowed.contains(&st),
        "password(length {length}, mins {mins:?}, out_size {out_size}, alphabet {:?}) = {st}, allowed {allowed:?}",
        if use_default { "NULL" } else { "given" }
    );

    if st != OK {
        out.check_failed_text("password");
        if arg_errors.contains(&st) && st != TOO_LARGE {
            assert_ne!(
                est, OK,
                "password_entropy accepts a policy that password rejects with {st}"
            );
        }
        return;
    }
    out.check_guard("password");
    let text = out.text();
    let got = code_points(text).expect("password produced invalid UTF-8");
    assert_eq!(got.len(), length, "password: wrong number of code points");
    let c = cps.unwrap();
    let mut counts = [0usize; 4];
    for g in &got {
        assert!(c.contains(g), "password: {g:?} is not in the alphabet");
        counts[class(*g)] += 1;
    }
    for k in 0..4 {
        assert!(
            counts[k] >= mins[k],
            "password: minimum {k} not met: {counts:?} < {mins:?}"
        );
    }
    // the entropy of a policy that password accepted
    assert_eq!(
        est, OK,
        "password_entropy fails on a policy password accepts"
    );
    assert!(bits.is_finite() && bits >= 0.0, "password_entropy = {bits}");
    if length == 0 {
        assert_eq!(bits, 0.0, "password_entropy of a length-0 policy");
        return;
    }
    let n = c.len() as f64;
    assert!(
        bits <= length as f64 * n.log2() + 1e-6,
        "password_entropy {bits} above length*log2(n)"
    );
    if !any_min {
        let want = length as f64 * n.log2();
        assert!(
            (bits - want).abs() <= 1e-9 * want.max(1.0),
            "password_entropy {bits}, want {want}"
        );
    }
});
