//! Where randomness comes from, and the per-call entropy buffer.
//!
//! [`RandomSource`] is the OS CSPRNG in production ([`OsSource`]) and a
//! deterministic or counting source in tests.  [`Pool`] is the buffer a single
//! call draws once from its source and then consumes: a call that needs many
//! small draws (rejection sampling, a password, a shuffle) costs one OS request
//! for the whole call, and only pays a second one if rejection sampling
//! happens to run the buffer dry.  The buffer is wiped when the pool is dropped,
//! so no random value outlives the call.
//!
//! Samplers never see the pool's type: they take `&mut impl Rng`, the small
//! trait that tests implement with scripted values.

use crate::error::{Error, Result};
use zeroize::Zeroize;

/// A source of uniformly random bytes.
pub trait RandomSource {
    /// Fills `dest` completely with random bytes, or fails without a partial
    /// result being usable (the caller wipes `dest` on failure).
    fn fill(&mut self, dest: &mut [u8]) -> Result<()>;
}

/// The operating system's CSPRNG: on Linux the kernel's vDSO `getrandom()`
/// where the kernel has it (6.11+), else the `getrandom(2)` system call
/// (through the `getrandom` crate, which retries on `EINTR` and short reads
/// and falls back to `/dev/urandom` only where the system call is missing).
#[derive(Debug, Default, Clone, Copy)]
pub struct OsSource;

/// The name reported by `secrets_entropy_source()`.
pub fn os_source_name() -> &'static core::ffi::CStr {
    #[cfg(target_os = "linux")]
    if crate::vdso::available() {
        return c"vdso-getrandom";
    }
    c"getrandom"
}

impl RandomSource for OsSource {
    #[inline]
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        if dest.is_empty() {
            return Ok(());
        }
        #[cfg(target_os = "linux")]
        match crate::vdso::fill(dest) {
            None => {}
            Some(Ok(())) => return Ok(()),
            // The vDSO keys itself through getrandom(2); where a sandbox
            // blocks that call, take the same /dev/urandom fallback as the
            // system-call backend, so behaviour does not depend on the kernel.
            Some(Err(e)) if e == libc::ENOSYS || e == libc::EPERM => {}
            Some(Err(_)) => return Err(Error::EntropyUnavailable),
        }
        getrandom::fill(dest).map_err(|_| Error::EntropyUnavailable)
    }
}

impl<S: RandomSource + ?Sized> RandomSource for &mut S {
    #[inline]
    fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
        (**self).fill(dest)
    }
}

/// What the samplers draw from.
pub trait Rng {
    /// Fills `dest` with random bytes.
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()>;

    /// A uniformly random `u64` (the next 8 bytes, little-endian).
    #[inline]
    fn next_u64(&mut self) -> Result<u64> {
        let mut b = [0u8; 8];
        self.fill_bytes(&mut b)?;
        let v = u64::from_le_bytes(b);
        b.zeroize();
        Ok(v)
    }

    /// A uniformly random `u32` (the next 4 bytes, little-endian).
    #[inline]
    fn next_u32(&mut self) -> Result<u32> {
        let mut b = [0u8; 4];
        self.fill_bytes(&mut b)?;
        let v = u32::from_le_bytes(b);
        b.zeroize();
        Ok(v)
    }
}

impl<R: Rng + ?Sized> Rng for &mut R {
    #[inline]
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
        (**self).fill_bytes(dest)
    }
    #[inline]
    fn next_u64(&mut self) -> Result<u64> {
        (**self).next_u64()
    }
    #[inline]
    fn next_u32(&mut self) -> Result<u32> {
        (**self).next_u32()
    }
}

/// A source used without a buffer: each request goes straight to it.  For
/// calls that know exactly how many bytes they need (`randbits`).
pub struct Direct<S: RandomSource>(pub S);

impl<S: RandomSource> Rng for Direct<S> {
    #[inline]
    fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
        self.0.fill(dest)
    }
}

/// Bytes kept on the stack; larger pools go to the heap.
const INLINE: usize = 256;

#[allow(clippy::large_enum_variant)] // the inline buffer is the point: no allocation
enum Storage {
    Inline([u8; INLINE]),
    Heap(Vec<u8>),
}

/// A per-call entropy buffer of a fixed capacity, filled from `S` on first use
/// and refilled (at the same capacity) only when it runs dry.
pub struct Pool<S: RandomSource> {
    source: S,
    storage: Storage,
    cap: usize,
    pos: usize,
}

impl<S: RandomSource> Pool<S> {
    /// A pool of `capacity` bytes (at least 8).  Nothing is drawn until the
    /// first byte is consumed, so a caller can create the pool before its
    /// last argument check without wasting an OS request.
    pub fn new(source: S, capacity: usize) -> Self {
        let cap = capacity.max(8);
        let storage = if cap <= INLINE {
            Storage::Inline([0u8; INLINE])
        } else {
            Storage::Heap(vec![0u8; cap])
        };
        Pool {
            source,
            storage,
            cap,
            pos: cap, // empty: the first use fills it
        }
    }

    fn buf(&mut self) -> &mut [u8] {
        match &mut self.storage {
            Storage::Inline(a) => &mut a[..self.cap],
            Storage::Heap(v) => &mut v[..],
        }
    }

    fn refill(&mut self) -> Result<()> {
        let cap = self.cap;
        let (src, storage) = (&mut self.source, &mut self.storage);
        let buf = match storage {
            Storage::Inline(a) => &mut a[..cap],
            Storage::Heap(v) => &mut v[..],
        };
        if let Err(e) = src.fill(buf) {
            buf.zeroize();
            self.pos = cap;
            return Err(e);
        }
        self.pos = 0;
        Ok(())
    }
}

impl<S: RandomSource> Pool<S> {
    /// The next `N` buffered bytes, wiped in the buffer as they are taken;
    /// `None` when fewer than `N` remain (the caller takes the slow path).
    #[inline(always)]
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let pos = self.pos;
        if self.cap - pos < N {
            return None;
        }
        let mut a = [0u8; N];
        let src = &mut self.buf()[pos..pos + N];
        a.copy_from_slice(src);
        src.zeroize();
        self.pos = pos + N;
        Some(a)
    }
}

impl<S: RandomSource> Pool<S> {
    /// The next `N` bytes: straight from the buffer when it holds them,
    /// else through [`Rng::fill_bytes`], which refills.
    #[inline(always)]
    fn next_bytes<const N: usize>(&mut self) -> Result<[u8; N]> {
        match self.take::<N>() {
            Some(a) => Ok(a),
            None => {
                let mut b = [0u8; N];
                self.fill_bytes(&mut b)?;
                Ok(b)
            }
        }
    }
}

impl<S: RandomSource> Rng for Pool<S> {
    #[inline]
    fn next_u64(&mut self) -> Result<u64> {
        self.next_bytes::<8>().map(u64::from_le_bytes)
    }

    #[inline]
    fn next_u32(&mut self) -> Result<u32> {
        self.next_bytes::<4>().map(u32::from_le_bytes)
    }

    fn fill_bytes(&mut self, mut dest: &mut [u8]) -> Result<()> {
        while !dest.is_empty() {
            if self.pos == self.cap {
                self.refill()?;
            }
            let pos = self.pos;
            let take = dest.len().min(self.cap - pos);
            let (head, tail) = dest.split_at_mut(take);
            let src = &mut self.buf()[pos..pos + take];
            head.copy_from_slice(src);
            src.zeroize(); // consumed bytes are never handed out twice
            self.pos += take;
            dest = tail;
        }
        Ok(())
    }
}

impl<S: RandomSource> Drop for Pool<S> {
    fn drop(&mut self) {
        // Consumed bytes were wiped as they were handed out; wipe the rest.
        let pos = self.pos;
        self.buf()[pos..].zeroize();
    }
}

/// How many draws of a rejection sampler to buffer so that one OS request
/// suffices except with probability about 2^-40, given the probability
/// `p_reject` that one draw is rejected; capped so that the buffer stays
/// near `max_bytes` (a refill is cheap compared with drawing that much).
/// Only the buffer size depends on this estimate, never a sampled value.
pub fn draws_for(p_reject: f64, bytes_per_draw: usize, max_bytes: usize) -> usize {
    let want = if p_reject.is_nan() || p_reject <= 0.0 {
        1
    } else if p_reject >= 1.0 {
        64
    } else {
        let k = (-40.0 / p_reject.log2()).ceil();
        if k.is_finite() && k >= 1.0 {
            (k as usize).min(64)
        } else {
            1
        }
    };
    let cap = (max_bytes / bytes_per_draw.max(1)).max(1);
    want.min(cap)
}

#[cfg(test)]
pub(crate) mod testing {
    //! Sources for tests: scripted bytes, and a counter of OS requests.
    use super::*;

    /// Serves the given bytes in order, then fails (so a test notices a sampler
    /// that draws more than expected).
    pub struct Script {
        pub bytes: Vec<u8>,
        pub pos: usize,
    }

    impl Script {
        pub fn new(bytes: Vec<u8>) -> Self {
            Script { bytes, pos: 0 }
        }
        pub fn words(words: &[u64]) -> Self {
            Script::new(words.iter().flat_map(|w| w.to_le_bytes()).collect())
        }
    }

    impl Rng for Script {
        fn fill_bytes(&mut self, dest: &mut [u8]) -> Result<()> {
            let end = self.pos + dest.len();
            if end > self.bytes.len() {
                return Err(Error::EntropyUnavailable);
            }
            dest.copy_from_slice(&self.bytes[self.pos..end]);
            self.pos = end;
            Ok(())
        }
    }

    impl RandomSource for Script {
        fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
            self.fill_bytes(dest)
        }
    }

    /// The OS source, counting requests and bytes.
    #[derive(Default)]
    pub struct Counting {
        pub requests: usize,
        pub bytes: usize,
    }

    impl RandomSource for Counting {
        fn fill(&mut self, dest: &mut [u8]) -> Result<()> {
            self.requests += 1;
            self.bytes += dest.len();
            OsSource.fill(dest)
        }
    }

    /// A source that always fails, as `getrandom` does under a seccomp filter.
    pub struct Failing;

    impl RandomSource for Failing {
        fn fill(&mut self, _dest: &mut [u8]) -> Result<()> {
            Err(Error::EntropyUnavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn pool_is_lazy_and_fills_once() {
        let mut c = Counting::default();
        {
            let mut p = Pool::new(&mut c, 64);
            let _ = &mut p;
        }
        assert_eq!(c.requests, 0, "creating a pool draws nothing");
        let mut p = Pool::new(&mut c, 64);
        for _ in 0..8 {
            p.next_u64().unwrap();
        }
        drop(p);
        assert_eq!((c.requests, c.bytes), (1, 64));
    }

    #[test]
    fn pool_refills_when_dry_and_serves_bytes_in_order() {
        let data: Vec<u8> = (0..48u8).collect();
        let mut s = Script::new(data.clone());
        let mut p = Pool::new(&mut s, 16);
        let mut out = [0u8; 40];
        p.fill_bytes(&mut out).unwrap();
        assert_eq!(&out[..], &data[..40]);
        drop(p);
        assert_eq!(s.pos, 48, "three fills of 16 bytes");
    }

    #[test]
    fn pool_leaves_no_random_byte_behind() {
        let mut p = Pool::new(Script::new((1..=32).collect()), 32);
        let mut b = [0u8; 5];
        p.fill_bytes(&mut b).unwrap();
        assert!(
            p.buf()[..5].iter().all(|&x| x == 0),
            "consumed bytes are wiped"
        );
        assert!(p.buf()[5..].iter().all(|&x| x != 0));
        let pos = p.pos;
        p.buf()[pos..].zeroize(); // what drop does
        assert!(p.buf().iter().all(|&x| x == 0));
    }

    #[test]
    fn pool_failure_is_reported() {
        let mut p = Pool::new(Failing, 16);
        assert_eq!(p.next_u64(), Err(Error::EntropyUnavailable));
    }

    #[test]
    fn draws_for_sizes() {
        assert_eq!(draws_for(0.0, 8, 512), 1);
        assert_eq!(draws_for(2f64.powi(-58), 8, 512), 1);
        assert_eq!(draws_for(0.5, 8, 512), 40);
        assert_eq!(draws_for(0.5, 1000, 4096), 4);
        assert_eq!(draws_for(0.999, 8, 4096), 64);
        assert_eq!(draws_for(f64::NAN, 8, 512), 1);
    }

    #[test]
    fn os_source_fills_everything() {
        let mut a = [0u8; 64];
        let mut b = [0u8; 64];
        OsSource.fill(&mut a).unwrap();
        OsSource.fill(&mut b).unwrap();
        assert_ne!(a, b);
        OsSource.fill(&mut []).unwrap();
    }
}
