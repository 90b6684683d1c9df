//! Bulk requests from a keystream keyed per call.
//!
//! A large request (at least [`AES_MIN`] bytes where the CPU has AES
//! instructions, at least [`BULK_MIN`] elsewhere) is served, inside that one
//! call, by a standard stream cipher under a 256-bit key drawn fresh from the
//! OS for that call: AES-256 in counter mode where the CPU has AES
//! instructions (detected at run time), ChaCha20 (RFC 8439) elsewhere.  The
//! ciphers are RustCrypto's `aes` and `chacha20` crates; the `aes` crate
//! picks, at run time, the widest AES instructions the CPU has (AES-NI,
//! VAES on 256-bit or 512-bit vectors).  The keystream is written straight
//! into the caller's buffer (no scratch copy); the key and the cipher state
//! (round keys) are wiped before the call returns, so nothing survives it:
//! the fork, thread and "no state" guarantees are those of the OS source
//! itself.
//!
//! No allocation and no lock: the CPU detection of the crates is a cached
//! `cpuid` (or `getauxval` on aarch64) in an atomic byte (`cpufeatures`), so
//! the path stays usable from a signal handler like the rest of
//! `token_bytes`.

use crate::error::Result;
use aes::cipher::{array::Array, BlockCipherEncrypt, KeyInit, KeyIvInit, StreamCipherCore};
use zeroize::Zeroize;

/// Requests of at least this many bytes take the keystream path (ChaCha20
/// where the CPU has no AES instructions; with them, from [`AES_MIN`]).
///
/// Measured on the 2-core development machine (AMD EPYC with AES-NI, VAES
/// and AVX-512, Linux 6.18, vDSO backend, load average 3 to 5 from parallel
/// builds): median ns per request over 21 interleaved rounds, each row a
/// fresh 32-byte key from the OS and then the keystream, with `cargo test
/// --release --lib keystream::tests::measure_crossover -- --ignored
/// --nocapture` (three runs agreed on every crossover; this is the quietest):
///
/// | bytes | vDSO getrandom | key + AES-256-CTR | key + ChaCha20 |
/// |---|---|---|---|
/// | 64    |     123 |    135 |    187 |
/// | 96    |     191 |    139 |    297 |
/// | 128   |     238 |    144 |    269 |
/// | 160   |     279 |    152 |    376 |
/// | 192   |     340 |    158 |    361 |
/// | 256   |     500 |    166 |    205 |
/// | 512   |     779 |    206 |    324 |
/// | 1024  |    1533 |    207 |    540 |
/// | 4096  |   11281 |    457 |   3826 |
/// | 1 MiB | 2919385 |  89686 | 850339 |
///
/// The vDSO costs about 2 ns a byte.  AES-256-CTR (fixed cost about 130 ns:
/// the key request and the key schedule) beats it from 96 bytes on and is
/// the faster cipher at every size; [`AES_MIN`] takes 128, a clear margin
/// above the crossover.  ChaCha20 (no AES instructions) beats the vDSO only
/// from 256 bytes, hence 256 here.
///
/// The ciphers, per MiB without the key request, compared in one scratch
/// binary (interleaved, median of 21 rounds; `aes` 0.9.2 cannot sit beside
/// 0.9.4 in one build, so its row is a twin binary run right after).  The
/// `ctr` rows use the `ctr` crate; "direct" is this module's counters in
/// place under the block cipher's many-blocks call:
///
/// | cipher | ns per MiB |
/// |---|---|
/// | `aes` 0.8 + `ctr` 0.9 (AES-NI, 8 blocks per batch; the previous path) | 192044 |
/// | `aes` 0.8 direct | 184730 |
/// | `aes` 0.9.2 direct (AES-NI only: VAES needs a `--cfg` there) | 177813 |
/// | `aes` 0.9.4 + `ctr` 0.10 (VAES-512) | 126154 |
/// | `aes` 0.9.4 direct (VAES-512, 64 blocks per batch): this module | 86852 |
/// | `chacha20` 0.9 (AVX2) | 466680 |
/// | `chacha20` 0.10 (AVX2) | 465254 |
///
/// OpenSSL's `RAND_bytes` of 1 MiB took 155 to 186 us in the project
/// benchmark runs on this machine: only the VAES path is clearly below it.
pub(crate) const BULK_MIN: usize = 256;

/// Where the CPU has AES instructions, requests of at least this many bytes
/// already take the keystream path (AES-256-CTR): figures beside
/// [`BULK_MIN`].
pub(crate) const AES_MIN: usize = 128;

/// Output per key: 64 MiB (2^26 bytes); a longer request draws a new key for
/// each further 64 MiB.
///
/// Why: AES is a permutation, so a CTR keystream never repeats a 16-byte
/// block; after q blocks it is distinguishable from random with advantage
/// at most q^2 / 2^129 (PRP/PRF switching).  At 2^22 blocks per key that is
/// 2^-85.  ChaCha20 is a PRF (no such term), and its 32-bit block counter
/// would wrap only after 256 GiB, far past the bound.  A new key per 64 MiB
/// costs one 32-byte OS request, nothing measurable.
pub(crate) const BYTES_PER_KEY: usize = 1 << 26;

/// AES-CTR counter blocks are written and encrypted this many at a time
/// (64 KiB): the counters are still in the L1/L2 cache when the cipher reads
/// them back, and the count is a multiple of every batch the `aes` crate
/// pipelines (8 blocks for AES-NI, 64 for VAES-512), so only a request's last
/// chunk can leave blocks to its one-at-a-time path.
const AES_CHUNK_BLOCKS: usize = 4096;

/// The cipher that serves bulk requests on this CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cipher {
    /// AES-256-CTR (NIST SP 800-38A: 128-bit big-endian counter block, from
    /// zero), on AES instructions.
    Aes256Ctr,
    /// ChaCha20, RFC 8439 (96-bit zero nonce, 32-bit block counter from zero).
    ChaCha20,
}

/// AES-256-CTR where the CPU has AES instructions (the `aes` crate's own
/// run-time detection, the one that picks its backend), else ChaCha20.
/// Measured faster at every bulk size on such a CPU (figures beside
/// [`BULK_MIN`]); without AES instructions only a table-free, constant-time
/// software AES would remain, several times slower than ChaCha20.
pub fn cipher() -> Cipher {
    if aes::hardware_accelerated() {
        Cipher::Aes256Ctr
    } else {
        Cipher::ChaCha20
    }
}

/// Whether a request of `len` bytes takes the keystream path on this CPU:
/// from [`AES_MIN`] bytes where the CPU has AES instructions, else from
/// [`BULK_MIN`].
#[inline]
pub fn is_bulk(len: usize) -> bool {
    len >= BULK_MIN || (len >= AES_MIN && cipher() == Cipher::Aes256Ctr)
}

type AesBlock = aes::Block;

/// Writes the counter blocks `first`, `first + 1`, ... (128-bit big-endian,
/// wrapping modulo 2^128 like SP 800-38A's standard incrementing function)
/// over `blocks`.  Within a chunk the low 64 bits rarely carry (never from a
/// zero IV below 2^64 blocks): that case stores a loop-invariant high half
/// and a 64-bit low half, which the compiler vectorises; a 128-bit add per
/// block measured 10% slower overall at 1 MiB.
fn write_counters(blocks: &mut [AesBlock], first: u128) {
    let hi = (first >> 64) as u64;
    let lo = first as u64;
    if lo.checked_add(blocks.len() as u64).is_some() {
        for (i, b) in blocks.iter_mut().enumerate() {
            b[..8].copy_from_slice(&hi.to_be_bytes());
            b[8..].copy_from_slice(&(lo + i as u64).to_be_bytes());
        }
    } else {
        for (i, b) in blocks.iter_mut().enumerate() {
            b.copy_from_slice(&first.wrapping_add(i as u128).to_be_bytes());
        }
    }
}

/// A final partial block: `keystream` turns `block` into the block's
/// keystream, whose first `tail.len()` bytes go to `tail`; the stack block is
/// wiped.  Nothing happens for an empty tail.
fn partial_block<const N: usize>(
    tail: &mut [u8],
    mut block: [u8; N],
    keystream: impl FnOnce(&mut [u8; N]),
) {
    if tail.is_empty() {
        return;
    }
    keystream(&mut block);
    tail.copy_from_slice(&block[..tail.len()]);
    block.zeroize();
}

/// AES-256-CTR keystream (NIST SP 800-38A, 128-bit big-endian counter block
/// starting at `iv`) over `dest`.
///
/// The counter blocks are written into `dest` itself and encrypted in place
/// with the block cipher's many-blocks call, [`AES_CHUNK_BLOCKS`] at a time:
/// that lets the `aes` crate run its widest pipeline (VAES-512: 64 blocks
/// per batch) straight over the caller's buffer.  (The `ctr` crate goes
/// through a batch-sized buffer per step and measured about 50% slower at
/// 1 MiB; the counters are public, so writing them into `dest` first reveals
/// nothing.)  A final partial block is one stack block, wiped.  The round
/// keys are wiped when the cipher is dropped (the crate's `zeroize`
/// feature), before return.
fn aes256_ctr(key: &[u8; 32], iv: &[u8; 16], dest: &mut [u8]) {
    let aes = aes::Aes256Enc::new(key.into());
    let start = u128::from_be_bytes(*iv);
    let (blocks, tail) = AesBlock::slice_as_chunks_mut(dest);
    let full = blocks.len();
    for (k, chunk) in blocks.chunks_mut(AES_CHUNK_BLOCKS).enumerate() {
        write_counters(chunk, start.wrapping_add((k * AES_CHUNK_BLOCKS) as u128));
        aes.encrypt_blocks(chunk);
    }
    partial_block(tail, start.wrapping_add(full as u128).to_be_bytes(), |b| {
        aes.encrypt_block(b.into())
    });
    drop(aes);
}

/// ChaCha20 keystream (RFC 8439, block counter from 0) over `dest`.  Whole
/// blocks are written in place; a final partial block goes through one
/// stack block that is wiped.  The core (key and state) is wiped when it is
/// dropped (the crate's `zeroize` feature), before return.
fn chacha20(key: &[u8; 32], nonce: &[u8; 12], dest: &mut [u8]) {
    type ChaCha = chacha20::ChaChaCore<chacha20::R20, chacha20::variants::Ietf>;
    let mut core = ChaCha::new(key.into(), nonce.into());
    let (blocks, tail) = Array::slice_as_chunks_mut(dest);
    core.write_keystream_blocks(blocks);
    partial_block(tail, [0u8; 64], |b| core.write_keystream_block(b.into()));
    drop(core);
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
    let c = cipher();
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

    /// A key that is not a pattern (its bytes differ), so a mix-up of key
    /// bytes would show.
    fn test_key() -> [u8; 32] {
        core::array::from_fn(|i| (i as u8).wrapping_mul(37).wrapping_add(11))
    }

    /// AES-256-CTR the plain way: each counter block encrypted on its own
    /// with the crate's single-block call.
    fn aes256_ctr_reference(key: &[u8; 32], iv: &[u8; 16], len: usize) -> Vec<u8> {
        let aes = aes::Aes256Enc::new(key.into());
        let start = u128::from_be_bytes(*iv);
        let mut out = Vec::with_capacity(len + 16);
        let mut i = 0u128;
        while out.len() < len {
            let mut block = start.wrapping_add(i).to_be_bytes();
            aes.encrypt_block((&mut block).into());
            out.extend_from_slice(&block);
            i += 1;
        }
        out.truncate(len);
        out
    }

    #[test]
    fn aes256_ctr_matches_the_block_by_block_reference() {
        let key = test_key();
        let c = AES_CHUNK_BLOCKS * 16;
        // whole chunks, a chunk and a bit, the pipelined batches with and
        // without leftover blocks, and a partial final block after them all
        let lens = [
            0,
            5,
            16,
            17,
            1023,
            1024,
            1029,
            c - 1,
            c,
            c + 16 * 9 + 3,
            (1 << 20) + 5,
        ];
        let ivs: [u128; 4] = [
            0,
            0xf0f1f2f3_f4f5f6f7_f8f9fafb_fcfdfeff,
            // the low 64 bits carry inside the first chunk
            (7u128 << 64) | (u64::MAX - 100) as u128,
            // the counter wraps modulo 2^128 inside the first chunk
            u128::MAX - 200,
        ];
        for iv in ivs {
            let iv = iv.to_be_bytes();
            for &n in &lens {
                let mut got = vec![0xa5u8; n];
                aes256_ctr(&key, &iv, &mut got);
                assert!(
                    got == aes256_ctr_reference(&key, &iv, n),
                    "iv={iv:02x?} n={n}"
                );
            }
        }
    }

    #[test]
    fn chacha20_matches_the_block_by_block_reference() {
        type ChaCha = chacha20::ChaChaCore<chacha20::R20, chacha20::variants::Ietf>;
        let key = test_key();
        let nonce = [3u8; 12];
        let n = (1 << 20) + 5;
        let mut got = vec![0x5au8; n];
        chacha20(&key, &nonce, &mut got);
        // each 64-byte block on its own, from a core set to that block
        for (i, want) in got.chunks(64).enumerate() {
            let mut core = ChaCha::new((&key).into(), (&nonce).into());
            core.set_block_pos(i as u32);
            let mut block = [0u8; 64];
            core.write_keystream_block((&mut block).into());
            assert_eq!(want, &block[..want.len()], "block {i}");
        }
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
    fn the_keystream_path_starts_at_the_measured_crossover() {
        const { assert!(AES_MIN < BULK_MIN) };
        assert!(!is_bulk(0) && !is_bulk(AES_MIN - 1));
        assert_eq!(is_bulk(AES_MIN), cipher() == Cipher::Aes256Ctr);
        assert_eq!(is_bulk(BULK_MIN - 1), cipher() == Cipher::Aes256Ctr);
        assert!(is_bulk(BULK_MIN) && is_bulk(usize::MAX));
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
            keystream(cipher(), &[i as u8 + 1; 32], &mut want);
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
        const ROUNDS: usize = 21;
        println!("bulk cipher here: {:?}", cipher());
        for &n in &[
            64usize,
            96,
            128,
            160,
            192,
            256,
            512,
            1024,
            2048,
            4096,
            1 << 20,
        ] {
            let mut buf = vec![0u8; n];
            let iters = if n > 100_000 { 20 } else { 5000 };
            // the three rows interleaved round by round, then medians
            let mut t = [[0f64; ROUNDS]; 3];
            for r in 0..ROUNDS {
                let rows: [fn(&mut [u8]); 3] = [
                    |b| OsSource.fill(b).unwrap(),
                    |b| fresh_key_keystream(Cipher::Aes256Ctr, b),
                    |b| fresh_key_keystream(Cipher::ChaCha20, b),
                ];
                for (row, f) in t.iter_mut().zip(rows) {
                    let t0 = Instant::now();
                    for _ in 0..iters {
                        f(&mut buf);
                    }
                    row[r] = t0.elapsed().as_nanos() as f64 / iters as f64;
                }
            }
            let med = |row: &mut [f64; ROUNDS]| {
                row.sort_by(|a, b| a.partial_cmp(b).unwrap());
                row[ROUNDS / 2]
            };
            let [os, aes, cc] = &mut t;
            let (os, aes, cc) = (med(os), med(aes), med(cc));
            println!("{n:>8} os {os:>10.0} aes-ctr {aes:>10.0} chacha20 {cc:>10.0}");
        }
    }
}
