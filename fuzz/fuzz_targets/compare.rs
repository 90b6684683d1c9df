//! compare_digest, compare_digest_str and equal against a plain comparison.
#![no_main]
use libfuzzer_sys::fuzz_target;
use secrets::ffi::python_secrets::{
    secrets_compare_digest, secrets_compare_digest_str, secrets_equal,
};
use std::ffi::CString;

fn cmp(a: &[u8], b: &[u8]) -> i32 {
    let (pa, pb) = (a.as_ptr().cast(), b.as_ptr().cast());
    let r = unsafe { secrets_compare_digest(pa, a.len(), pb, b.len()) };
    assert!(r == 0 || r == 1, "compare_digest returned {r}");
    assert_eq!(
        unsafe { secrets_equal(pa, a.len(), pb, b.len()) },
        r == 1,
        "equal and compare_digest differ"
    );
    r
}

fn cmp_str(a: &[u8], b: &[u8]) -> i32 {
    let a = CString::new(a.iter().copied().filter(|&c| c != 0).collect::<Vec<u8>>()).unwrap();
    let b = CString::new(b.iter().copied().filter(|&c| c != 0).collect::<Vec<u8>>()).unwrap();
    let r = unsafe { secrets_compare_digest_str(a.as_ptr(), b.as_ptr()) };
    assert_eq!(r, (a == b) as i32, "compare_digest_str({a:?}, {b:?})");
    r
}

fuzz_target!(|data: &[u8]| {
    let Some((&split, rest)) = data.split_first() else {
        assert_eq!(cmp(&[], &[]), 1);
        return;
    };
    let at = (split as usize).min(rest.len());
    let (a, b) = rest.split_at(at);
    assert_eq!(cmp(a, b), (a == b) as i32, "compare_digest({a:?}, {b:?})");
    cmp_str(a, b);
    // the equal and near-equal cases, which random splits rarely produce
    let copy = a.to_vec();
    assert_eq!(cmp(a, &copy), 1);
    cmp_str(a, &copy);
    if !a.is_empty() {
        let mut flipped = copy.clone();
        let i = b.len() % a.len();
        flipped[i] ^= 1 << (split % 8);
        assert_eq!(cmp(a, &flipped), 0);
        assert_eq!(cmp(&flipped, a), 0);
        assert_eq!(cmp(&a[..a.len() - 1], a), 0, "a prefix compares unequal");
        assert_eq!(cmp(a, &a[..a.len() - 1]), 0);
    }
    // (NULL, 0) is the empty string
    assert_eq!(
        unsafe { secrets_compare_digest(core::ptr::null(), 0, b.as_ptr().cast(), b.len()) },
        b.is_empty() as i32
    );
});
