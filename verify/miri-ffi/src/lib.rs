//! The exported C functions of libsecrets, called from Rust under Miri:
//!
//! ```text
//! cd verify/miri-ffi && LIBSECRETS_NO_VDSO=1 MIRIFLAGS=-Zmiri-disable-isolation cargo +nightly miri test
//! ```
//!
//! Miri checks what the C tests cannot: that the FFI layer's raw-pointer
//! handling (slices made from caller pointers, text and byte outputs, wiping
//! on failure, unaligned caller buffers) is free of undefined behaviour under
//! the Stacked Borrows model, and that concurrent calls from several threads
//! are free of data races (`uuid7`'s shared ordering word, the per-thread
//! state).  The vDSO cannot be called from Miri, hence LIBSECRETS_NO_VDSO=1.
//! (Plain `cargo test` runs the same tests natively.)

#[cfg(test)]
mod tests {
    use core::ffi::c_char;
    use secrets::ffi::generators::*;
    use secrets::ffi::python_secrets::*;
    use secrets::ffi::systemrandom::*;

    const OK: i32 = 0;
    const NULL_POINTER: i32 = -1;
    const BUFFER_TOO_SMALL: i32 = -2;

    fn text(buf: &[u8]) -> &str {
        let end = buf.iter().position(|&b| b == 0).expect("NUL");
        core::str::from_utf8(&buf[..end]).unwrap()
    }

    #[test]
    fn tokens_and_integers() {
        unsafe {
            let mut b = [0xa5u8; 40];
            assert_eq!(secrets_token_bytes(b.as_mut_ptr().cast(), 33), OK);
            assert_eq!(secrets_token_bytes(core::ptr::null_mut(), 0), OK);
            assert_eq!(secrets_token_bytes(core::ptr::null_mut(), 1), NULL_POINTER);
            let mut t = [0xa5u8; 48];
            let p = t.as_mut_ptr().cast::<c_char>();
            assert_eq!(secrets_token_hex(p, 33, 16), OK);
            assert_eq!(text(&t).len(), 32);
            assert_eq!(secrets_token_urlsafe(p, 23, 16), OK);
            assert_eq!(secrets_token_base32(p, 27, 16), OK);
            assert_eq!(secrets_token_hex(p, 32, 16), BUFFER_TOO_SMALL);
            assert_eq!(t[0], 0, "\"\" after a failure");
            let upper = [0x01u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7];
            assert_eq!(
                secrets_randbelow(upper.as_ptr().cast(), upper.len(), b.as_mut_ptr().cast()),
                OK
            );
            assert!(b[0] <= 1);
            assert_eq!(secrets_randbits(13, b.as_mut_ptr().cast(), 2), OK);
            assert!(b[0] < 0x20);
            let mut x = 0u64;
            assert_eq!(secrets_randbelow_u64((1 << 63) + 1, &mut x), OK);
            assert_eq!(secrets_randbits_u64(64, &mut x), OK);
            let mut i = 0usize;
            assert_eq!(secrets_choice_index(62, &mut i), OK);
            assert!(i < 62);
            let a = b"secret-token";
            assert_eq!(
                secrets_compare_digest(a.as_ptr().cast(), a.len(), a.as_ptr().cast(), a.len()),
                1
            );
            assert_eq!(
                secrets_compare_digest(core::ptr::null(), 0, a.as_ptr().cast(), 0),
                1
            );
            assert_eq!(
                secrets_compare_digest_str(c"abc".as_ptr(), c"abd".as_ptr()),
                0
            );
        }
    }

    /// Caller buffers at odd addresses: element copies must not assume alignment.
    #[test]
    fn unaligned_items() {
        unsafe {
            let mut raw = [0u8; 1 + 7 * 3];
            for (k, v) in raw.iter_mut().enumerate() {
                *v = k as u8;
            }
            let items = raw.as_mut_ptr().add(1); // 7 items of 3 bytes, odd address
            assert_eq!(secrets_shuffle(items.cast(), 7, 3), OK);
            let mut got: Vec<[u8; 3]> = raw[1..].chunks(3).map(|c| [c[0], c[1], c[2]]).collect();
            got.sort();
            let want: Vec<[u8; 3]> = (0..7u8)
                .map(|k| [1 + 3 * k, 2 + 3 * k, 3 + 3 * k])
                .collect();
            assert_eq!(got, want, "shuffle is a permutation of the elements");
            let mut out = [0u8; 4];
            assert_eq!(
                secrets_choice(items.cast(), 7, 3, out.as_mut_ptr().add(1).cast()),
                OK
            );
            // u64 elements at an address that is not 8-aligned
            let mut words = [0u8; 8 * 5 + 1];
            assert_eq!(secrets_shuffle(words.as_mut_ptr().add(1).cast(), 5, 8), OK);
        }
    }

    #[test]
    fn systemrandom_and_generators() {
        unsafe {
            let mut d = 0f64;
            assert_eq!(secrets_random(&mut d), OK);
            assert!((0.0..1.0).contains(&d));
            let mut r = 0i64;
            assert_eq!(secrets_randint(i64::MIN, i64::MAX, &mut r), OK);
            assert_eq!(secrets_randrange(10, -10, -3, &mut r), OK);
            let mut idx = [usize::MAX; 6];
            assert_eq!(secrets_sample(1 << 40, 6, idx.as_mut_ptr()), OK);
            assert_eq!(
                secrets_choices([1.0, 2.0, 0.0].as_ptr(), 3, 6, idx.as_mut_ptr()),
                OK
            );
            assert!(idx.iter().all(|&k| k < 2));
            assert_eq!(secrets_gammavariate(0.5, 2.0, &mut d), OK);
            let mut u = 0u64;
            assert_eq!(secrets_binomialvariate(1000, 0.3, &mut u), OK);

            let mut t = [0xa5u8; 64];
            let p = t.as_mut_ptr().cast::<c_char>();
            let alphabet = "ab\u{3b1}\u{1f600}";
            assert_eq!(
                secrets_token_chars(p, 64, 8, alphabet.as_ptr().cast(), alphabet.len()),
                OK
            );
            assert_eq!(text(&t).chars().count(), 8);
            let policy = secrets_password_policy {
                length: 12,
                alphabet: core::ptr::null(),
                alphabet_len: 0,
                min_lower: 2,
                min_upper: 2,
                min_digits: 2,
                min_symbols: 0,
            };
            assert_eq!(secrets_password(p, 13, &policy), OK);
            assert_eq!(text(&t).len(), 12);
            let mut bits = 0f64;
            assert_eq!(secrets_password_entropy(&policy, &mut bits), OK);
            let words = [c"correct".as_ptr(), c"horse".as_ptr(), c"battery".as_ptr()];
            assert_eq!(
                secrets_passphrase(p, 64, 4, words.as_ptr(), 3, c"-".as_ptr()),
                OK
            );
            assert_eq!(secrets_uuid4(p, 37), OK);
            assert_eq!(text(&t).len(), 36);
            assert_eq!(secrets_uuid7(p, 36), BUFFER_TOO_SMALL);
            assert_eq!(t[0], 0);
        }
    }

    /// Calls from several threads at once: Miri's data-race detector watches
    /// uuid7's shared ordering word and everything else the calls touch.
    #[test]
    fn threads() {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                std::thread::spawn(|| {
                    let mut last = String::new();
                    for _ in 0..10 {
                        let mut t = [0u8; 37];
                        let p = t.as_mut_ptr().cast::<c_char>();
                        unsafe {
                            assert_eq!(secrets_uuid7(p, 37), OK);
                        }
                        let s = text(&t).to_string();
                        assert!(s > last, "uuid7 increases within a thread");
                        last = s;
                        let mut h = [0u8; 17];
                        let policy = secrets_password_policy {
                            length: 8,
                            alphabet: core::ptr::null(),
                            alphabet_len: 0,
                            min_lower: 1,
                            min_upper: 1,
                            min_digits: 1,
                            min_symbols: 0,
                        };
                        unsafe {
                            assert_eq!(secrets_token_hex(h.as_mut_ptr().cast(), 17, 8), OK);
                            assert_eq!(secrets_password(h.as_mut_ptr().cast(), 17, &policy), OK);
                        }
                    }
                    last
                })
            })
            .collect();
        let mut all: Vec<String> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 3, "threads never share a UUID");
    }
}
