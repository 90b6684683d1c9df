//! Valgrind client requests issued directly (the documented x86-64 sequence
//! from `<valgrind/valgrind.h>`): no C compiler or extra crate needed.  Under
//! valgrind the magic preamble makes the request; on a real CPU the four
//! rotations of `rdi` by 128 bits in total are a no-op and the default value
//! (0) is returned.

#[cfg(target_arch = "x86_64")]
fn request(code: u64, a1: u64, a2: u64) -> u64 {
    let args: [u64; 6] = [code, a1, a2, 0, 0, 0];
    let mut result: u64 = 0; // the default when not running under valgrind
                             // SAFETY: the sequence only reads `args` (valgrind may also read and
                             // change the definedness of the memory the request names); it clobbers
                             // nothing but flags and rdx (the result).
    unsafe {
        core::arch::asm!(
            "rol rdi, 3",
            "rol rdi, 13",
            "rol rdi, 61",
            "rol rdi, 51",
            "xchg rbx, rbx",
            inout("rdx") result,
            in("rax") args.as_ptr(),
            inout("rdi") 0u64 => _,
        );
    }
    result
}

#[cfg(not(target_arch = "x86_64"))]
fn request(_code: u64, _a1: u64, _a2: u64) -> u64 {
    0
}

const RUNNING_ON_VALGRIND: u64 = 0x1001;
const COUNT_ERRORS: u64 = 0x1201;
const MAKE_MEM_UNDEFINED: u64 = 0x4d43_0001; // VG_USERREQ_TOOL_BASE('M','C') + 1
const MAKE_MEM_DEFINED: u64 = 0x4d43_0002;

pub fn running() -> bool {
    request(RUNNING_ON_VALGRIND, 0, 0) != 0
}

pub fn errors() -> u64 {
    request(COUNT_ERRORS, 0, 0)
}

pub fn make_undefined(buf: &[u8]) {
    request(MAKE_MEM_UNDEFINED, buf.as_ptr() as u64, buf.len() as u64);
}

pub fn make_defined(buf: &[u8]) {
    request(MAKE_MEM_DEFINED, buf.as_ptr() as u64, buf.len() as u64);
}
