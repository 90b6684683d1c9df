//! Bulk requests from a keystream keyed per call.
//!
//! A large request (at least [`BULK_MIN`] bytes) is served, inside that one
//! call, by a standard stream cipher under a 256-bit key drawn fresh from the
//! OS for that call: AES-256-CTR from [`AES_MIN`] bytes where the CPU has AES
//! instructions (detected at run time), ChaCha20 (RFC 8439) below that size
//! and elsewhere, whichever measured faster.  The ciphers are RustCrypto's
//! `aes` + `ctr` and `chacha20` crates.  The keystream is written straight
//! into the caller's buffer (no scratch copy); the key and the cipher state
//! (round keys, counter) are wiped before the call returns, so nothing
//! survives it: the fork, thread and "no state" guarantees are those of the
//! OS source itself.
//!
//! No allocation and no lock: the CPU detection of the crates is a cached
//! `cpuid` in an atomic byte (`cpufeatures`), so the path stays usable from a
//! signal handler like the rest of `token_bytes`.

use crate::error::Result;
use aes::cipher::{consts::U10, generic_array::GenericArray, KeyIvInit, StreamCipherCore};
use zeroize::Zeroize;

/// Requests of at least this many bytes take the keystream path.
///
/// Measured on the 2-core development machine (AMD EPYC with AES-NI and
/// VAES, Linux 6.18, vDSO backend, load average about 10 from parallel
/// builds), median ns per request over 15 rounds, with `cargo test --release
/// --lib keystream::tests::measure_crossover -- --ignored --nocapture`:
///
/// | bytes | vDSO getrandom | 32-byte key + AES-256-CTR | 32-byte key + ChaCha20 |
/// |---|---|---|---|
/// | 128   |     237 |    267 |     257 |
/// | 192   |     339 |    311 |     354 |
/// | 256   |    1242 |    314 |     209 |
/// | 512   |    1612 |   1177 |     324 |
/// | 1024  |    3955 |   1279 |     585 |
/// | 4096  |   14539 |   2634 |    4329 |
/// | 1 MiB | 3569134 | 435777 | 1050666 |
///
/// The vDSO costs about 1.9 ns a byte up to 192 bytes, then jumps; both
/// ciphers beat it from 256 bytes on, so 256 is the crossover.  Which cipher
/// is faster depends on the size: ChaCha20 (no key schedule) up to about
/// 1 KiB, AES-256-CTR (AES instructions) in bulk, hence [`AES_MIN`].
pub const BULK_MIN: usize = 256;

/// From this many bytes AES-256-CTR serves the request where the CPU has AES
/// instructions; below it (and on CPUs without them) ChaCha20 does (figures
/// beside [`BULK_MIN`]: ChaCha20 wins at 1 KiB, AES-CTR at 4 KiB).
pub const AES_MIN: usize = 2048;

/// Output per key: 64 MiB (2^26 bytes); a longer request draws a new key for
/// each further 64 MiB.
///
/// Why: AES is a permutation, so a CTR keystream never repeats a 16-byte
/// block; after q blocks it is distinguishable from random with advantage
/// at most q^2 / 2^129 (PRP/PRF switching).  At 2^22 blocks per key that is
/// 2^-85.  ChaCha20 is a PRF (no such term), and its 32-bit block counter
/// would wrap only after 256 GiB, far past the bound.  A new key per 64 MiB
/// costs one 32-byte OS request, nothing measurable.
pub const BYTES_PER_KEY: usize = 1 << 26;

/// The cipher that serves bulk requests on this CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    /// AES-256-CTR (128-bit big-endian counter from zero), AES instructions.
    Aes256Ctr,
    /// ChaCha20, RFC 8439 (96-bit zero nonce, 32-bit counter from zero).
    ChaCha20,
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
cpufeatures::new!(aes_intrinsics, "aes", "sse2");
#[cfg(target_arch = "aarch64")]
cpufeatures::new!(aes_intrinsics, "aes");

/// The cipher for a request of `len` bytes: AES-256-CTR from [`AES_MIN`]
/// bytes where the CPU has AES instructions, else ChaCha20.
pub fn cipher_for(len: usize) -> Cipher {
    if len >= AES_MIN {
        return cipher();
    }
    Cipher::ChaCha20
}

/// AES-256-CTR where the CPU has AES instructions, else ChaCha20.
pub fn cipher() -> Cipher {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64", target_arch = "aarch64"))]
    if aes_intrinsics::get() {
        return Cipher::Aes256Ctr;
    }
    Cipher::ChaCha20
}

/// Whether a request of `len` bytes takes the keystream path on this CPU.
#[inline]
pub fn is_bulk(len: usize) -> bool {
    len >= BULK_MIN
}

type AesCtr = ctr::CtrCore<aes::Aes256, ctr::flavors::Ctr128BE>;
type ChaCha = chacha20::ChaChaCore<U10>;

/// Writes the keystream of `core` over all of `dest`.  Whole blocks are
/// written in place; a final partial block goes through one stack block that
/// is wiped.  The core is dropped (and so wiped: the crates' `zeroize`
/// feature) before return.
fn write_keystream<C: StreamCipherCore>(mut core: C, dest: &mut [u8]) {
    let bs = C::BlockSize::USIZE;
    let full = dest.len() / bs;
    let (blocks, tail) = dest.split_at_mut(full * bs);
    // SAFETY: `GenericArray<u8, N>` is `repr(transparent)` over `[u8; N]`
    // (size N, alignment 1), so `full` consecutive blocks are exactly the
    // `full * bs` bytes of `blocks`, which we borrow mutably.
    let blocks: &mut [GenericArray<u8, C::BlockSize>] =
        unsafe { core::slice::from_raw_parts_mut(blocks.as_mut_ptr().cast(), full) };
    core.write_keystream_blocks(blocks);
    if !tail.is_empty() {
        let mut last = GenericArray::<u8, C::BlockSize>::default();
        core.write_keystream_block(&mut last);
        tail.copy_from_slice(&last[..tail.len()]);
        last.as_mut_slice().zeroize();
    }
    drop(core);
}

use aes::cipher::typenum::Unsigned;

/// AES-256-CTR keystream (NIST SP 800-38A, 128-bit big-endian counter block
/// starting at `iv`) over `dest`.
fn aes256_ctr(key: &[u8; 32], iv: &[u8; 16], dest: &mut [u8]) {
    let core = AesCtr::new(key.into(), iv.into());
    write_keystream(core, dest);
}

/// ChaCha20 keystream (RFC 8439, block counter from 0) over `dest`.
fn chacha20(key: &[u8; 32], nonce: &[u8; 12], dest: &mut [u8]) {
    let core = ChaCha::new(key.into(), nonce.into());
    write_keystream(core, dest);
}

/// The keystream of `cipher` under `key` (zero IV / nonce) over `dest`, which
/// must be at most [`BYTES_PER_KEY`] long.
fn keystream(cipher: Cipher, key: &[u8; 32], dest: &mut [u8]) {
    debug_assert!(dest.len() <= BYTES_PER_KEY);
    match cipher {
        Cipher::Aes256Ctr => aes256_ctr(key, &[0; 16], dest),
        Cipher::ChaCha20 => chacha20(key, &[0; 12], dest),
    }
}

/// Fills `dest` from a keystream keyed with 32 bytes from `key_from_os`,
/// one fresh key per [`BYTES_PER_KEY`] bytes.  The key is wiped before
/// return, on success and on failure; on failure `dest` is wiped too.
pub fn fill_bulk<F>(dest: &mut [u8], mut key_from_os: F) -> Result<()>
where
    F: FnMut(&mut [u8]) -> Result<()>,
{
    let c = cipher_for(dest.len());
    let mut key = [0u8; 32];
    let mut result = Ok(());
    for chunk in dest.chunks_mut(BYTES_PER_KEY) {
        result = key_from_os(&mut key);
        if result.is_err() {
            break;
        }
        keystream(c, &key, chunk);
    }
    key.zeroize();
    if result.is_err() {
        dest.zeroize();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::{OsSource, RandomSource};
    use crate::error::Error;

    fn unhex(s: &str) -> Vec<u8> {
        hex::decode(s.replace(' ', "")).unwrap()
    }

    #[test]
    fn aes256_ctr_nist_sp800_38a_f55() {
        // SP 800-38A F.5.5 CTR-AES256.Encrypt: keystream = plaintext ^ ciphertext.
        let key: [u8; 32] =
            unhex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4")
                .try_into()
                .unwrap();
        let iv: [u8; 16] = unhex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
            .try_into()
            .unwrap();
        let pt = unhex(
            "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51 \
             30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710",
        );
        let ct = unhex(
            "601ec313775789a5b7a7f504bbf3d228 f443e3ca4d62b59aca84e990cacaf5c5 \
             2b0930daa23de94ce87017ba2d84988d dfc9c58db67aada613c2dd08457941a6",
        );
        // every length, so the partial-block tail is covered too
        for n in 0..=64 {
            let mut ks = vec![0xeeu8; n];
            aes256_ctr(&key, &iv, &mut ks);
            let got: Vec<u8> = ks.iter().zip(&pt).map(|(k, p)| k ^ p).collect();
            assert_eq!(got, ct[..n], "n={n}");
        }
    }

    #[test]
    fn chacha20_rfc8439_vectors() {
        // RFC 8439 A.1 test vector #1: zero key, zero nonce, counter 0.
        let ks0 = unhex(
            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7 \
             da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586",
        );
        for n in 0..=64 {
            let mut ks = vec![0x11u8; n];
            chacha20(&[0; 32], &[0; 12], &mut ks);
            assert_eq!(ks, ks0[..n], "n={n}");
        }
        // RFC 8439 2.3.2: key 00..1f, nonce 000000090000004a00000000, the
        // block with counter 1 (the second 64 bytes from counter 0).
        let key: [u8; 32] = core::array::from_fn(|i| i as u8);
        let nonce: [u8; 12] = unhex("000000090000004a00000000").try_into().unwrap();
        let block1 = unhex(
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e \
             d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e",
        );
        let mut ks = [0u8; 128];
        chacha20(&key, &nonce, &mut ks);
        assert_eq!(&ks[64..], &block1[..]);
    }

    #[test]
    fn the_zero_iv_keystream_is_the_ciphers_own() {
        // fill_bulk's internal function is exactly the cipher under a zero IV.
        let key = [7u8; 32];
        let mut a = [0u8; 100];
        keystream(Cipher::ChaCha20, &key, &mut a);
        let mut b = [0u8; 100];
        chacha20(&key, &[0; 12], &mut b);
        assert_eq!(a, b);
        keystream(Cipher::Aes256Ctr, &key, &mut a);
        aes256_ctr(&key, &[0; 16], &mut b);
        assert_eq!(a, b);
    }

    #[test]
    fn one_key_per_bound_and_the_key_comes_from_the_source() {
        let mut keys = 0;
        let mut buf = vec![0u8; 2 * BYTES_PER_KEY + 5];
        fill_bulk(&mut buf, |k| {
            keys += 1;
            assert_eq!(k.len(), 32);
            k.fill(keys as u8);
            Ok(())
        })
        .unwrap();
        assert_eq!(keys, 3);
        // each chunk is the keystream of its own key
        for (i, chunk) in buf.chunks(BYTES_PER_KEY).enumerate() {
            let mut want = vec![0u8; chunk.len().min(4096)];
            keystream(cipher_for(buf.len()), &[i as u8 + 1; 32], &mut want);
            assert_eq!(&chunk[..want.len()], &want[..], "chunk {i}");
        }
    }

    #[test]
    fn a_failed_key_draw_leaves_nothing() {
        let mut buf = vec![0x55u8; 4096];
        let r = fill_bulk(&mut buf, |_| Err(Error::EntropyUnavailable));
        assert_eq!(r, Err(Error::EntropyUnavailable));
        assert!(buf.iter().all(|&b| b == 0));
        // second key fails: the first chunk's output is wiped too
        let mut buf = vec![0x55u8; BYTES_PER_KEY + 1];
        let mut n = 0;
        let r = fill_bulk(&mut buf, |k| {
            n += 1;
            if n == 2 {
                return Err(Error::EntropyUnavailable);
            }
            k.fill(1);
            Ok(())
        });
        assert_eq!(r, Err(Error::EntropyUnavailable));
        assert!(buf.iter().all(|&b| b == 0));
    }

    /// Whether any 16-byte block (at a 16-byte offset) occurs twice across
    /// `a` and `b`: a shared key (and so counter) would repeat whole blocks.
    fn blocks_repeat(a: &[u8], b: &[u8]) -> bool {
        let mut seen = std::collections::HashSet::new();
        !a.chunks(16).chain(b.chunks(16)).all(|blk| seen.insert(blk))
    }

    #[test]
    fn two_bulk_calls_never_share_a_keystream() {
        let n = 1 << 20;
        let mut a = vec![0u8; n];
        let mut b = vec![0u8; n];
        fill_bulk(&mut a, |k| OsSource.fill(k)).unwrap();
        fill_bulk(&mut b, |k| OsSource.fill(k)).unwrap();
        assert!(!blocks_repeat(&a, &b), "a keystream block repeated");
        // the check itself sees a shared key
        let shared = |k: &mut [u8]| {
            k.fill(9);
            Ok(())
        };
        let mut c = vec![0u8; 4096];
        let mut d = vec![0u8; 4096];
        fill_bulk(&mut c, shared).unwrap();
        fill_bulk(&mut d, shared).unwrap();
        assert!(blocks_repeat(&c, &d));
    }

    #[test]
    fn output_looks_uniform() {
        let mut buf = vec![0u8; 1 << 20];
        fill_bulk(&mut buf, |k| OsSource.fill(k)).unwrap();
        let mut counts = [0u32; 256];
        buf.iter().for_each(|&b| counts[b as usize] += 1);
        let e = buf.len() as f64 / 256.0;
        let chi2: f64 = counts.iter().map(|&c| (c as f64 - e).powi(2) / e).sum();
        // 255 degrees of freedom: p < 1e-9 beyond about 390
        assert!(chi2 < 390.0, "chi2 = {chi2}");
    }

    /// The figures beside `BULK_MIN`.
    #[test]
    #[ignore]
    fn measure_crossover() {
        use std::time::Instant;
        /// What one large request costs: a fresh key from the OS, then the
        /// keystream.
        fn fresh_key_keystream(cipher: Cipher, buf: &mut [u8]) {
            let mut k = [0u8; 32];
            OsSource.fill(&mut k).unwrap();
            keystream(cipher, &k, buf);
            k.zeroize();
        }
        fn median(mut f: impl FnMut(), iters: u32) -> f64 {
            let mut v: Vec<f64> = (0..15)
                .map(|_| {
                    let t = Instant::now();
                    for _ in 0..iters {
                        f();
                    }
                    t.elapsed().as_nanos() as f64 / iters as f64
                })
                .collect();
            v.sort_by(|a, b| a.partial_cmp(b).unwrap());
            v[7]
        }
        println!("bulk cipher here: {:?}", cipher());
        for &n in &[32usize, 64, 128, 152, 192, 256, 512, 1024, 4096, 1 << 20] {
            let mut buf = vec![0u8; n];
            let iters = if n > 100_000 { 20 } else { 5000 };
            let os = median(|| OsSource.fill(&mut buf).unwrap(), iters);
            let aes = median(|| fresh_key_keystream(Cipher::Aes256Ctr, &mut buf), iters);
            let cc = median(|| fresh_key_keystream(Cipher::ChaCha20, &mut buf), iters);
            println!("{n:>8} os {os:>10.0} aes-ctr {aes:>10.0} chacha20 {cc:>10.0}");
        }
    }
}
