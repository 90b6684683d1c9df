//! Helpers shared by the fuzz targets: short names for the library's status
//! values, an input reader, reference decoders and output checks.  The
//! targets call the library's C functions through the crate itself
//! (`secrets::ffi::...`), so their signatures can never drift from it.

pub use secrets::error::{
    SECRETS_ERR_BUFFER_TOO_SMALL as BUFFER_TOO_SMALL, SECRETS_ERR_EMPTY as EMPTY,
    SECRETS_ERR_ENTROPY_UNAVAILABLE as ENTROPY_UNAVAILABLE, SECRETS_ERR_INTERNAL as INTERNAL,
    SECRETS_ERR_INVALID_ARGUMENT as INVALID_ARGUMENT, SECRETS_ERR_INVALID_UTF8 as INVALID_UTF8,
    SECRETS_ERR_NULL_POINTER as NULL_POINTER, SECRETS_ERR_TOO_LARGE as TOO_LARGE,
    SECRETS_ERR_UNSATISFIABLE as UNSATISFIABLE, SECRETS_OK as OK,
};

/// Reads fixed-size fields from the front of the fuzzer's input; the rest
/// is left for variable-length data.  Missing bytes read as zero.
pub struct Input<'a> {
    pub data: &'a [u8],
}

impl<'a> Input<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Input { data }
    }
    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }
    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }
    pub fn u64(&mut self) -> u64 {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.u8();
        }
        u64::from_le_bytes(b)
    }
    /// Up to `n` bytes.
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let n = n.min(self.data.len());
        let (a, b) = self.data.split_at(n);
        self.data = b;
        a
    }
    pub fn rest(&mut self) -> &'a [u8] {
        core::mem::take(&mut self.data)
    }
}

/// A buffer with guard bytes after `size` bytes of output space: a call that
/// writes past its `out_size` is caught by [`Guarded::check_guard`].
pub struct Guarded {
    pub buf: Vec<u8>,
    pub size: usize,
}

pub const GUARD: usize = 32;
pub const FILL: u8 = 0xA5;

impl Guarded {
    pub fn new(size: usize) -> Self {
        Guarded {
            buf: vec![FILL; size + GUARD],
            size,
        }
    }
    pub fn ptr(&mut self) -> *mut core::ffi::c_char {
        self.buf.as_mut_ptr().cast()
    }
    pub fn check_guard(&self, what: &str) {
        assert!(
            self.buf[self.size..].iter().all(|&b| b == FILL),
            "{what}: wrote past out_size"
        );
    }
    /// The NUL-terminated text inside the first `size` bytes.
    pub fn text(&self) -> &[u8] {
        let end = self.buf[..self.size]
            .iter()
            .position(|&b| b == 0)
            .expect("text output without a NUL inside out_size");
        &self.buf[..end]
    }
    /// After a failure: "" (when size >= 1).
    pub fn check_failed_text(&self, what: &str) {
        if self.size >= 1 {
            assert_eq!(self.buf[0], 0, "{what}: failed without leaving \"\"");
        }
        self.check_guard(what);
    }
}

/// Code points of a UTF-8 byte string, or None if it is not valid UTF-8.
pub fn code_points(s: &[u8]) -> Option<Vec<char>> {
    core::str::from_utf8(s).ok().map(|s| s.chars().collect())
}

pub fn hex_decode(s: &[u8]) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    let v = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    s.chunks(2)
        .map(|p| Some(v(p[0])? << 4 | v(p[1])?))
        .collect()
}

/// Decodes unpadded RFC 4648 text of `width`-bit characters (6: base64url,
/// 5: base32); the final character's unused bits must be zero (canonical).
pub fn radix_decode(s: &[u8], width: u32) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        match width {
            6 => match c {
                b'A'..=b'Z' => Some((c - b'A') as u32),
                b'a'..=b'z' => Some((c - b'a') as u32 + 26),
                b'0'..=b'9' => Some((c - b'0') as u32 + 52),
                b'-' => Some(62),
                b'_' => Some(63),
                _ => None,
            },
            _ => match c {
                b'A'..=b'Z' => Some((c - b'A') as u32),
                b'2'..=b'7' => Some((c - b'2') as u32 + 26),
                _ => None,
            },
        }
    };
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for &c in s {
        acc = (acc << width) | value(c)?;
        bits += width;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // leftover bits: fewer than a character, and zero
    if bits >= width || acc != 0 {
        return None;
    }
    Some(out)
}
