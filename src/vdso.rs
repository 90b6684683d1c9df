//! The kernel's vDSO `getrandom()` (Linux 6.11+): the same CSPRNG as the
//! `getrandom(2)` system call, run in user space over a per-thread state
//! that the kernel owns.
//!
//! The state is the only thing the library keeps between calls, and API.md
//! allows exactly this: it is mapped with the flags the kernel asks for
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
//! library while the thread is inside it), or thread-local storage that is
//! being torn down.

use core::cell::Cell;
use core::ffi::c_void;
use core::sync::atomic::{compiler_fence, AtomicU32, AtomicU8, AtomicUsize, Ordering};

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
// STATUS at 0 computes the same values and stores them, then sets STATUS
// (Release); readers load STATUS (Acquire) first.  No lock means no thread
// can be caught holding one by fork(), and no call ever waits.
const UNKNOWN: u8 = 0;
const MISSING: u8 = 1;
const PRESENT: u8 = 2;
static STATUS: AtomicU8 = AtomicU8::new(UNKNOWN);
static FUNC: AtomicUsize = AtomicUsize::new(0);
static STATE_SIZE: AtomicU32 = AtomicU32::new(0);
static MMAP_PROT: AtomicU32 = AtomicU32::new(0);
static MMAP_FLAGS: AtomicU32 = AtomicU32::new(0);
static MAP_LEN: AtomicUsize = AtomicUsize::new(0);

/// The vDSO entry point and its parameters, looked up once per process.
fn vdso() -> Option<Vdso> {
    match STATUS.load(Ordering::Acquire) {
        MISSING => None,
        PRESENT => {
            let f = FUNC.load(Ordering::Relaxed);
            // SAFETY: FUNC holds the address of the vDSO's getrandom, stored
            // before STATUS became PRESENT.
            let f = unsafe { core::mem::transmute::<usize, VgetrandomFn>(f) };
            Some(Vdso {
                f,
                state_size: STATE_SIZE.load(Ordering::Relaxed),
                mmap_prot: MMAP_PROT.load(Ordering::Relaxed),
                mmap_flags: MMAP_FLAGS.load(Ordering::Relaxed),
                map_len: MAP_LEN.load(Ordering::Relaxed),
            })
        }
        _ => {
            let found = lookup();
            if let Some(v) = found {
                FUNC.store(v.f as usize, Ordering::Relaxed);
                STATE_SIZE.store(v.state_size, Ordering::Relaxed);
                MMAP_PROT.store(v.mmap_prot, Ordering::Relaxed);
                MMAP_FLAGS.store(v.mmap_flags, Ordering::Relaxed);
                MAP_LEN.store(v.map_len, Ordering::Relaxed);
            }
            let status = if found.is_some() { PRESENT } else { MISSING };
            STATUS.store(status, Ordering::Release);
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
    if params.size_of_opaque_state as usize > page {
        return None; // a state may not straddle pages; one page per thread
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
    vdso().is_some()
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

/// One thread's vDSO state: a page mapped on first use, unmapped at thread exit.
struct ThreadState {
    state: Cell<*mut c_void>,
    in_use: Cell<bool>,
    failed: Cell<bool>,
}

impl Drop for ThreadState {
    fn drop(&mut self) {
        let p = self.state.get();
        if let (false, Some(v)) = (p.is_null(), vdso()) {
            // SAFETY: `p` is this thread's own mapping of `map_len` bytes.
            unsafe { libc::munmap(p, v.map_len) };
        }
    }
}

thread_local! {
    static STATE: ThreadState = const {
        ThreadState { state: Cell::new(core::ptr::null_mut()), in_use: Cell::new(false), failed: Cell::new(false) }
    };
}

/// Fills `dest` through the vDSO.  `None` means "use the system call"
/// (unavailable, nested use, or the state could not be mapped); `Some(Err)`
/// is a failure of the kernel's source.
pub fn fill(dest: &mut [u8]) -> Option<Result<(), i32>> {
    let v = vdso()?;
    STATE
        .try_with(|t| {
            if t.in_use.get() || t.failed.get() {
                return None;
            }
            if t.state.get().is_null() {
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
                    t.failed.set(true);
                    return None;
                }
                t.state.set(p);
            }
            t.in_use.set(true);
            compiler_fence(Ordering::SeqCst);
            let r = fill_with(&v, t.state.get(), dest);
            compiler_fence(Ordering::SeqCst);
            t.in_use.set(false);
            Some(r)
        })
        .ok()
        .flatten()
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
            (None, None) => assert!(!available() || STATE.with(|t| t.failed.get())),
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
        STATE.with(|t| t.in_use.set(true));
        assert!(
            fill(&mut [0u8; 8]).is_none(),
            "a nested call must use the system call"
        );
        STATE.with(|t| t.in_use.set(false));
        assert!(fill(&mut [0u8; 8]).is_some());
    }
}
