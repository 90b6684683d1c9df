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

use crate::error::Result;
use zeroize::Zeroize;

/// A source of uniformly random bytes.
pub trait RandomSource {
    /// Fills `dest` completely with random bytes, or fails without a partial
    /// result being usable (the caller wipes `dest` on failure).
    fn fill(&mut self, dest: &mut [u8]) -> Result<()>;
}

/// The operating system's CSPRNG.  On Linux: the kernel's vDSO `getrandom()`
/// where the kernel has it (6.11+), else the `getrandom(2)` system call made
/// directly (retried on `EINTR` and short reads); where the kernel refuses
/// `getrandom(2)` (`ENOSYS` or `EPERM`: a seccomp filter, a kernel older
/// than 3.17), `/dev/urandom`, opened for the call and checked to be the
/// random device.  Every path is async-signal-safe: no allocation, no lock,
/// no symbol lookup.  Elsewhere: the `getrandom` crate.
#[derive(Debug, Default, Clone, Copy)]
pub struct OsSource;

/// The name reported by `secrets_entropy_source()`.
pub fn os_source_name() -> &'static core::ffi::CStr {
    #[cfg(target_os = "linux")]
    {
        if linux::fallback_serves() {
            return c"dev-urandom";
        }
        if crate::vdso::available() {
            return c"vdso-getrandom";
        }
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
        {
            linux::fill(dest)
        }
        #[cfg(not(target_os = "linux"))]
        {
            getrandom::fill(dest).map_err(|_| crate::error::Error::EntropyUnavailable)
        }
    }
}

#[cfg(target_os = "linux")]
mod linux {
    //! The Linux source, async-signal-safe on every path: the vDSO, the
    //! system call through `syscall(2)` (the `getrandom` crate is not used
    //! here: its first use resolves a symbol with `dlsym`), and a checked
    //! `/dev/urandom`.
    use crate::error::{Error, Result};
    use core::sync::atomic::{AtomicBool, Ordering};

    /// Set once `/dev/urandom` has served (or was needed): for the source name.
    static FALLBACK: AtomicBool = AtomicBool::new(false);
    /// Set once `/dev/random` has reported the kernel's pool initialised.
    static READY: AtomicBool = AtomicBool::new(false);

    fn errno() -> i32 {
        // SAFETY: errno is thread-local to libc (initial-exec TLS).
        unsafe { *libc::__errno_location() }
    }

    /// The kernel refuses the system call (not a failure of its source).
    fn refused(e: i32) -> bool {
        e == libc::ENOSYS || e == libc::EPERM
    }

    /// The vDSO inline (the hot path of every small call); the rest out of line.
    #[inline(always)]
    pub fn fill(dest: &mut [u8]) -> Result<()> {
        match crate::vdso::fill(dest) {
            Some(Ok(())) => Ok(()),
            other => fill_slow(dest, other),
        }
    }

    #[cold]
    #[inline(never)]
    fn fill_slow(dest: &mut [u8], vdso: Option<core::result::Result<(), i32>>) -> Result<()> {
        match vdso {
            None => {}
            Some(Ok(())) => return Ok(()),
            // The vDSO keys itself through getrandom(2): refused, the same
            // fallback as the system call, so behaviour does not depend on
            // the kernel version.
            Some(Err(e)) if refused(e) => return urandom(dest),
            Some(Err(_)) => return Err(Error::EntropyUnavailable),
        }
        match getrandom_syscall(dest) {
            Ok(()) => Ok(()),
            Err(e) if refused(e) => urandom(dest),
            Err(_) => Err(Error::EntropyUnavailable),
        }
    }

    /// `getrandom(2)` until `dest` is full; the errno of a failure.
    fn getrandom_syscall(mut dest: &mut [u8]) -> core::result::Result<(), i32> {
        while !dest.is_empty() {
            // SAFETY: `dest` is valid for writes of its length.
            let r = unsafe {
                libc::syscall(
                    libc::SYS_getrandom,
                    dest.as_mut_ptr(),
                    dest.len(),
                    0 as libc::c_uint,
                )
            };
            if r < 0 {
                let e = errno();
                if e == libc::EINTR {
                    continue;
                }
                return Err(e);
            }
            if r == 0 {
                return Err(libc::EIO); // never for a non-empty request
            }
            let n = (r as usize).min(dest.len());
            dest = &mut dest[n..];
        }
        Ok(())
    }

    /// Whether calls are served by `/dev/urandom`: the fallback has served,
    /// or the kernel refuses `getrandom(2)` now (probed without drawing).
    pub fn fallback_serves() -> bool {
        if FALLBACK.load(Ordering::Relaxed) {
            return true;
        }
        // SAFETY: a zero-length request with a NULL buffer draws nothing;
        // GRND_NONBLOCK: never waits for the pool at early boot.
        let r = unsafe {
            libc::syscall(
                libc::SYS_getrandom,
                core::ptr::null_mut::<u8>(),
                0usize,
                libc::GRND_NONBLOCK,
            )
        };
        if r < 0 && refused(errno()) {
            FALLBACK.store(true, Ordering::Relaxed);
            return true;
        }
        false
    }

    /// Opens `path` and checks that it is the kernel's random device (a
    /// character device 1:8 or 1:9); the descriptor, or `None`.
    fn open_device(path: &core::ffi::CStr) -> Option<libc::c_int> {
        let fd = loop {
            // SAFETY: a NUL-terminated path.
            let fd = unsafe {
                libc::open(
                    path.as_ptr(),
                    libc::O_RDONLY | libc::O_CLOEXEC | libc::O_NOCTTY,
                )
            };
            if fd >= 0 {
                break fd;
            }
            if errno() != libc::EINTR {
                return None;
            }
        };
        // SAFETY: fstat into a local struct of a descriptor we own.
        let mut st: libc::stat = unsafe { core::mem::zeroed() };
        let ok = unsafe { libc::fstat(fd, &mut st) } == 0
            && st.st_mode & libc::S_IFMT == libc::S_IFCHR
            && libc::major(st.st_rdev) == 1
            && matches!(libc::minor(st.st_rdev), 8 | 9);
        if !ok {
            // SAFETY: our own descriptor, closed once.
            unsafe { libc::close(fd) };
            return None;
        }
        Some(fd)
    }

    /// Waits (once per process) until the kernel's pool is initialised, as
    /// `getrandom(2)` would: `poll` on `/dev/random`.  Where `/dev/random`
    /// cannot be opened (a sandbox that exposes only `/dev/urandom`) this
    /// step is skipped: `getrandom(2)` exists there and is merely refused,
    /// so the kernel is recent and its pool initialised early in boot.
    fn wait_ready() -> Result<()> {
        if READY.load(Ordering::Relaxed) {
            return Ok(());
        }
        let Some(fd) = open_device(c"/dev/random") else {
            return Ok(());
        };
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ready = loop {
            // SAFETY: one pollfd for a descriptor we own.
            let r = unsafe { libc::poll(&mut pfd, 1, -1) };
            if r >= 0 {
                break r == 1 && pfd.revents & libc::POLLIN != 0;
            }
            if errno() != libc::EINTR {
                break false;
            }
        };
        // SAFETY: our own descriptor, closed once.
        unsafe { libc::close(fd) };
        if !ready {
            return Err(Error::EntropyUnavailable);
        }
        READY.store(true, Ordering::Relaxed);
        Ok(())
    }

    /// `/dev/urandom`, opened for this call (`O_CLOEXEC`), checked with
    /// `fstat` to be the random device before a byte is read, and closed.
    /// A descriptor number is never cached: a process that closes its
    /// descriptors and opens a file cannot make that file the source.
    pub fn urandom(dest: &mut [u8]) -> Result<()> {
        FALLBACK.store(true, Ordering::Relaxed);
        wait_ready()?;
        let fd = open_device(c"/dev/urandom").ok_or(Error::EntropyUnavailable)?;
        let mut rest = &mut dest[..];
        let mut result = Ok(());
        while !rest.is_empty() {
            // SAFETY: `rest` is valid for writes of its length.
            let r = unsafe { libc::read(fd, rest.as_mut_ptr().cast(), rest.len()) };
            if r < 0 && errno() == libc::EINTR {
                continue;
            }
            if r <= 0 {
                result = Err(Error::EntropyUnavailable);
                break;
            }
            let n = (r as usize).min(rest.len());
            rest = &mut rest[n..];
        }
        // SAFETY: our own descriptor, closed once.
        unsafe { libc::close(fd) };
        result
    }

    #[cfg(test)]
    mod tests {
        #[test]
        #[cfg_attr(miri, ignore)] // device numbers and fstat of devices: not in Miri
        fn urandom_fills_and_the_syscall_fills() {
            let mut a = [0u8; 300];
            let mut b = [0u8; 300];
            super::urandom(&mut a).unwrap();
            super::getrandom_syscall(&mut b).unwrap();
            assert_ne!(a, b);
            assert!(a.iter().any(|&x| x != 0) && b.iter().any(|&x| x != 0));
        }

        #[test]
        #[cfg_attr(miri, ignore)] // device numbers and fstat of devices: not in Miri
        fn only_the_random_device_is_accepted() {
            assert!(super::open_device(c"/dev/null").is_none());
            assert!(super::open_device(c"/proc/self/status").is_none());
            let fd = super::open_device(c"/dev/urandom").unwrap();
            unsafe { libc::close(fd) };
        }
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

/// The largest pool, the one ceiling of every call's entropy budget: past
/// it a call refills (one OS request per `MAX_POOL` bytes) rather than
/// allocate more.
pub(crate) const MAX_POOL: usize = 64 * 1024;

/// A per-call entropy buffer of a fixed capacity, filled from `S` on first use
/// and refilled (at the same capacity) only when it runs dry.
///
/// Up to 256 bytes live on the stack.  A larger pool (at most [`MAX_POOL`])
/// is allocated at its first fill, fallibly: if the allocation fails the
/// pool works on its 256 inline bytes and refills more often, so a pool
/// never aborts the process and never fails a call.  [`Pool::no_alloc`]
/// never allocates (for the async-signal-safe functions).
pub struct Pool<S: RandomSource> {
    source: S,
    inline: [u8; INLINE],
    heap: Vec<u8>,
    /// The capacity asked for (capped).
    want: usize,
    /// The capacity in use: 0 until the first fill chooses the storage.
    cap: usize,
    pos: usize,
}

impl<S: RandomSource> Pool<S> {
    /// A pool of `capacity` bytes (at least 8, at most [`MAX_POOL`]).
    /// Nothing is drawn or allocated until the first byte is consumed, so a
    /// caller can create the pool before its last argument check without
    /// wasting an OS request.
    pub fn new(source: S, capacity: usize) -> Self {
        Self::with_want(source, capacity.clamp(8, MAX_POOL))
    }

    /// A pool of at most 256 bytes that never allocates: async-signal-safe.
    pub fn no_alloc(source: S, capacity: usize) -> Self {
        Self::with_want(source, capacity.clamp(8, INLINE))
    }

    fn with_want(source: S, want: usize) -> Self {
        Pool {
            source,
            inline: [0u8; INLINE],
            heap: Vec::new(),
            want,
            cap: 0,
            pos: 0, // empty: the first use fills it
        }
    }

    fn buf(&mut self) -> &mut [u8] {
        if self.heap.is_empty() {
            &mut self.inline[..self.cap]
        } else {
            &mut self.heap[..]
        }
    }

    /// Chooses the storage at the first fill: the heap for a large pool if
    /// the allocation succeeds, else the inline bytes.
    fn choose_storage(&mut self) {
        if self.want > INLINE && self.heap.try_reserve_exact(self.want).is_ok() {
            self.heap.resize(self.want, 0); // within the reservation: no reallocation
            self.cap = self.want;
        } else {
            self.cap = self.want.min(INLINE);
        }
    }

    fn refill(&mut self) -> Result<()> {
        if self.cap == 0 {
            self.choose_storage();
        }
        let cap = self.cap;
        let (src, inline, heap) = (&mut self.source, &mut self.inline, &mut self.heap);
        let buf = if heap.is_empty() {
            &mut inline[..cap]
        } else {
            &mut heap[..]
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

// ---- the entropy budget of a call -------------------------------------------
//
// The model, once for every operation: a call's pool holds what the call
// will consume plus enough spare that it needs a second OS request with
// probability at most 2^-40 ([`SECOND_REQUEST_LOG2`]), and never more than
// [`MAX_POOL`] bytes: a call that needs more refills at that size (one OS
// request per `MAX_POOL` bytes) instead of allocating more.
//
// A call is described by a [`Need`]: `tries` successful tries of
// `try_bytes` each, every try rejected (and repeated) independently with
// probability at most `p_reject`, plus `extra_mean` expected extra tries
// that are a sum of independent indicators (binomialvariate's geometric
// method), plus `fixed` bytes drawn once.  A pool of `tries + s` tries
// runs dry only if at least `s + 1` of them are wasted; [`budget`] takes the
// least `s` for which that has probability at most 2^-40, by the exact
// `p^(s+1)` for one try, else by the Chernoff bound
// `P(X >= k) <= e^-mu (e mu / k)^k` (mu the mean number wasted among
// `tries + s`) for up to 64 spares, else by its relative-entropy form
// `P(Bin(t, p) >= k) <= exp(-t D(k/t || p))` (or Bernstein's inequality
// with extra tries).
// Only the pool size depends on this, never a sampled value: the model
// affects speed, not correctness.  Several needs in one call add up (the
// second-request probability is then at most their count times 2^-40).

/// `log2` of the bound on the probability that a call needs a second OS
/// request (when its need fits in [`MAX_POOL`]).
pub(crate) const SECOND_REQUEST_LOG2: i32 = -40;

/// `2^SECOND_REQUEST_LOG2`: a single try rejected with at most this
/// probability needs no spare.
const ONE_TRY_BOUND: f64 = 1.0 / (1u64 << -SECOND_REQUEST_LOG2) as f64;

/// What one call consumes; see [`budget`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Need {
    /// Tries that must be accepted.
    pub tries: usize,
    /// Bytes of one try.
    pub try_bytes: usize,
    /// An upper bound on the probability that one try is rejected.
    pub p_reject: f64,
    /// Expected extra tries that do not depend on rejections.
    pub extra_mean: f64,
    /// Bytes drawn once besides the tries.
    pub fixed: usize,
}

impl Need {
    /// Nothing drawn.
    pub const NONE: Need = Need::exact(0);

    /// Exactly `bytes`, no rejection.
    pub const fn exact(bytes: usize) -> Need {
        Need::tries(0, 0, 0.0).plus(bytes)
    }

    /// `tries` accepted tries of `try_bytes`, each rejected with probability
    /// at most `p_reject`.
    pub const fn tries(tries: usize, try_bytes: usize, p_reject: f64) -> Need {
        Need {
            tries,
            try_bytes,
            p_reject,
            extra_mean: 0.0,
            fixed: 0,
        }
    }

    /// The same need with `bytes` more drawn once.
    pub const fn plus(mut self, bytes: usize) -> Need {
        self.fixed = self.fixed.saturating_add(bytes);
        self
    }

    /// The expected bytes consumed: what [`budget`] is proportional to.
    #[cfg(test)]
    pub fn expected_bytes(&self) -> f64 {
        let q = 1.0 - self.p_reject.clamp(0.0, 1.0);
        let tries = self.tries as f64 / q.max(f64::MIN_POSITIVE) + self.extra_mean.max(0.0);
        tries * self.try_bytes as f64 + self.fixed as f64
    }
}

/// `mu_max[k - 1]`: the largest mean `mu` with `e^-mu (e mu / k)^k <= 2^-40`
/// (computed offline by bisection, rounded down).
const MU_MAX: [f64; 64] = [
    3.345844e-13,
    7.016746e-07,
    1.069323e-04,
    1.437546e-03,
    7.195493e-03,
    2.180562e-02,
    4.939657e-02,
    9.304578e-02,
    1.547042e-01,
    2.354013e-01,
    3.354977e-01,
    4.549010e-01,
    5.932269e-01,
    7.499131e-01,
    9.242964e-01,
    1.115664e+00,
    1.323288e+00,
    1.546444e+00,
    1.784430e+00,
    2.036569e+00,
    2.302214e+00,
    2.580755e+00,
    2.871612e+00,
    3.174241e+00,
    3.488129e+00,
    3.812794e+00,
    4.147782e+00,
    4.492668e+00,
    4.847051e+00,
    5.210555e+00,
    5.582825e+00,
    5.963527e+00,
    6.352348e+00,
    6.748991e+00,
    7.153175e+00,
    7.564636e+00,
    7.983123e+00,
    8.408400e+00,
    8.840243e+00,
    9.278438e+00,
    9.722784e+00,
    1.017309e+01,
    1.062917e+01,
    1.109085e+01,
    1.155797e+01,
    1.203037e+01,
    1.250790e+01,
    1.299042e+01,
    1.347778e+01,
    1.396987e+01,
    1.446654e+01,
    1.496769e+01,
    1.547319e+01,
    1.598294e+01,
    1.649684e+01,
    1.701477e+01,
    1.753664e+01,
    1.806237e+01,
    1.859185e+01,
    1.912500e+01,
    1.966174e+01,
    2.020199e+01,
    2.074567e+01,
    2.129271e+01,
];

/// The spare tries of the model (see the section comment).
fn spare_tries(need: &Need) -> f64 {
    let p = if need.p_reject.is_nan() {
        1.0
    } else {
        need.p_reject.clamp(0.0, 1.0)
    };
    let extra = if need.extra_mean.is_nan() {
        f64::INFINITY
    } else {
        need.extra_mean.max(0.0)
    };
    let d = need.tries as f64;
    if need.tries == 0 || (p == 0.0 && extra == 0.0) {
        return 0.0;
    }
    if p >= 1.0 || extra.is_infinite() {
        return f64::INFINITY;
    }
    if need.tries == 1 && extra == 0.0 {
        // exact: the pool of 1 + s tries runs dry iff s + 1 rejections in a row
        if p <= ONE_TRY_BOUND {
            return 0.0; // no spare (and no logarithm on the path of a wide draw)
        }
        return (SECOND_REQUEST_LOG2 as f64 / p.log2()).ceil() - 1.0;
    }
    // up to 64 spares: the table, a few comparisons (no logarithm on the
    // paths of ordinary calls)
    // (a linear scan: its branches predict well, a bisection's do not)
    for (s, &mu_max) in MU_MAX.iter().enumerate() {
        if (d + s as f64) * p + extra <= mu_max {
            return s as f64;
        }
    }
    if extra == 0.0 {
        // Chernoff in its relative-entropy form, tight for a large p:
        // P(Bin(t, p) >= k) <= exp(-t D(k/t || p)) for k/t > p; the least
        // s by doubling then bisection (monotone in s)
        let l = -(SECOND_REQUEST_LOG2 as f64) * core::f64::consts::LN_2;
        let ok = |s: f64| {
            let t = d + s;
            let a = (s + 1.0) / t;
            if a <= p {
                return false;
            }
            let kl = if a >= 1.0 {
                -p.ln()
            } else {
                a * (a / p).ln() + (1.0 - a) * ((1.0 - a) / (1.0 - p)).ln()
            };
            t * kl >= l
        };
        let limit = (MAX_POOL as f64 / need.try_bytes.max(1) as f64).max(64.0);
        let (mut lo, mut hi) = (63.0f64, 128.0f64); // the table failed at 63
        while !ok(hi) {
            if hi >= limit {
                return hi; // past the ceiling anyway
            }
            lo = hi;
            hi *= 2.0;
        }
        while hi - lo > 1.0 {
            let mid = ((lo + hi) / 2.0).floor();
            if ok(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }
    // Bernstein: P(X - mu >= t) <= exp(-t^2 / (2 (var + t / 3))), var <= mu;
    // s = mu(s) + t(mu(s)) is increasing with slope below 1 in s, so the
    // iteration from 64 climbs to its fixed point.
    let l = -(SECOND_REQUEST_LOG2 as f64) * core::f64::consts::LN_2;
    let mut s = 64.0f64;
    for _ in 0..64 {
        let mu = (d + s) * p + extra;
        let t = l / 3.0 + (l * l / 9.0 + 2.0 * mu * l).sqrt();
        let next = (mu + t).ceil().max(s);
        if next == s || !next.is_finite() {
            break;
        }
        s = next;
    }
    s
}

/// The pool size (bytes) of the model for a call with these needs: what
/// they consume plus the spare tries that keep a second OS request below
/// 2^-40 each, capped at [`MAX_POOL`].  Pass the result to [`Pool::new`].
pub fn budget(needs: &[Need]) -> usize {
    let mut total = 0f64;
    for n in needs {
        let tries = n.tries as f64 + spare_tries(n);
        total += tries * n.try_bytes as f64 + n.fixed as f64;
        if total.is_nan() || total >= MAX_POOL as f64 {
            return MAX_POOL;
        }
    }
    total as usize
}

#[cfg(test)]
pub(crate) mod testing {
    //! Sources for tests: scripted bytes, and a counter of OS requests.
    use super::*;
    use crate::error::Error;

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
    use crate::error::Error;

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
    fn pool_sizes_are_capped_and_small_pools_stay_inline() {
        let mut c = Counting::default();
        let mut p = Pool::new(&mut c, 1 << 40);
        p.next_u64().unwrap();
        assert_eq!((p.cap, p.heap.len()), (MAX_POOL, MAX_POOL));
        drop(p);
        assert_eq!(c.bytes, MAX_POOL, "never more than the ceiling per fill");
        let mut p = Pool::new(&mut c, 200);
        p.next_u64().unwrap();
        assert_eq!((p.cap, p.heap.capacity()), (200, 0));
        drop(p);
        let mut p = Pool::no_alloc(&mut c, 4096);
        let mut out = [0u8; 1000];
        p.fill_bytes(&mut out).unwrap();
        assert_eq!(
            (p.cap, p.heap.capacity()),
            (INLINE, 0),
            "no_alloc never allocates"
        );
    }

    #[test]
    fn budget_follows_the_model() {
        assert_eq!(budget(&[]), 0);
        assert_eq!(budget(&[Need::NONE]), 0);
        assert_eq!(budget(&[Need::exact(8)]), 8);
        assert_eq!(budget(&[Need::exact(8), Need::exact(16)]), 24);
        // one try: exactly p^(s+1) <= 2^-40
        assert_eq!(budget(&[Need::tries(1, 8, 0.5)]), 8 * 40);
        assert_eq!(budget(&[Need::tries(1, 16, 0.27)]), 16 * 22);
        // a tiny rejection probability: no spare at all, or one
        assert_eq!(budget(&[Need::tries(16, 4, 2f64.powi(-60))]), 64);
        assert_eq!(budget(&[Need::tries(16, 4, 2f64.powi(-26))]), 68);
        // never past the ceiling, never NaN-sized
        assert_eq!(budget(&[Need::tries(usize::MAX, 8, 0.0)]), MAX_POOL);
        assert_eq!(budget(&[Need::tries(10, 8, f64::NAN)]), MAX_POOL);
        assert_eq!(budget(&[Need::tries(10, 8, 1.0)]), MAX_POOL);
        // many tries with p = 1/2: near twice the tries, well below the cap
        let b = budget(&[Need::tries(1000, 8, 0.5)]);
        assert!(b > 8 * 2000 && b < 8 * 2600, "{b}");
    }

    /// The bound of the model holds: the probability that the budget runs
    /// dry, computed exactly (negative binomial tail), is at most 2^-40,
    /// over a grid of needs; and the budget is not wasteful (at most 64
    /// spare tries over the `mean + 12 sd` of the rejections).
    #[test]
    fn budget_second_request_probability_is_below_the_bound() {
        for &p in &[1e-12, 1e-6, 0.01, 0.1, 0.27, 0.5, 0.75] {
            for &d in &[1usize, 2, 5, 16, 100, 1000] {
                let b = budget(&[Need::tries(d, 1, p)]);
                let t = b; // tries in the pool
                assert!(t >= d);
                // P(fewer than d accepted in t tries) = P(Bin(t, 1-p) < d)
                let q = 1.0 - p;
                let mut log_terms = Vec::new();
                let mut lc = 0f64; // ln C(t, j)
                for j in 0..d {
                    if j > 0 {
                        lc += ((t - j + 1) as f64).ln() - (j as f64).ln();
                    }
                    log_terms.push(lc + j as f64 * q.ln() + (t - j) as f64 * p.ln());
                }
                let m = log_terms.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
                let sum: f64 = log_terms.iter().map(|x| (x - m).exp()).sum();
                let log2p = (m + sum.ln()) / core::f64::consts::LN_2;
                assert!(log2p <= -40.0, "p={p} d={d} budget={b}: 2^{log2p}");
                let mean = d as f64 * p / q;
                let sd = (d as f64 * p).sqrt() / q;
                assert!(
                    (t - d) as f64 <= mean + 12.0 * sd + 64.0,
                    "p={p} d={d}: {t} tries is wasteful"
                );
            }
        }
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
