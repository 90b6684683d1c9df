//! token_chars with arbitrary alphabets (often invalid UTF-8), lengths and
//! output sizes: a valid result or the right status, never a write past
//! out_size.  A valid result is `length` code points, each one of the
//! alphabet's.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;

use secrets::ffi::generators::secrets_token_chars;

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let flags = input.u8();
    let length = input.u8() as usize % 80;
    let size_sel = input.u16() as usize;
    let alphabet = input.rest();
    let cps = code_points(alphabet);
    let max_cp = cps
        .as_ref()
        .map(|c| c.iter().map(|c| c.len_utf8()).max().unwrap_or(0))
        .unwrap_or(4);
    let need = length * max_cp + 1;
    let out_size = match flags % 4 {
        0 => need,
        1 => need.saturating_sub(1),
        2 => need + 7,
        _ => size_sel % 400,
    };
    let alpha_ptr = if alphabet.is_empty() && flags & 0x10 != 0 {
        core::ptr::null()
    } else {
        alphabet.as_ptr().cast()
    };
    let mut out = Guarded::new(out_size);
    let st = unsafe { secrets_token_chars(out.ptr(), out_size, length, alpha_ptr, alphabet.len()) };

    // every status that some documented rule allows for these arguments
    let mut allowed = Vec::new();
    match &cps {
        None => allowed.push(INVALID_UTF8),
        Some(c) if c.is_empty() && length > 0 => allowed.push(EMPTY),
        Some(c) if c.contains(&'\0') => allowed.push(INVALID_ARGUMENT), // documented in secrets.h
        _ => {}
    }
    if out_size < need {
        allowed.push(BUFFER_TOO_SMALL);
    }
    if length == 0 && out_size >= 1 {
        allowed.push(OK); // zero counts succeed, whatever the alphabet
    }
    if allowed.is_empty() {
        allowed.push(OK);
    }
    assert!(
        allowed.contains(&st),
        "token_chars(length {length}, out_size {out_size}, alphabet {alphabet:?}) = {st}, allowed {allowed:?}"
    );
    if st != OK {
        out.check_failed_text("token_chars");
        return;
    }
    out.check_guard("token_chars");
    let text = out.text();
    let got = code_points(text).expect("token_chars produced invalid UTF-8");
    assert_eq!(
        got.len(),
        length,
        "token_chars: wrong number of code points"
    );
    if let Some(c) = &cps {
        assert!(
            got.iter().all(|g| c.contains(g)),
            "token_chars: a code point not in the alphabet"
        );
    }
});
