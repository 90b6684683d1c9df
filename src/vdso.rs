//! The kernel's vDSO `getrandom()` (Linux 6.11+): the same CSPRNG as the
//! `getrandom(2)` system call, run in user space over a per-thread state
//! that the kernel owns.
//!
//! The state is the only thing the library keeps between calls: it is mapped with the flags the kernel asks for
//! (`MAP_DROPPABLE`, wiped on fork), so a child process never sees its
//! parent's state, and the vDSO re-keys itself from the kernel whenever the
//! kernel's generation changes.  It holds no value the library handed out.
//!
//! When this module can go: glibc 2.41 and later already serve `getrandom()`
//! and `arc4random()` from the vDSO, with their own per-thread states.  Once
//! the oldest C library the project supports does that, the system-call
//! path in `entropy` gives the same speed and this module can be deleted.
//!
//! Everything falls back to the system call: no vDSO symbol, a refused
//! `mmap`, a nested use of the thread's state (a signal handler calling the
//! library while the thread is inside it), or no usable `pthread` key.
//! Every path here is async-signal-safe (see "Per-thread states" below).

use core::ffi::c_void;
use core::sync::atomic::{compiler_fence, AtomicPtr, AtomicU32, AtomicU8, AtomicUsize, Ordering};

type VgetrandomFn = unsafe extern "C" fn(*mut c_void, usize, u32, *mut c_void, usize) -> isize;

/// `struct vgetrandom_opaque_params` of `<linux/random.h>`.
#[repr(C)]
#[derive(Default, Clone, Copy)]
struct OpaqueParams {
    size_of_opaque_state: u32,
    mmap_prot: u32,
    mmap_flags: u32,
    reserved: [u32; 13],
}

/// The entry point and what it needs; a function pointer and sizes, nothing
/// random.
#[derive(Clone, Copy)]
struct Vdso {
    f: VgetrandomFn,
    state_size: u32,
    mmap_prot: u32,
    mmap_flags: u32,
    map_len: usize,
}

// The lookup's result, published without a lock: every thread that finds
// `status` at 0 computes the same values and stores them, then sets `status`
// (Release); readers load `status` (Acquire) first.  No lock means no thread
// can be caught holding one by fork(), and no call ever waits.
const UNKNOWN: u8 = 0;
const MISSING: u8 = 1;
const PRESENT: u8 = 2;
/// The lookup's result, in one static: position-independent code reaches
/// each static of this crate through the GOT, so one static means one
/// indirection per call instead of one per field.
struct Info {
    status: AtomicU8,
    func: AtomicUsize,
    state_size: AtomicU32,
    mmap_prot: AtomicU32,
    mmap_flags: AtomicU32,
    map_len: AtomicUsize,
}
static INFO: Info = Info {
    status: AtomicU8::new(UNKNOWN),
    func: AtomicUsize::new(0),
    state_size: AtomicU32::new(0),
    mmap_prot: AtomicU32::new(0),
    mmap_flags: AtomicU32::new(0),
    map_len: AtomicUsize::new(0),
};

/// The vDSO entry point and its parameters, looked up once per process.
///
/// Inlined, with the lookup out of line: the fields then stay in registers
/// on the hot path instead of going through a returned struct in memory
/// (a store-forwarding stall of a few nanoseconds per call, measured).
#[inline(always)]
fn vdso() -> Option<Vdso> {
    if INFO.status.load(Ordering::Acquire) != PRESENT {
        return vdso_cold();
    }
    let f = INFO.func.load(Ordering::Relaxed);
    // SAFETY: `func` holds the address of the vDSO's getrandom, stored
    // before `status` became PRESENT.
    let f = unsafe { core::mem::transmute::<usize, VgetrandomFn>(f) };
    Some(Vdso {
        f,
        state_size: INFO.state_size.load(Ordering::Relaxed),
        mmap_prot: INFO.mmap_prot.load(Ordering::Relaxed),
        mmap_flags: INFO.mmap_flags.load(Ordering::Relaxed),
        map_len: INFO.map_len.load(Ordering::Relaxed),
    })
}

/// [`vdso`] before the lookup is published (or when the vDSO is missing).
#[cold]
#[inline(never)]
fn vdso_cold() -> Option<Vdso> {
    match INFO.status.load(Ordering::Acquire) {
        MISSING => None,
        PRESENT => vdso(),
        _ => {
            let found = lookup();
            if let Some(v) = found {
                INFO.func.store(v.f as usize, Ordering::Relaxed);
                INFO.state_size.store(v.state_size, Ordering::Relaxed);
                INFO.mmap_prot.store(v.mmap_prot, Ordering::Relaxed);
                INFO.mmap_flags.store(v.mmap_flags, Ordering::Relaxed);
                INFO.map_len.store(v.map_len, Ordering::Relaxed);
            }
            let status = if found.is_some() { PRESENT } else { MISSING };
            INFO.status.store(status, Ordering::Release);
            found
        }
    }
}

fn lookup() -> Option<Vdso> {
    // libc's getenv takes no lock (std::env does)
    // SAFETY: a NUL-terminated name; the result is only compared with NULL.
    if !unsafe { libc::getenv(c"LIBSECRETS_NO_VDSO".as_ptr()) }.is_null() {
        return None;
    }
    // SAFETY: the lookup reads the vDSO image the kernel mapped.
    let f = unsafe { find_symbol()? };
    let mut params = OpaqueParams::default();
    // SAFETY: the documented probe call: NULL buffer, opaque_len = ~0.
    let r = unsafe {
        f(
            core::ptr::null_mut(),
            0,
            0,
            (&mut params as *mut OpaqueParams).cast(),
            !0,
        )
    };
    if r != 0 || params.size_of_opaque_state == 0 {
        return None;
    }
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) }.max(4096) as usize;
    if params.size_of_opaque_state as usize > page - 64 {
        return None; // a state may not straddle pages; one page per thread, its flag at the end
    }
    Some(Vdso {
        f,
        state_size: params.size_of_opaque_state,
        mmap_prot: params.mmap_prot,
        mmap_flags: params.mmap_flags,
        map_len: page,
    })
}

/// Whether calls are served by the vDSO (for `secrets_entropy_source`).
pub fn available() -> bool {
    vdso().is_some() && (key().is_some() || KEY.load(Ordering::Acquire) == KEY_CREATING)
}

#[cfg(target_arch = "x86_64")]
const SYMBOL: &[u8] = b"__vdso_getrandom";
#[cfg(not(target_arch = "x86_64"))]
const SYMBOL: &[u8] = b"__kernel_getrandom";

/// `Elf64_Dyn` (the libc crate has the other ELF structs, not this one).
#[repr(C)]
#[derive(Clone, Copy)]
struct Elf64Dyn {
    d_tag: i64,
    d_val: u64,
}

const DT_NULL: i64 = 0;
const DT_HASH: i64 = 4;
const DT_STRTAB: i64 = 5;
const DT_SYMTAB: i64 = 6;
const DT_GNU_HASH: i64 = 0x6fff_fef5;
const STT_FUNC: u8 = 2;
const SHN_UNDEF: u16 = 0;

/// Reads a `T` at `addr`, which need not be aligned.
///
/// # Safety
/// `addr` must point into the mapped vDSO image with `size_of::<T>()`
/// readable bytes.
unsafe fn read<T: Copy>(addr: usize) -> T {
    (addr as *const T).read_unaligned()
}

/// Finds the getrandom entry point in the vDSO's dynamic symbol table, the
/// way the kernel's own `tools/testing/selftests/vDSO/parse_vdso.c` does:
/// the load offset from the first `PT_LOAD`, the tables from the
/// `PT_DYNAMIC` segment (which the loader itself uses; section headers are
/// optional in an ELF image), and the symbol count from `DT_HASH` or
/// `DT_GNU_HASH`.  64-bit images only: every target with a vDSO getrandom
/// (x86_64, aarch64, ppc64, s390x, loongarch64) is 64-bit.
///
/// # Safety
/// Reads the in-memory ELF image at `AT_SYSINFO_EHDR`, which the kernel maps
/// in full.  Wrapping arithmetic throughout: a malformed image gives a wrong
/// address (then no symbol), never an overflow panic.
unsafe fn find_symbol() -> Option<VgetrandomFn> {
    let base = libc::getauxval(libc::AT_SYSINFO_EHDR) as usize;
    if base == 0 {
        return None;
    }
    let eh: libc::Elf64_Ehdr = read(base);
    if eh.e_ident[..5] != *b"\x7fELF\x02" {
        return None; // not a 64-bit ELF
    }
    let (mut load_offset, mut dynamic) = (None, None);
    for i in 0..eh.e_phnum as usize {
        let ph: libc::Elf64_Phdr = read(
            base.wrapping_add(eh.e_phoff as usize)
                .wrapping_add(i.wrapping_mul(eh.e_phentsize as usize)),
        );
        match ph.p_type {
            libc::PT_LOAD if load_offset.is_none() => {
                load_offset = Some(
                    base.wrapping_add(ph.p_offset as usize)
                        .wrapping_sub(ph.p_vaddr as usize),
                )
            }
            libc::PT_DYNAMIC => dynamic = Some(base.wrapping_add(ph.p_offset as usize)),
            _ => {}
        }
    }
    let (load_offset, dynamic) = (load_offset?, dynamic?);
    let (mut strtab, mut symtab, mut hash, mut gnu_hash) = (0, 0, 0, 0);
    for i in 0.. {
        let d: Elf64Dyn = read(dynamic.wrapping_add(i * core::mem::size_of::<Elf64Dyn>()));
        let at = load_offset.wrapping_add(d.d_val as usize);
        match d.d_tag {
            DT_NULL => break,
            DT_STRTAB => strtab = at,
            DT_SYMTAB => symtab = at,
            DT_HASH => hash = at,
            DT_GNU_HASH => gnu_hash = at,
            _ => {}
        }
    }
    if strtab == 0 || symtab == 0 {
        return None;
    }
    let count = if hash != 0 {
        read::<u32>(hash.wrapping_add(4)) as usize // nchain
    } else if gnu_hash != 0 {
        gnu_hash_symbol_count(gnu_hash)
    } else {
        return None;
    };
    for i in 0..count {
        let sym: libc::Elf64_Sym =
            read(symtab.wrapping_add(i.wrapping_mul(core::mem::size_of::<libc::Elf64_Sym>())));
        if sym.st_info & 0xf != STT_FUNC || sym.st_shndx == SHN_UNDEF || sym.st_value == 0 {
            continue;
        }
        let name = core::ffi::CStr::from_ptr(strtab.wrapping_add(sym.st_name as usize) as *const _);
        if name.to_bytes() == SYMBOL {
            return Some(core::mem::transmute::<usize, VgetrandomFn>(
                load_offset.wrapping_add(sym.st_value as usize),
            ));
        }
    }
    None
}

/// The number of dynamic symbols, from a `DT_GNU_HASH` table: one past the
/// last symbol of the longest-indexed chain (whose last entry has bit 0 set).
///
/// # Safety
/// As [`find_symbol`]: `table` is the mapped GNU hash table.
unsafe fn gnu_hash_symbol_count(table: usize) -> usize {
    let nbuckets = read::<u32>(table) as usize;
    let symoffset = read::<u32>(table.wrapping_add(4)) as usize;
    let bloom_size = read::<u32>(table.wrapping_add(8)) as usize;
    let buckets = table
        .wrapping_add(16)
        .wrapping_add(bloom_size.wrapping_mul(8));
    let chains = buckets.wrapping_add(nbuckets.wrapping_mul(4));
    let mut last = 0usize;
    for b in 0..nbuckets {
        last = last.max(read::<u32>(buckets.wrapping_add(b * 4)) as usize);
    }
    if last < symoffset {
        return symoffset;
    }
    // follow the chain of the highest bucket start to its end marker
    while read::<u32>(chains.wrapping_add(last.wrapping_sub(symoffset).wrapping_mul(4))) & 1 == 0 {
        last += 1;
    }
    last + 1
}

// ---- Per-thread states, without Rust thread-locals ----
//
// A thread's state is a page taken from a small lock-free cache of free pages
// (or freshly mapped), published with `pthread_setspecific` under one
// `pthread` key and returned to the cache by that key's destructor when the
// thread exits.  Nothing on this path allocates, takes a lock, registers a
// destructor or resolves a symbol, so every call may come from a signal
// handler, even a thread's very first one:
//
// - Rust's `thread_local!` is avoided on purpose: a thread-local with a
//   destructor registers it through `__cxa_thread_atexit_impl` (which calls
//   `calloc`), and general-dynamic TLS in a `dlopen`ed library may `malloc`
//   in `__tls_get_addr` on a thread's first access.
// - The key is created once, by a load-time constructor (`.init_array`, run
//   for the shared and the static library alike).  Where it has not run, the
//   first call creates the key itself on glibc (a compare-and-swap decides
//   which thread does; glibc's `pthread_key_create` is lock-free and does
//   not allocate), and calls that find it being created take the system call.
// - glibc's `pthread_setspecific` allocates a second-level block for keys
//   numbered 32 and above; with such a key the vDSO is not used at all.
// - Registration runs with every signal blocked, so a handler cannot
//   register a second page for the same thread half-way through: a thread
//   has at most one page, and a page is released at most once.
// - A first call from another key's destructor registers the page while
//   glibc is running destructors; glibc then runs another round, in which
//   the page is returned (PTHREAD_DESTRUCTOR_ITERATIONS is 4: only a first
//   call made in the last round would be missed).
// - The nesting flag ("in use") lives in the page itself, past the state.

/// The last 4 bytes of each page: non-zero while a call uses the state.
const FLAG_BYTES: usize = 4;

const KEY_NONE: usize = 0; // not created yet
const KEY_CREATING: usize = 1; // being created by some thread
const KEY_UNUSABLE: usize = 2; // creation failed, or a key that would allocate
const KEY_BASE: usize = 3; // KEY_BASE + key: ready
static KEY: AtomicUsize = AtomicUsize::new(KEY_NONE);

/// Free pages kept for new threads; a page that finds no free slot is unmapped.
const CACHE_SLOTS: usize = 64;
#[allow(clippy::declare_interior_mutable_const)]
const EMPTY_SLOT: AtomicPtr<c_void> = AtomicPtr::new(core::ptr::null_mut());
static CACHE: [AtomicPtr<c_void>; CACHE_SLOTS] = [EMPTY_SLOT; CACHE_SLOTS];

/// Pages mapped and not yet unmapped (cached ones included), for tests.
static MAPPED: AtomicUsize = AtomicUsize::new(0);

/// The load-time constructor: creates the key before any thread can call.
extern "C" fn init() {
    // C callback, not exported; cannot panic
    let _ = key_or_create(true);
}

/// The load-time destructor (`dlclose` or exit): a key whose destructor
/// points into an unloaded library must not outlive it.  Pages still held
/// by live threads are left mapped.
extern "C" fn fini() {
    // C callback, not exported; cannot panic
    let k = KEY.swap(KEY_UNUSABLE, Ordering::AcqRel);
    if k >= KEY_BASE {
        // SAFETY: a key this module created and has not deleted.
        unsafe { libc::pthread_key_delete((k - KEY_BASE) as libc::pthread_key_t) };
    }
}

#[used]
#[link_section = ".init_array"]
static INIT: extern "C" fn() = init;

#[used]
#[link_section = ".fini_array"]
static FINI: extern "C" fn() = fini;

/// The key.  Where the constructor has not run (an rlib whose object the
/// linker did not keep it for), glibc's lock-free `pthread_key_create` makes
/// it on first need; elsewhere `pthread_key_create` may take a lock, so the
/// vDSO is then left unused.
#[inline(always)]
fn key() -> Option<libc::pthread_key_t> {
    match KEY.load(Ordering::Acquire) {
        k if k >= KEY_BASE => Some((k - KEY_BASE) as libc::pthread_key_t),
        _ => key_or_create(cfg!(target_env = "gnu")),
    }
}

#[cold]
fn key_or_create(create: bool) -> Option<libc::pthread_key_t> {
    match KEY.load(Ordering::Acquire) {
        k if k >= KEY_BASE => return Some((k - KEY_BASE) as libc::pthread_key_t),
        KEY_NONE if create => {}
        _ => return None,
    }
    if KEY
        .compare_exchange(KEY_NONE, KEY_CREATING, Ordering::AcqRel, Ordering::Acquire)
        .is_err()
    {
        return None; // another thread is creating it: this call uses the system call
    }
    let mut k: libc::pthread_key_t = 0;
    // SAFETY: `release` is a valid destructor for the pages this key holds.
    let created = unsafe { libc::pthread_key_create(&mut k, Some(release)) } == 0;
    let usable = created && key_never_allocates(k);
    if created && !usable {
        // SAFETY: the key was just created and holds no values.
        unsafe { libc::pthread_key_delete(k) };
    }
    let status = if usable {
        KEY_BASE + k as usize
    } else {
        KEY_UNUSABLE
    };
    KEY.store(status, Ordering::Release);
    usable.then_some(k)
}

/// Whether `pthread_setspecific` on `k` never allocates: glibc keeps keys
/// 0..31 in the thread descriptor and `calloc`s a block for the others.
fn key_never_allocates(k: libc::pthread_key_t) -> bool {
    if cfg!(target_env = "gnu") {
        (k as usize) < 32
    } else {
        true // musl and bionic: a fixed array in the thread descriptor
    }
}

/// The key's destructor: the exiting thread's page goes back to the cache.
unsafe extern "C" fn release(page: *mut c_void) {
    // C callback, not exported; cannot panic
    if let (false, Some(v)) = (page.is_null(), vdso()) {
        give_back(page, &v);
    }
}

#[inline(always)]
fn flag<'a>(page: *mut c_void, v: &Vdso) -> &'a AtomicU32 {
    // SAFETY: the last FLAG_BYTES of a live page, 4-byte aligned (pages are
    // page-aligned and map_len a multiple of 4), never used by the state.
    unsafe {
        &*(page
            .cast::<u8>()
            .add(v.map_len - FLAG_BYTES)
            .cast::<AtomicU32>())
    }
}

/// A page for a new thread: a cached one, or a fresh mapping.
fn take_page(v: &Vdso) -> *mut c_void {
    for slot in &CACHE {
        if slot.load(Ordering::Relaxed).is_null() {
            continue;
        }
        let p = slot.swap(core::ptr::null_mut(), Ordering::Acquire);
        if !p.is_null() {
            return p;
        }
    }
    // SAFETY: an anonymous mapping with the kernel's own prot/flags.
    let p = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            v.map_len,
            v.mmap_prot as i32,
            v.mmap_flags as i32,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return core::ptr::null_mut();
    }
    MAPPED.fetch_add(1, Ordering::Relaxed);
    p
}

/// Returns a page no thread uses any more to the cache (or unmaps it).
fn give_back(page: *mut c_void, v: &Vdso) {
    flag(page, v).store(0, Ordering::Relaxed);
    for slot in &CACHE {
        if slot
            .compare_exchange(
                core::ptr::null_mut(),
                page,
                Ordering::Release,
                Ordering::Relaxed,
            )
            .is_ok()
        {
            return;
        }
    }
    // SAFETY: the page was mapped with `map_len` bytes and nobody holds it.
    unsafe { libc::munmap(page, v.map_len) };
    MAPPED.fetch_sub(1, Ordering::Relaxed);
}

/// This thread's page, registered on first use.  Null when none can be had.
#[inline(always)]
fn thread_page() -> *mut c_void {
    let Some(k) = key() else {
        return core::ptr::null_mut();
    };
    // SAFETY: a live key.
    let page = unsafe { libc::pthread_getspecific(k) };
    if !page.is_null() {
        return page;
    }
    register_page(k)
}

/// A thread's first call: takes a page and registers it under the key, with
/// every signal blocked so that a handler's call cannot register another.
#[cold]
#[inline(never)]
fn register_page(k: libc::pthread_key_t) -> *mut c_void {
    let Some(v) = vdso() else {
        return core::ptr::null_mut();
    };
    let v = &v;
    // SAFETY: sigset operations on a local set; pthread_sigmask, getspecific
    // and setspecific are async-signal-safe (setspecific on a key below 32
    // writes into the thread descriptor).
    unsafe {
        let mut all: libc::sigset_t = core::mem::zeroed();
        let mut old: libc::sigset_t = core::mem::zeroed();
        libc::sigfillset(&mut all);
        if libc::pthread_sigmask(libc::SIG_BLOCK, &all, &mut old) != 0 {
            return core::ptr::null_mut();
        }
        // A handler may have registered a page before the signals were blocked.
        let mut page = libc::pthread_getspecific(k);
        if page.is_null() {
            page = take_page(v);
            if !page.is_null() && libc::pthread_setspecific(k, page) != 0 {
                give_back(page, v);
                page = core::ptr::null_mut();
            }
        }
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, core::ptr::null_mut());
        page
    }
}

/// Pages currently mapped for vDSO states (in use or cached); for tests.
#[cfg(test)]
pub(crate) fn mapped_pages() -> usize {
    MAPPED.load(Ordering::Relaxed)
}

/// Fills `dest` through the vDSO.  `None` means "use the system call"
/// (unavailable, nested use, or no state could be had); `Some(Err)` is a
/// failure of the kernel's source.  Async-signal-safe.
#[inline]
pub fn fill(dest: &mut [u8]) -> Option<Result<(), i32>> {
    let v = vdso()?;
    let page = thread_page();
    if page.is_null() {
        return None;
    }
    let in_use = flag(page, &v);
    if in_use.load(Ordering::Relaxed) != 0 {
        return None; // a signal handler interrupted a call on this thread
    }
    in_use.store(1, Ordering::Relaxed);
    compiler_fence(Ordering::SeqCst);
    let r = fill_with(&v, page, dest);
    compiler_fence(Ordering::SeqCst);
    in_use.store(0, Ordering::Relaxed);
    Some(r)
}

fn fill_with(v: &Vdso, state: *mut c_void, mut dest: &mut [u8]) -> Result<(), i32> {
    while !dest.is_empty() {
        // SAFETY: `dest` is valid for its length; `state` is this thread's
        // state of the size the kernel asked for, used by one call at a time.
        let r = unsafe {
            (v.f)(
                dest.as_mut_ptr().cast(),
                dest.len(),
                0,
                state,
                v.state_size as usize,
            )
        };
        if r < 0 {
            let errno = (-r) as i32;
            if errno == libc::EINTR {
                continue;
            }
            return Err(errno);
        }
        let n = (r as usize).min(dest.len());
        dest = &mut dest[n..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_when_available_and_differs_between_calls() {
        let mut a = [0u8; 64];
        let mut b = [0u8; 64];
        match (fill(&mut a), fill(&mut b)) {
            (Some(ra), Some(rb)) => {
                assert!(available());
                assert_eq!((ra, rb), (Ok(()), Ok(())));
                assert_ne!(a, b);
                assert!(a.iter().any(|&x| x != 0));
            }
            (None, None) => assert!(!available()),
            _ => panic!("inconsistent vDSO availability"),
        }
    }

    #[test]
    fn large_requests_are_complete_and_threads_get_their_own_state() {
        let handles: Vec<_> = (0..4)
            .map(|_| {
                std::thread::spawn(|| {
                    let mut big = vec![0u8; 1 << 20];
                    if let Some(r) = fill(&mut big) {
                        r.unwrap();
                        let zeros = big.iter().filter(|&&x| x == 0).count();
                        assert!((3000..5300).contains(&zeros), "{zeros} zero bytes in 1 MiB");
                    }
                    let mut t = [0u8; 32];
                    // None: no vDSO here (or LIBSECRETS_NO_VDSO): nothing to compare
                    fill(&mut t).map(|r| r.map(|()| t))
                })
            })
            .collect();
        let outs: Vec<[u8; 32]> = handles
            .into_iter()
            .filter_map(|h| h.join().unwrap())
            .map(|r| r.unwrap())
            .collect();
        for i in 0..outs.len() {
            for j in i + 1..outs.len() {
                assert_ne!(outs[i], outs[j]);
            }
        }
    }

    #[test]
    fn nested_use_falls_back() {
        if !available() {
            return;
        }
        assert!(fill(&mut [0u8; 8]).is_some());
        let v = vdso().unwrap();
        let page = thread_page();
        flag(page, &v).store(1, Ordering::Relaxed);
        assert!(
            fill(&mut [0u8; 8]).is_none(),
            "a nested call must use the system call"
        );
        flag(page, &v).store(0, Ordering::Relaxed);
        assert!(fill(&mut [0u8; 8]).is_some());
    }

    /// Other tests run threads in parallel: allow for them, not for the
    /// hundreds of pages a leak would leave.
    fn assert_pages_bounded() {
        let n = mapped_pages();
        assert!(n < CACHE_SLOTS + 64, "{n} pages");
    }

    #[test]
    fn pages_are_reused_not_leaked() {
        if !available() {
            return;
        }
        for _ in 0..200 {
            std::thread::spawn(|| fill(&mut [0u8; 8]).unwrap().unwrap())
                .join()
                .unwrap();
        }
        assert_pages_bounded();
    }

    #[test]
    fn a_first_call_from_a_key_destructor_is_reclaimed() {
        if !available() {
            return;
        }
        unsafe extern "C" fn late(_: *mut c_void) {
            // C callback, not exported; cannot panic
            let _ = fill(&mut [0u8; 8]);
        }
        let mut other: libc::pthread_key_t = 0;
        assert_eq!(
            unsafe { libc::pthread_key_create(&mut other, Some(late)) },
            0
        );
        for _ in 0..300 {
            std::thread::spawn(move || unsafe {
                libc::pthread_setspecific(other, std::ptr::dangling::<c_void>());
            })
            .join()
            .unwrap();
        }
        assert_pages_bounded();
    }
}
