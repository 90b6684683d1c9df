//! Status codes and the library's single error type.
//!
//! Every status value is fixed by docs/reference.md section 2 and is never reused for a
//! different meaning.  The `pub const`s are what cbindgen turns into the
//! `SECRETS_*` macros of `secrets.h`; [`Error`] takes its discriminants from
//! them, so the values are written down exactly once.

use core::ffi::CStr;

/// Success.
pub const SECRETS_OK: i32 = 0;
/// A required pointer was NULL (or NULL with a non-zero length).
pub const SECRETS_ERR_NULL_POINTER: i32 = -1;
/// The output buffer cannot hold the result; nothing random was drawn.
pub const SECRETS_ERR_BUFFER_TOO_SMALL: i32 = -2;
/// An argument is out of its domain (Python's `ValueError`).
pub const SECRETS_ERR_INVALID_ARGUMENT: i32 = -3;
/// Choosing from an empty sequence (Python's `IndexError`).
pub const SECRETS_ERR_EMPTY: i32 = -4;
/// An alphabet, word or separator is not valid UTF-8.
pub const SECRETS_ERR_INVALID_UTF8: i32 = -5;
/// Size arithmetic overflows, or a documented limit is exceeded.
pub const SECRETS_ERR_TOO_LARGE: i32 = -6;
/// The operating system's randomness source failed.
pub const SECRETS_ERR_ENTROPY_UNAVAILABLE: i32 = -7;
/// A password policy that no string can meet.
pub const SECRETS_ERR_UNSATISFIABLE: i32 = -8;
/// A bug inside the library (a caught panic); never expected.
pub const SECRETS_ERR_INTERNAL: i32 = -99;

/// Everything that can go wrong, one variant per non-zero status code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum Error {
    NullPointer = SECRETS_ERR_NULL_POINTER,
    BufferTooSmall = SECRETS_ERR_BUFFER_TOO_SMALL,
    InvalidArgument = SECRETS_ERR_INVALID_ARGUMENT,
    Empty = SECRETS_ERR_EMPTY,
    InvalidUtf8 = SECRETS_ERR_INVALID_UTF8,
    TooLarge = SECRETS_ERR_TOO_LARGE,
    EntropyUnavailable = SECRETS_ERR_ENTROPY_UNAVAILABLE,
    Unsatisfiable = SECRETS_ERR_UNSATISFIABLE,
    Internal = SECRETS_ERR_INTERNAL,
}

/// The library's result type.
pub type Result<T> = core::result::Result<T, Error>;

impl Error {
    /// Every variant, for tests and for `strerror` tables.
    pub const ALL: [Error; 9] = [
        Error::NullPointer,
        Error::BufferTooSmall,
        Error::InvalidArgument,
        Error::Empty,
        Error::InvalidUtf8,
        Error::TooLarge,
        Error::EntropyUnavailable,
        Error::Unsatisfiable,
        Error::Internal,
    ];

    /// The status code returned over the C ABI.
    pub const fn code(self) -> i32 {
        self as i32
    }

    /// The error with this status code, if any.
    pub fn from_code(code: i32) -> Option<Error> {
        Error::ALL.into_iter().find(|e| e.code() == code)
    }

    /// A static, NUL-terminated English description.
    pub const fn message_cstr(self) -> &'static CStr {
        match self {
            Error::NullPointer => c"a required pointer was NULL",
            Error::BufferTooSmall => c"the output buffer is too small for the result",
            Error::InvalidArgument => c"an argument is out of its domain",
            Error::Empty => c"cannot choose from an empty sequence",
            Error::InvalidUtf8 => c"a string argument is not valid UTF-8",
            Error::TooLarge => c"the request is too large (size overflow or documented limit)",
            Error::EntropyUnavailable => c"the operating system's randomness source failed",
            Error::Unsatisfiable => c"no string can satisfy the password policy",
            Error::Internal => c"internal error in libsecrets (a bug; please report it)",
        }
    }

    /// The description as a `&str`.
    pub fn message(self) -> &'static str {
        self.message_cstr().to_str().unwrap_or("libsecrets error")
    }
}

impl core::fmt::Display for Error {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for Error {}

/// The NUL-terminated description of any status value, including unknown ones.
pub fn strerror_cstr(status: i32) -> &'static CStr {
    match Error::from_code(status) {
        Some(e) => e.message_cstr(),
        None if status == SECRETS_OK => c"success",
        None => c"unknown libsecrets status code",
    }
}

/// Panics caught at the C boundary stay silent.
///
/// Rust's default panic hook prints a message on stderr before the panic
/// unwinds to `catch_unwind`, and that stderr is the host's.  The library
/// installs, once, a hook that says nothing while the panicking thread is
/// inside an export (marked by [`quiet`]) and hands every other panic to the
/// hook that was there before, so a Rust host's own panics are reported as
/// before.  The hook is installed when the library is loaded (an
/// `.init_array` constructor, also linked from the static library), never
/// from inside a call, so no export takes the hook lock or allocates for it.
///
/// The mark must be async-signal-safe (some exports are), so it is neither a
/// Rust thread-local (whose first access in a `dlopen`ed library can call
/// `malloc` in glibc's `__tls_get_addr`) nor a lock: it is a counter in one
/// of 64 cache-line-sized slots chosen by the 1 MiB region of the thread's
/// stack that holds the export's frame.  The hook runs deeper on the same
/// stack, so it checks its own region and the one above.  Two threads whose
/// stacks share a slot can only make the hook silent for a host panic that
/// happens while the other is inside an export: a lost message, never a
/// missed one of ours.
///
/// The marks cost two atomic read-modify-writes per call, and they are
/// needed only where the library shares its Rust runtime with a host (an
/// `rlib` in a Rust program, or the static library).  The shared library
/// carries its own copy of the runtime, hidden behind its version script, so
/// its panic hook sees no panic but its own: the constructor finds out
/// whether the library's code lives in a shared object apart from the main
/// program (Linux: `dladdr` of its own code and of the program's entry
/// point), and if so the hook is silent for every panic and no call marks
/// anything.
pub(crate) mod quiet_panics {
    use core::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::sync::Once;

    /// Set once by the constructor when the library is a shared object of
    /// its own, whose runtime (and so panic hook) is private: see above.
    static PRIVATE_RUNTIME: AtomicBool = AtomicBool::new(false);

    #[repr(align(64))]
    struct Slot(AtomicU32);

    const SLOTS: usize = 64;
    #[allow(clippy::declare_interior_mutable_const)] // only to initialise INSIDE
    const EMPTY: Slot = Slot(AtomicU32::new(0));
    static INSIDE: [Slot; SLOTS] = [EMPTY; SLOTS];

    /// The 1 MiB stack region of the caller's frame.
    #[inline(always)]
    fn region() -> usize {
        let marker = 0u8;
        core::hint::black_box(&marker) as *const u8 as usize >> 20
    }

    fn slot(region: usize) -> &'static AtomicU32 {
        let h = (region as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 58;
        &INSIDE[h as usize % SLOTS].0
    }

    static INSTALL: Once = Once::new();

    /// Installs the hook (idempotent).
    pub fn install() {
        INSTALL.call_once(|| {
            let prev = std::panic::take_hook();
            std::panic::set_hook(Box::new(move |info| {
                if !PRIVATE_RUNTIME.load(Ordering::Relaxed) && !inside() {
                    prev(info);
                }
            }));
        });
    }

    /// Whether the current thread is (probably, see above) inside an export.
    pub fn inside() -> bool {
        let r = region();
        slot(r).load(Ordering::Relaxed) > 0 || slot(r.wrapping_add(1)).load(Ordering::Relaxed) > 0
    }

    /// Runs `f` marked as inside the library: a panic in it prints nothing.
    #[inline]
    pub fn quiet<R>(f: impl FnOnce() -> R) -> R {
        if PRIVATE_RUNTIME.load(Ordering::Relaxed) {
            return f(); // every panic the hook sees is ours: nothing to mark
        }
        struct Leave(&'static AtomicU32);
        impl Drop for Leave {
            fn drop(&mut self) {
                self.0.fetch_sub(1, Ordering::Relaxed);
            }
        }
        let s = slot(region());
        s.fetch_add(1, Ordering::Relaxed);
        let _leave = Leave(s); // also on unwind
        f()
    }

    #[cfg(not(test))]
    extern "C" fn on_load() {
        // C callback, not exported; cannot panic (it catches its own panics)
        let _ = std::panic::catch_unwind(|| {
            install();
            if in_own_shared_object() {
                PRIVATE_RUNTIME.store(true, Ordering::Relaxed);
            }
        });
    }

    /// Whether this code lives in a shared object other than the main
    /// program (see [`in_shared_object_apart_from_main`]).
    pub(crate) fn in_own_shared_object() -> bool {
        in_shared_object_apart_from_main(in_own_shared_object as *const ())
    }

    /// Whether `addr` lies in a shared object other than the main program:
    /// the object `dladdr` finds for it is not the one holding the program's
    /// entry point (`AT_ENTRY`).  Any doubt (no answer from `dladdr`, no
    /// entry point) is "no": the marks then stay, which is always correct.
    #[cfg(target_os = "linux")]
    pub(crate) fn in_shared_object_apart_from_main(addr: *const ()) -> bool {
        // SAFETY: dladdr only reads the loader's tables.
        unsafe {
            let entry = libc::getauxval(libc::AT_ENTRY) as usize;
            if entry == 0 {
                return false;
            }
            let mut here: libc::Dl_info = core::mem::zeroed();
            let mut main: libc::Dl_info = core::mem::zeroed();
            libc::dladdr(addr.cast(), &mut here) != 0
                && libc::dladdr(entry as *const libc::c_void, &mut main) != 0
                && !here.dli_fbase.is_null()
                && here.dli_fbase != main.dli_fbase
        }
    }

    /// Elsewhere the marks always stay.
    #[cfg(not(target_os = "linux"))]
    pub(crate) fn in_shared_object_apart_from_main(_addr: *const ()) -> bool {
        false
    }

    /// Run by the dynamic loader (or the C runtime of a static program)
    /// before `main`.
    #[cfg(all(
        not(test),
        any(target_os = "linux", target_os = "android", target_os = "freebsd")
    ))]
    #[used]
    #[link_section = ".init_array"]
    static ON_LOAD: extern "C" fn() = on_load;

    /// The same on macOS (Mach-O's initialiser list) and Windows (the C
    /// runtime's initialiser table, run when the DLL or program loads):
    /// without them the hook was never installed there.
    #[cfg(all(not(test), any(target_os = "macos", target_os = "ios")))]
    #[used]
    #[link_section = "__DATA,__mod_init_func"]
    static ON_LOAD_MACHO: extern "C" fn() = on_load;

    #[cfg(all(not(test), windows))]
    #[used]
    #[link_section = ".CRT$XCU"]
    static ON_LOAD_CRT: extern "C" fn() = on_load;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_api_md() {
        let want = [-1, -2, -3, -4, -5, -6, -7, -8, -99];
        for (e, w) in Error::ALL.iter().zip(want) {
            assert_eq!(e.code(), w);
        }
    }

    #[test]
    fn strerror_agrees_with_message_and_is_distinct() {
        let mut seen = std::collections::HashSet::new();
        assert!(seen.insert(strerror_cstr(SECRETS_OK).to_str().unwrap()));
        for e in Error::ALL {
            let s = strerror_cstr(e.code()).to_str().unwrap();
            assert_eq!(s, e.message());
            assert!(seen.insert(s), "duplicate message for {e:?}");
        }
        for unknown in [1, 2, -9, -98, -100, i32::MIN, i32::MAX] {
            assert_eq!(strerror_cstr(unknown), c"unknown libsecrets status code");
        }
    }

    #[test]
    fn panics_inside_are_silent_and_others_reach_the_previous_hook() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static SEEN: AtomicUsize = AtomicUsize::new(0);
        // (the whole test binary shares the hook: only count, never print)
        std::panic::set_hook(Box::new(|_| {
            SEEN.fetch_add(1, Ordering::SeqCst);
        }));
        quiet_panics::install();
        let before = SEEN.load(Ordering::SeqCst);
        let r = std::panic::catch_unwind(|| quiet_panics::quiet(|| panic!("inside")));
        assert!(r.is_err());
        assert!(quiet_panics::quiet(quiet_panics::inside), "marked inside");
        // other tests of the binary may panic meanwhile: at least one more
        let r = std::panic::catch_unwind(|| panic!("outside"));
        assert!(r.is_err());
        assert!(SEEN.load(Ordering::SeqCst) > before);
    }

    #[test]
    fn the_shared_object_test_tells_the_program_from_a_library() {
        use quiet_panics::in_shared_object_apart_from_main as apart;
        // the test harness links the crate into the program: its runtime is
        // shared with the host, so the marks must stay on
        assert!(!quiet_panics::in_own_shared_object());
        assert!(!apart(main_like as *const ()));
        // code of the C library is in a shared object of its own
        if cfg!(target_os = "linux") {
            assert!(apart(libc::getpid as *const ()));
        }
    }

    fn main_like() {}
}
