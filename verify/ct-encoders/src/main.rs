//! Constant-time check of libsecrets' token encoders under valgrind memcheck
//! (the method of BoringSSL's constant-time validation, ctgrind).
//!
//! The random bytes a token is made of are marked undefined; memcheck then
//! reports every branch and every memory index that depends on them.  Each
//! encoder is run on each of its paths (the portable word path, and the
//! vector path: SSE2/SSSE3 on x86-64, where the CPU has it), twice per
//! length: directly (`Encoding::encode_tail_in_place_on` on a buffer whose
//! random tail is undefined) and through the library's real token path
//! (`token::token_text_on` with a `RandomSource` that draws from the OS and
//! marks what it drew undefined).  The lengths 0..=64 give every remainder of
//! every block size (8, 16, 5, 6, 10, 12 bytes) with several whole blocks
//! before it.  The output is then marked defined and compared with a plain
//! reference encoder, so the code under test cannot be optimised away.  The
//! UUID formatter runs on each path too, its 16 bytes undefined.
//!
//! The decoders' core (`decode::decode_digits`) runs with every digit of
//! its text undefined, on valid texts and on texts with a bad digit or
//! non-zero trailing bits.
//!
//! `--self-test` runs the same harness on naive encoders written here (a
//! 16-entry table lookup, a branchy one, and on x86-64 a vector one that
//! gathers with `pshufb`, multiplies with `pmulhuw` and then branches on a
//! lane): all must be flagged, or the harness cannot see what it claims to
//! check (the last shows that memcheck follows undefined bytes through the
//! vector instructions the library's vector path uses).
//!
//!     cargo build --release   (in verify/ct-encoders)
//!     valgrind --error-exitcode=99 target/release/ct-encoders
//!
//! Exit status: 0 all clean, 1 a check failed, 77 not running under valgrind.

mod vg;

use secrets::testing::{
    token_text_on, uuid_format_on, EncoderPath, Encoding, OsSource, RandomSource,
};

const PATHS: [(EncoderPath, &str); 2] = [
    (EncoderPath::Portable, "portable"),
    (EncoderPath::Simd, "simd"),
];

const ENCODINGS: [(Encoding, &str); 4] = [
    (Encoding::Hex, "hex"),
    (Encoding::Base64Url, "base64url"),
    (Encoding::Base64, "base64"),
    (Encoding::Base32, "base32"),
];

/// Draws from the OS, then marks the bytes undefined: secrets, to memcheck.
struct UndefinedOs;

impl RandomSource for UndefinedOs {
    fn fill(&mut self, dest: &mut [u8]) -> secrets::Result<()> {
        OsSource.fill(dest)?;
        vg::make_undefined(dest);
        Ok(())
    }
}

/// A plain, obviously correct encoder (table lookups, branches: fine here,
/// its input is defined).
fn reference(enc: Encoding, data: &[u8]) -> Vec<u8> {
    let (alphabet, width): (&[u8], u32) = match enc {
        Encoding::Hex => (b"0123456789abcdef", 4),
        Encoding::Base64Url => (
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
            6,
        ),
        Encoding::Base64 => (
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
            6,
        ),
        Encoding::Base32 => (b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 5),
    };
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in data {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= width {
            out.push(alphabet[((acc >> (bits - width)) & ((1 << width) - 1)) as usize]);
            bits -= width;
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(alphabet[((acc << (width - bits)) & ((1 << width) - 1)) as usize]);
    }
    if enc == Encoding::Base64 {
        while out.len() % 4 != 0 {
            out.push(b'=');
        }
    }
    out
}

struct Tally {
    checks: u64,
    failed: u64,
}

impl Tally {
    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        self.checks += 1;
        if !ok {
            self.failed += 1;
            if self.failed <= 30 {
                println!("FAIL {}", what());
            }
        }
    }
}

/// An encoder under test: `(encoding, buffer, nbytes)`, in place.
type EncodeFn<'a> = dyn Fn(Encoding, &mut [u8], usize) + 'a;

/// Runs `encode` on `nbytes` undefined bytes; returns (memcheck reports, correct output).
fn run_one(enc: Encoding, nbytes: usize, encode: &EncodeFn) -> (u64, bool) {
    let len = enc.encoded_len(nbytes).unwrap();
    let mut buf = vec![0u8; len];
    let start = len - nbytes;
    OsSource.fill(&mut buf[start..]).unwrap();
    let data = buf[start..].to_vec();
    vg::make_undefined(&buf[start..]);
    let before = vg::errors();
    encode(enc, &mut buf, nbytes);
    let reports = vg::errors() - before;
    vg::make_defined(&buf);
    (reports, buf == reference(enc, &data))
}

fn lengths() -> impl Iterator<Item = usize> {
    (0..=64).chain([255, 256, 1000, 4096])
}

fn library(t: &mut Tally) {
    for (path, pname) in PATHS {
        let vector = ENCODINGS
            .iter()
            .filter(|(e, _)| EncoderPath::simd_available(*e))
            .count();
        if path == EncoderPath::Simd {
            println!("simd path: vector code for {vector} of 4 encodings on this CPU");
        }
        for (enc, name) in ENCODINGS {
            let mut reports = 0;
            for n in lengths() {
                let (r, ok) = run_one(enc, n, &|e, buf, n| e.encode_tail_in_place_on(path, buf, n));
                t.check(r == 0, || {
                    format!("{name} ({pname}): encode_tail_in_place_on({n} undefined bytes): {r} memcheck report(s)")
                });
                t.check(ok, || {
                    format!("{name} ({pname}): encode_tail_in_place_on({n}) output is wrong")
                });
                reports += r;

                // the real token path, random bytes undefined as they arrive from the source
                let len = enc.encoded_len(n).unwrap();
                let mut text = vec![0u8; len];
                let before = vg::errors();
                let res = token_text_on(UndefinedOs, enc, path, &mut text, n);
                let r = vg::errors() - before;
                vg::make_defined(&text);
                t.check(r == 0, || {
                    format!(
                        "{name} ({pname}): token_text_on({n}) with undefined random bytes: {r} memcheck report(s)"
                    )
                });
                t.check(
                    res.is_ok()
                        && text
                            .iter()
                            .all(|c| c.is_ascii_alphanumeric() || b"-_+/=".contains(c)),
                    || {
                        format!(
                            "{name} ({pname}): token_text_on({n}) failed or wrote a character outside the alphabet"
                        )
                    },
                );
                reports += r;
            }
            println!(
                "{name:<9} {pname:<8} constant-time: {} ({} memcheck report(s) over lengths 0..64, 255, 256, 1000, 4096)",
                if reports == 0 { "yes" } else { "NO" },
                reports
            );
        }
        uuid_format(t, path, pname);
    }
}

/// The UUID formatter on `path`, its 16 bytes undefined.
fn uuid_format(t: &mut Tally, path: EncoderPath, pname: &str) {
    let mut reports = 0;
    for _ in 0..64 {
        let mut bytes = [0u8; 16];
        OsSource.fill(&mut bytes).unwrap();
        let want: Vec<u8> = {
            let h = reference(Encoding::Hex, &bytes);
            [
                &h[..8],
                b"-",
                &h[8..12],
                b"-",
                &h[12..16],
                b"-",
                &h[16..20],
                b"-",
                &h[20..],
            ]
            .concat()
        };
        let mut out = [0u8; 36];
        vg::make_undefined(&bytes);
        let before = vg::errors();
        uuid_format_on(path, &bytes, &mut out);
        let r = vg::errors() - before;
        vg::make_defined(&out);
        reports += r;
        t.check(r == 0, || {
            format!("uuid format ({pname}): {r} memcheck report(s)")
        });
        t.check(out[..] == want[..], || {
            format!("uuid format ({pname}) is wrong")
        });
    }
    println!(
        "uuid      {pname:<8} constant-time: {} ({reports} memcheck report(s) over 64 UUIDs)",
        if reports == 0 { "yes" } else { "NO" }
    );
}

/// The decoders' core, `decode::decode_digits`, on texts whose every digit
/// is undefined (the export around it is checked from C by
/// verify/ct/ct_additions.c): valid texts, and texts with a bad digit or
/// non-zero trailing bits.
fn decoders(t: &mut Tally) {
    use secrets::testing::{decode_digits, decoded_len, Decoding};
    let forms = [
        (Decoding::Hex, Encoding::Hex, "hex"),
        (Decoding::Base64, Encoding::Base64, "base64"),
        (Decoding::Base64Url, Encoding::Base64Url, "base64url"),
    ];
    for (dec, enc, name) in forms {
        let mut reports = 0;
        for n in lengths() {
            let mut data = vec![0u8; n];
            OsSource.fill(&mut data).unwrap();
            let text = reference(enc, &data);
            let (digits, len) = decoded_len(dec, &text).unwrap();
            for variant in 0..3 {
                let mut digits_buf = text[..digits].to_vec();
                let valid = match variant {
                    0 => true,
                    // a bad digit in the middle
                    1 if digits > 0 => {
                        digits_buf[digits / 2] = b'.';
                        false
                    }
                    // a set trailing bit (base64 lengths not a multiple of 3)
                    2 if dec != Decoding::Hex && n % 3 != 0 => {
                        let last = digits_buf[digits - 1];
                        digits_buf[digits - 1] = match last {
                            b'A' => b'B',
                            b'Q' => b'R',
                            b'g' => b'h',
                            b'w' => b'x',
                            c => c ^ 1,
                        };
                        false
                    }
                    _ => continue,
                };
                let mut out = vec![0u8; len];
                vg::make_undefined(&digits_buf);
                let before = vg::errors();
                let ok = decode_digits(dec, &digits_buf, &mut out);
                let r = vg::errors() - before;
                let mut okb = [ok];
                vg::make_defined(std::hint::black_box(&mut okb));
                vg::make_defined(&out);
                let ok = std::hint::black_box(&mut okb)[0];
                reports += r;
                t.check(r == 0, || {
                    format!("{name}: decode_digits({digits} undefined digits, variant {variant}): {r} memcheck report(s)")
                });
                t.check((ok == 0xff) == valid && (!valid || out == data), || {
                    format!("{name}: decode_digits({n} bytes, variant {variant}) gave {ok:#x}")
                });
            }
        }
        println!(
            "{name:<9} decoder constant-time: {} ({} memcheck report(s) over lengths 0..64, 255, 256, 1000, 4096)",
            if reports == 0 { "yes" } else { "NO" },
            reports
        );
    }
}

/// A hex encoder indexing a table with the secret nibble.
#[inline(never)]
fn table_hex(_: Encoding, buf: &mut [u8], nbytes: usize) {
    const T: &[u8; 16] = b"0123456789abcdef";
    let start = buf.len() - nbytes;
    for i in 0..nbytes {
        let b = buf[start + i];
        buf[2 * i] = T[(b >> 4) as usize];
        buf[2 * i + 1] = T[(b & 15) as usize];
    }
}

/// A hex encoder with a data-dependent branch per nibble.
#[inline(never)]
fn branchy_hex(_: Encoding, buf: &mut [u8], nbytes: usize) {
    fn c(v: u8) -> u8 {
        // black_box on each arm keeps the compiler from turning the branch
        // into branch-free arithmetic
        if v < 10 {
            std::hint::black_box(b'0' + v)
        } else {
            std::hint::black_box(b'a' + v - 10)
        }
    }
    let start = buf.len() - nbytes;
    for i in 0..nbytes {
        let b = buf[start + i];
        buf[2 * i] = c(b >> 4);
        buf[2 * i + 1] = c(b & 15);
    }
}

/// A hex encoder that computes in vector registers as the library's vector
/// path does (a `pshufb` gather, a `pmulhuw`), then branches on a lane: the
/// harness must see undefined bytes through those instructions.
#[cfg(target_arch = "x86_64")]
#[inline(never)]
fn vector_branchy_hex(e: Encoding, buf: &mut [u8], nbytes: usize) {
    use core::arch::x86_64::*;
    #[target_feature(enable = "ssse3")]
    unsafe fn leaky(v: __m128i) -> i32 {
        let g = _mm_shuffle_epi8(
            v,
            _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10),
        );
        let m = _mm_mulhi_epu16(g, std::hint::black_box(_mm_set1_epi16(0x0400)));
        _mm_movemask_epi8(_mm_cmpgt_epi8(m, _mm_set1_epi8(7)))
    }
    let start = buf.len() - nbytes;
    let mut acc = 0u32;
    for i in (0..nbytes.saturating_sub(15)).step_by(16) {
        // SAFETY: 16 bytes in bounds; SSSE3 checked by the caller.
        let mask = unsafe { leaky(_mm_loadu_si128(buf[start + i..].as_ptr().cast())) };
        if mask & 1 != 0 {
            acc = std::hint::black_box(acc + 1);
        }
    }
    std::hint::black_box(acc);
    // then the right text, so that only the branch is wrong
    e.encode_tail_in_place_on(EncoderPath::Portable, buf, nbytes);
}

fn self_test(t: &mut Tally) {
    let mut naive: Vec<(&str, &EncodeFn<'static>)> = vec![
        ("table-lookup hex", &table_hex),
        ("branchy hex", &branchy_hex),
    ];
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("ssse3") {
        naive.push(("vector-then-branch hex", &vector_branchy_hex));
    }
    for (name, f) in naive {
        let (r, ok) = run_one(Encoding::Hex, 64, f);
        println!("naive {name} encoder: {r} memcheck report(s)");
        t.check(r > 0, || {
            format!("the naive {name} encoder was not flagged")
        });
        t.check(ok, || format!("the naive {name} encoder is wrong"));
    }
}

fn main() {
    let self_test_mode = std::env::args().nth(1).as_deref() == Some("--self-test");
    let name = if self_test_mode {
        "ct-encoders --self-test"
    } else {
        "ct-encoders"
    };
    if !vg::running() {
        println!(
            "SKIP: not running under valgrind (run: valgrind --error-exitcode=99 {})",
            std::env::args().next().unwrap_or_default()
        );
        std::process::exit(77);
    }
    let mut t = Tally {
        checks: 0,
        failed: 0,
    };
    if self_test_mode {
        self_test(&mut t);
    } else {
        library(&mut t);
        decoders(&mut t);
    }
    println!(
        "{name}: {} passed, {} failed",
        t.checks - t.failed,
        t.failed
    );
    std::process::exit(if t.failed == 0 { 0 } else { 1 });
}
