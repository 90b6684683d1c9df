//! passphrase with arbitrary word lists (split on NUL: often invalid UTF-8,
//! empty words, separators inside words) and separators: a valid result
//! (exactly nwords list words joined by the separator) or the right status.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use std::ffi::{c_char, CString};

use secrets::ffi::generators::secrets_passphrase;

/// Can `text` be read as exactly `n` words of `words` joined by `sep`?
fn parses(text: &[u8], n: usize, words: &[&[u8]], sep: &[u8]) -> bool {
    if n == 0 {
        return text.is_empty();
    }
    // ends: the positions where k words (k = 1, 2, ...) can end
    let mut ends = vec![false; text.len() + 1];
    for w in words {
        if text.starts_with(w) {
            ends[w.len()] = true;
        }
    }
    for _ in 1..n {
        let mut next = vec![false; text.len() + 1];
        for p in 0..=text.len() {
            if !ends[p] || !text[p..].starts_with(sep) {
                continue;
            }
            let j = p + sep.len();
            for w in words {
                if text[j..].starts_with(w) {
                    next[j + w.len()] = true;
                }
            }
        }
        ends = next;
    }
    ends[text.len()]
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let flags = input.u8();
    let nwords = input.u8() as usize % 24;
    let sep_len = input.u8() as usize % 6;
    let size_sel = input.u16() as usize;
    let sep_raw: Vec<u8> = input
        .bytes(sep_len)
        .iter()
        .copied()
        .filter(|&b| b != 0)
        .collect();
    let words: Vec<&[u8]> = if input.data.is_empty() {
        Vec::new()
    } else {
        input.rest().split(|&b| b == 0).take(64).collect()
    };
    let cwords: Vec<CString> = words.iter().map(|w| CString::new(*w).unwrap()).collect();
    let ptrs: Vec<*const c_char> = cwords.iter().map(|w| w.as_ptr()).collect();
    let null_sep = flags & 1 != 0;
    let sep: &[u8] = if null_sep { b" " } else { &sep_raw };
    let csep = CString::new(sep_raw.clone()).unwrap();

    let max_word = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let need = if nwords == 0 {
        1
    } else {
        nwords * max_word + (nwords - 1) * sep.len() + 1
    };
    let out_size = match (flags >> 1) % 4 {
        0 => need,
        1 => need.saturating_sub(1),
        2 => need + 5,
        _ => size_sel % 600,
    };
    let mut out = Guarded::new(out_size);
    let st = unsafe {
        secrets_passphrase(
            out.ptr(),
            out_size,
            nwords,
            if words.is_empty() && flags & 8 != 0 {
                core::ptr::null()
            } else {
                ptrs.as_ptr()
            },
            words.len(),
            if null_sep {
                core::ptr::null()
            } else {
                csep.as_ptr()
            },
        )
    };

    let invalid = words.iter().any(|w| core::str::from_utf8(w).is_err())
        || core::str::from_utf8(sep).is_err();
    let mut allowed = Vec::new();
    if invalid {
        allowed.push(INVALID_UTF8);
    }
    if words.is_empty() && nwords > 0 {
        allowed.push(EMPTY);
    }
    if out_size < need {
        allowed.push(BUFFER_TOO_SMALL);
    }
    let empty_word = words.iter().any(|w| w.is_empty());
    if empty_word && !allowed.is_empty() {
        allowed.push(INVALID_ARGUMENT);
    }
    if nwords == 0 && out_size >= 1 {
        allowed.push(OK); // zero counts succeed
    }
    if allowed.is_empty() {
        allowed.push(OK);
        if empty_word {
            allowed.push(INVALID_ARGUMENT); // the contract is silent on empty words
        }
    }
    assert!(
        allowed.contains(&st),
        "passphrase(nwords {nwords}, {} words, sep {sep:?}, out_size {out_size}, need {need}) = {st}, allowed {allowed:?}",
        words.len()
    );
    if st != OK {
        out.check_failed_text("passphrase");
        return;
    }
    out.check_guard("passphrase");
    let text = out.text().to_vec();
    assert!(
        core::str::from_utf8(&text).is_ok(),
        "passphrase: invalid UTF-8 output"
    );
    assert!(
        text.len() < need,
        "passphrase longer than the documented bound"
    );
    assert!(
        parses(&text, nwords, &words, sep),
        "passphrase {text:?} is not {nwords} list words joined by {sep:?}"
    );
});
