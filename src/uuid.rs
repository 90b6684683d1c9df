//! RFC 9562 UUIDs: version 4 (random) and version 7 (Unix time, then
//! random), as 16 bytes in network order or in the lowercase canonical
//! 36-character form (formatted in constant time).
//!
//! Version 7 uses RFC 9562 section 6.2, method 1: the 12-bit `rand_a` field
//! is a counter, seeded with 11 fresh random bits (the top bit clear leaves
//! room for 2048 increments) whenever the millisecond changes, and
//! incremented when it does not; when it overflows, the timestamp moves on
//! by one millisecond.  The process keeps one word of state, the
//! `(timestamp, counter)` of the last UUID returned, in an `AtomicU64`
//! updated by compare-and-swap: every call gets a state strictly greater
//! than the one it replaced, so UUIDs from any threads of a process are
//! strictly increasing in the order their states were taken, and two calls
//! in one millisecond still compare in order.  The state holds only values
//! already published in the last UUID, no secret.  The 62 bits of `rand_b`
//! come fresh from the OS in every call, so a child process that inherits
//! the state after `fork()` still produces different UUIDs from its parent.

use crate::entropy::RandomSource;
use crate::error::Result;
use crate::token::{hex16_words, EncoderPath};
use core::sync::atomic::{AtomicU64, Ordering};
use zeroize::Zeroize;

/// Characters of the canonical form, without the NUL.
pub(crate) const TEXT_LEN: usize = 36;

/// Bytes of a UUID.
pub(crate) const BYTES_LEN: usize = 16;

/// The last version-7 state: `timestamp_ms << 12 | counter`.
static LAST_V7: AtomicU64 = AtomicU64::new(0);

const TS_MASK: u64 = (1 << 48) - 1;

/// The next version-7 state after `last`, at `now_ms`, with the counter
/// seed `seed` (11 bits used).
fn next_state(last: u64, now_ms: u64, seed: u16) -> u64 {
    let now = now_ms & TS_MASK;
    if now > last >> 12 {
        (now << 12) | (seed as u64 & 0x7ff)
    } else {
        // same millisecond, or the clock went back: count on; a counter
        // overflow carries into the timestamp
        last + 1
    }
}

/// Takes the state after the one in `last`, atomically.
fn advance(last: &AtomicU64, now_ms: u64, seed: u16) -> u64 {
    let mut cur = last.load(Ordering::Acquire);
    loop {
        let new = next_state(cur, now_ms, seed);
        match last.compare_exchange_weak(cur, new, Ordering::AcqRel, Ordering::Acquire) {
            Ok(_) => return new,
            Err(seen) => cur = seen,
        }
    }
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Writes the canonical form of the 16 bytes `x0` (bytes 0..8) and `x1`
/// (bytes 8..16), read little-endian, into `out`: 8-4-4-4-12 hex digits.
/// The 32 digits are computed together, in registers (the token module's
/// hex encoder: vector or word-wide, branch-free, no table), and stored
/// straight into `out` around the dashes: no scratch copy to wipe.
#[inline(always)]
fn write_canonical(path: EncoderPath, x0: u64, x1: u64, out: &mut [u8; TEXT_LEN]) {
    let [w0, w1, w2, w3] = hex16_words(path, x0, x1);
    out[..8].copy_from_slice(&w0.to_le_bytes());
    out[8] = b'-';
    out[9..13].copy_from_slice(&(w1 as u32).to_le_bytes());
    out[13] = b'-';
    out[14..18].copy_from_slice(&((w1 >> 32) as u32).to_le_bytes());
    out[18] = b'-';
    out[19..23].copy_from_slice(&(w2 as u32).to_le_bytes());
    out[23] = b'-';
    out[24..28].copy_from_slice(&((w2 >> 32) as u32).to_le_bytes());
    out[28..].copy_from_slice(&w3.to_le_bytes());
}

/// The 16 bytes of a UUID as two little-endian words.
#[inline(always)]
fn words(b: &[u8]) -> (u64, u64) {
    let mut w = [0u64; 2];
    for (k, x) in w.iter_mut().enumerate() {
        let mut le = [0u8; 8];
        le.copy_from_slice(&b[8 * k..8 * k + 8]);
        *x = u64::from_le_bytes(le);
    }
    (w[0], w[1])
}

/// Where the 16 bytes of a UUID go in its text buffer before they are
/// formatted in place: the tail, which the digits overwrite last.
const RAW_AT: usize = TEXT_LEN - BYTES_LEN;

/// Writes the canonical form of `bytes` into `out` on `path`, in constant
/// time (no branch or memory index depends on the bytes).
pub fn format_on(path: EncoderPath, bytes: &[u8; BYTES_LEN], out: &mut [u8; TEXT_LEN]) {
    let (x0, x1) = words(bytes);
    write_canonical(path, x0, x1, out);
}

/// Writes the canonical form of `bytes` into `out`: 8-4-4-4-12 hex digits,
/// in constant time (no branch or memory index depends on the bytes).
pub fn format(bytes: &[u8; BYTES_LEN], out: &mut [u8; TEXT_LEN]) {
    format_on(EncoderPath::best(), bytes, out)
}

/// The bytes of a version-4 UUID: 122 random bits.  One OS request.  On
/// failure `out` may hold random bytes: the caller wipes it.
pub fn uuid4_bytes<S: RandomSource>(mut source: S, out: &mut [u8; BYTES_LEN]) -> Result<()> {
    source.fill(out)?;
    out[6] = (out[6] & 0x0f) | 0x40;
    out[8] = (out[8] & 0x3f) | 0x80;
    Ok(())
}

/// A version-4 UUID: 122 random bits.  One OS request.  In place: the 16
/// random bytes are drawn into the tail of `out`, read into registers and
/// formatted over the whole buffer, so no copy of them is left anywhere
/// to wipe.  On failure `out` may hold random bytes: the caller wipes it
/// (the export's text output does).
pub fn uuid4<S: RandomSource>(source: S, out: &mut [u8; TEXT_LEN]) -> Result<()> {
    let raw: &mut [u8; BYTES_LEN] = (&mut out[RAW_AT..])
        .try_into()
        .unwrap_or_else(|_| unreachable!());
    uuid4_bytes(source, raw)?;
    let (x0, x1) = words(raw);
    write_canonical(EncoderPath::best(), x0, x1, out);
    Ok(())
}

/// The bytes of a version-7 UUID with state `state` and random `rand_b`.
fn v7_bytes(state: u64, rand_b: u64) -> [u8; 16] {
    let mut b = [0u8; 16];
    let ts = state >> 12;
    let counter = state & 0xfff;
    b[..6].copy_from_slice(&ts.to_be_bytes()[2..]);
    b[6] = 0x70 | (counter >> 8) as u8;
    b[7] = counter as u8;
    b[8..].copy_from_slice(&rand_b.to_be_bytes());
    b[8] = (b[8] & 0x3f) | 0x80;
    b
}

/// The bytes of a version-7 UUID: the current Unix time in milliseconds,
/// the counter, and 62 random bits; strictly greater than every earlier
/// one of this process, bytes or text ([`uuid7`] shares the state).  One OS
/// request, drawn before the state is taken (a failure leaves the state
/// as it was and `out` untouched).
pub fn uuid7_bytes<S: RandomSource>(mut source: S, out: &mut [u8; BYTES_LEN]) -> Result<()> {
    let mut r = [0u8; 10];
    source.fill(&mut r)?;
    let seed = u16::from_le_bytes([r[0], r[1]]);
    let mut rand_b = [0u8; 8];
    rand_b.copy_from_slice(&r[2..]);
    let state = advance(&LAST_V7, now_ms(), seed);
    *out = v7_bytes(state, u64::from_le_bytes(rand_b));
    r.zeroize();
    rand_b.zeroize();
    Ok(())
}

/// A version-7 UUID in the canonical form: [`uuid7_bytes`], formatted.
pub fn uuid7<S: RandomSource>(source: S, out: &mut [u8; TEXT_LEN]) -> Result<()> {
    let mut b = [0u8; BYTES_LEN];
    uuid7_bytes(source, &mut b)?;
    format(&b, out);
    b.zeroize();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::testing::{Counting, Failing, Script};
    use crate::error::Error;

    fn text(out: &[u8; TEXT_LEN]) -> String {
        String::from_utf8(out.to_vec()).unwrap()
    }

    fn well_formed(u: &str, version: char) -> bool {
        u.len() == 36
            && u.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_digit() || ('a'..='f').contains(&c),
            })
            && u.as_bytes()[14] == version as u8
            && b"89ab".contains(&u.as_bytes()[19])
    }

    #[test]
    fn format_is_canonical() {
        let b: [u8; 16] = core::array::from_fn(|i| (i as u8) * 17);
        let mut out = [0u8; TEXT_LEN];
        format(&b, &mut out);
        assert_eq!(&out, b"00112233-4455-6677-8899-aabbccddeeff");
    }

    #[test]
    fn format_on_every_path_is_the_canonical_hex() {
        let mut b = [0u8; BYTES_LEN];
        for round in 0..500 {
            crate::entropy::OsSource.fill(&mut b).unwrap();
            if round < 2 {
                b = [[0u8; 16], [0xff; 16]][round];
            }
            let h = hex::encode(b);
            let want = format!(
                "{}-{}-{}-{}-{}",
                &h[..8],
                &h[8..12],
                &h[12..16],
                &h[16..20],
                &h[20..]
            );
            for path in [EncoderPath::Portable, EncoderPath::Simd] {
                let mut out = [0u8; TEXT_LEN];
                format_on(path, &b, &mut out);
                assert_eq!(text(&out), want, "{path:?}");
            }
        }
    }

    #[test]
    fn uuid4_is_drawn_in_place_and_formatted_over_its_raw_bytes() {
        // the 16 bytes land in the tail of the text buffer and every one of
        // them is overwritten by text
        let bytes: Vec<u8> = (0..16).map(|i| 0xf0 | i).collect();
        let mut out = [0xaau8; TEXT_LEN];
        uuid4(Script::new(bytes), &mut out).unwrap();
        assert_eq!(text(&out), "f0f1f2f3-f4f5-46f7-b8f9-fafbfcfdfeff");
    }

    #[test]
    fn uuid4_layout() {
        let mut out = [0u8; TEXT_LEN];
        uuid4(Script::new(vec![0xff; 16]), &mut out).unwrap();
        assert_eq!(text(&out), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        uuid4(Script::new(vec![0; 16]), &mut out).unwrap();
        assert_eq!(text(&out), "00000000-0000-4000-8000-000000000000");
        let bytes: Vec<u8> = (0..16).map(|i| i * 17).collect();
        uuid4(Script::new(bytes), &mut out).unwrap();
        assert_eq!(text(&out), "00112233-4455-4677-8899-aabbccddeeff");
        let mut c = Counting::default();
        for _ in 0..100 {
            uuid4(&mut c, &mut out).unwrap();
            assert!(well_formed(&text(&out), '4'), "{}", text(&out));
        }
        assert_eq!(c.requests, 100);
        let before = out;
        assert_eq!(uuid4(Failing, &mut out), Err(Error::EntropyUnavailable));
        assert_eq!(out, before, "nothing written on failure");
    }

    #[test]
    fn uuid7_layout() {
        // RFC 9562 appendix A.6: 2022-02-22 19:22:22 UTC = 0x017F22E279B0 ms
        let b = v7_bytes(0x017F_22E2_79B0 << 12 | 0xCC3, 0x18C4_DC0C_0C07_398F);
        let mut out = [0u8; TEXT_LEN];
        format(&b, &mut out);
        assert_eq!(text(&out), "017f22e2-79b0-7cc3-98c4-dc0c0c07398f");
        let mut c = Counting::default();
        uuid7(&mut c, &mut out).unwrap();
        assert_eq!(c.requests, 1);
        assert!(well_formed(&text(&out), '7'), "{}", text(&out));
        let ts = u64::from_str_radix(&text(&out)[..8], 16).unwrap() << 16
            | u64::from_str_radix(&text(&out)[9..13], 16).unwrap();
        let now = now_ms();
        assert!(ts <= now + 10_000 && ts + 10_000 >= now, "{ts} vs {now}");
        let before = out;
        assert_eq!(uuid7(Failing, &mut out), Err(Error::EntropyUnavailable));
        assert_eq!(out, before);
    }

    #[test]
    fn bytes_and_text_share_one_order() {
        let mut prev = [0u8; BYTES_LEN];
        let mut t = [0u8; TEXT_LEN];
        for i in 0..3000 {
            let mut cur = [0u8; BYTES_LEN];
            if i % 3 == 0 {
                uuid7(crate::entropy::OsSource, &mut t).unwrap();
                let hex: String = text(&t).chars().filter(|&c| c != '-').collect();
                for (k, b) in cur.iter_mut().enumerate() {
                    *b = u8::from_str_radix(&hex[2 * k..2 * k + 2], 16).unwrap();
                }
            } else {
                uuid7_bytes(crate::entropy::OsSource, &mut cur).unwrap();
            }
            assert_eq!(cur[6] >> 4, 7);
            assert!(cur > prev, "call {i}");
            prev = cur;
        }
        let mut b = [0u8; BYTES_LEN];
        uuid4_bytes(Script::new((0..16).map(|i| i * 17).collect()), &mut b).unwrap();
        format(&b, &mut t);
        assert_eq!(text(&t), "00112233-4455-4677-8899-aabbccddeeff");
    }

    #[test]
    fn state_machine() {
        // a new millisecond: seeded counter, top bit clear
        assert_eq!(next_state(0, 1000, 0xffff), 1000 << 12 | 0x7ff);
        // same millisecond, or the clock went back: counts on
        assert_eq!(next_state(1000 << 12 | 5, 1000, 9), 1000 << 12 | 6);
        assert_eq!(next_state(1000 << 12 | 5, 999, 9), 1000 << 12 | 6);
        // counter overflow: the timestamp moves on
        assert_eq!(next_state(1000 << 12 | 0xfff, 1000, 9), 1001 << 12);
        // and a later real millisecond reseeds only once it passes it
        assert_eq!(next_state(1001 << 12, 1001, 3), 1001 << 12 | 1);
        assert_eq!(next_state(1001 << 12 | 1, 1002, 3), 1002 << 12 | 3);
        let last = AtomicU64::new(0);
        let mut prev = 0;
        for i in 0..10_000u64 {
            // a clock stuck, then going backwards
            let s = advance(&last, 5000 - i / 3000, (i * 7919) as u16);
            assert!(s > prev);
            prev = s;
        }
    }

    #[test]
    fn uuid7_strictly_increasing_across_threads() {
        let threads: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    let mut v = Vec::with_capacity(5000);
                    let mut out = [0u8; TEXT_LEN];
                    for _ in 0..5000 {
                        uuid7(crate::entropy::OsSource, &mut out).unwrap();
                        v.push(text(&out));
                    }
                    v
                })
            })
            .collect();
        let mut all = Vec::new();
        for t in threads {
            let v = t.join().unwrap();
            assert!(
                v.windows(2).all(|w| w[0] < w[1]),
                "each thread's sequence increases"
            );
            all.extend(v);
        }
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "no two threads got the same UUID");
        assert!(all.iter().all(|u| well_formed(u, '7')));
        // the (timestamp, counter) prefix is unique too: the CAS hands out
        // each state once
        let mut prefixes: Vec<&str> = all.iter().map(|u| &u[..18]).collect();
        prefixes.dedup();
        assert_eq!(prefixes.len(), n);
    }
}
