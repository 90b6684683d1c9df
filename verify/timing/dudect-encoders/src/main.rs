//! Timing leakage of libsecrets' token encoders, measured (dudect: Welch's
//! t-test between a fixed-input class and a random-input class).
//!
//! The exported `secrets_token_hex` & co. draw their input from the OS, so a
//! caller cannot choose it.  This program drives the library's own token
//! path, `token::token_text_on` (what the exports call, after their size
//! checks, on the path the CPU picks), with a `RandomSource` that serves the
//! bytes of the measurement's class: all zero (class 0) or random (class 1),
//! prepared before the timer starts.  Everything the exports do with the
//! random bytes is therefore timed; only the OS request itself is replaced
//! by a copy.  Each encoder is measured on each of its paths: the portable
//! word path and the vector path (SSE2/SSSE3 on x86-64, where the CPU has
//! it), at 32 bytes (whole blocks and a tail) and at 45 bytes (another
//! remainder of every block size).
//!
//!     dudect-encoders [measurements per encoder]   (default 2,000,000)
//!
//! Prints one line per encoder, path and token length with max |t| over
//! the uncropped test and ten crops; |t| > 4.5 is flagged.  Exit status 0
//! when nothing is flagged, 1 otherwise.

use secrets::testing::{token_text_on, EncoderPath, Encoding, RandomSource};
use std::hint::black_box;

const BATCH: usize = 10_000;
const NCROP: usize = 10;
const THRESHOLD: f64 = 4.5;
/// Token lengths: 32 (hex 2 blocks; base64 2 blocks and 8 bytes; base32 3
/// blocks and 2 bytes) and 45 (hex 2 blocks, 8 and 5 bytes; base64 3
/// blocks and 9 bytes; base32 4 blocks and 5 bytes).
const NBYTES: [usize; 2] = [32, 45];
const MAX_NBYTES: usize = 45;

#[inline(always)]
fn ticks() -> u64 {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        use core::arch::x86_64::{_mm_lfence, _rdtsc};
        _mm_lfence();
        let t = _rdtsc();
        _mm_lfence();
        t
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        use std::sync::OnceLock;
        use std::time::Instant;
        static START: OnceLock<Instant> = OnceLock::new();
        START.get_or_init(Instant::now).elapsed().as_nanos() as u64
    }
}

/// xorshift64: class choices and class-1 inputs (they need not be secret).
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Serves the prepared bytes of one measurement.
struct Prepared<'a>(&'a [u8]);

impl RandomSource for Prepared<'_> {
    #[inline(always)]
    fn fill(&mut self, dest: &mut [u8]) -> secrets::Result<()> {
        dest.copy_from_slice(&self.0[..dest.len()]);
        Ok(())
    }
}

#[derive(Default, Clone, Copy)]
struct TTest {
    n: [f64; 2],
    mean: [f64; 2],
    m2: [f64; 2],
}

impl TTest {
    fn push(&mut self, class: usize, x: f64) {
        self.n[class] += 1.0;
        let d = x - self.mean[class];
        self.mean[class] += d / self.n[class];
        self.m2[class] += d * (x - self.mean[class]);
    }

    fn t(&self) -> f64 {
        if self.n[0] < 2.0 || self.n[1] < 2.0 {
            return 0.0;
        }
        let v0 = self.m2[0] / (self.n[0] - 1.0);
        let v1 = self.m2[1] / (self.n[1] - 1.0);
        if v0 + v1 == 0.0 {
            return 0.0;
        }
        (self.mean[0] - self.mean[1]) / (v0 / self.n[0] + v1 / self.n[1]).sqrt()
    }
}

fn measure(
    enc: Encoding,
    path: EncoderPath,
    nbytes: usize,
    total: usize,
    rng: &mut XorShift,
) -> f64 {
    let len = enc.encoded_len(nbytes).unwrap();
    let mut inputs = vec![[0u8; MAX_NBYTES]; BATCH];
    let mut classes = vec![0usize; BATCH];
    let mut times = vec![0u64; BATCH];
    let mut text = vec![0u8; len];
    let mut tests = [TTest::default(); NCROP + 1];
    let mut crop = [u64::MAX; NCROP];
    let mut first = true;
    let mut done = 0;
    while done < total {
        for i in 0..BATCH {
            classes[i] = (rng.next() & 1) as usize;
            for b in inputs[i].iter_mut() {
                *b = if classes[i] == 0 { 0 } else { rng.next() as u8 };
            }
        }
        for i in 0..BATCH {
            let src = Prepared(&inputs[i]);
            let t0 = ticks();
            let r = token_text_on(src, enc, path, black_box(&mut text[..]), nbytes);
            black_box(&text);
            times[i] = ticks() - t0;
            r.unwrap();
        }
        if first {
            // warm-up batch: sets the crop thresholds (dudect's percentiles)
            let mut sorted = times.clone();
            sorted.sort_unstable();
            for (k, c) in crop.iter_mut().enumerate() {
                let q = 1.0 - 0.5f64.powf(10.0 * (k + 1) as f64 / NCROP as f64);
                *c = sorted[(q * (BATCH - 1) as f64) as usize];
            }
            first = false;
            continue;
        }
        for i in 0..BATCH {
            let x = times[i] as f64;
            tests[0].push(classes[i], x);
            for k in 0..NCROP {
                if times[i] <= crop[k] {
                    tests[k + 1].push(classes[i], x);
                }
            }
        }
        done += BATCH;
    }
    tests.iter().map(|t| t.t().abs()).fold(0.0, f64::max)
}

fn main() {
    let total: usize = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("DUDECT_MEASUREMENTS").ok())
        .and_then(|s| s.parse().ok())
        .unwrap_or(2_000_000)
        .max(2 * BATCH);
    let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
    let mut flagged = 0;
    for (enc, name) in [
        (Encoding::Hex, "token_hex"),
        (Encoding::Base64Url, "token_urlsafe"),
        (Encoding::Base64, "token_base64"),
        (Encoding::Base32, "token_base32"),
    ] {
        for (path, pname) in [
            (EncoderPath::Portable, "portable"),
            (EncoderPath::Simd, "simd"),
        ] {
            if path == EncoderPath::Simd && !EncoderPath::simd_available(enc) {
                println!("{name} ({pname}): no vector code on this CPU, skipped");
                continue;
            }
            for nbytes in NBYTES {
                let t = measure(enc, path, nbytes, total, &mut rng);
                let leak = t > THRESHOLD;
                flagged += leak as usize;
                let label = format!("{name}({nbytes}) {pname}");
                println!(
                    "{label:<28} {total:>10}  max|t| {t:7.2}  {}",
                    if leak { "FLAGGED" } else { "ok" }
                );
            }
        }
    }
    std::process::exit(if flagged > 0 { 1 } else { 0 });
}
