//! The C ABI: thin wrappers that convert pointers, check arguments, call the
//! safe Rust below and map errors to status codes.
//!
//! Every export goes through [`boundary`] (directly or through one of the
//! output helpers), so a panic never unwinds into C: it becomes
//! `SECRETS_ERR_INTERNAL`.  The output helpers also implement docs/reference.md's
//! failure rule in one place: on any failure byte outputs are wiped and text
//! outputs hold `""`.
//!
//! Safety of the exports: each documents (in `secrets.h`) which buffers it
//! reads and writes and how large they must be; a caller that passes
//! pointers valid for those sizes gets defined behaviour.  That is the whole
//! safety contract, so the exports carry no separate `# Safety` sections.
#![allow(clippy::missing_safety_doc)]

use crate::error::{Error, Result, SECRETS_ERR_INTERNAL, SECRETS_OK};
use core::ffi::c_char;
use core::panic::AssertUnwindSafe;
use zeroize::Zeroize;

pub mod decode;
pub mod generators;
pub mod info;
pub mod python_secrets;
pub mod systemrandom;

/// Runs `f`, turning an error into its status and a panic into
/// `SECRETS_ERR_INTERNAL`.  `f` returns the success value to hand to C
/// (`SECRETS_OK`, or compare_digest's 1/0).
#[inline]
pub(crate) fn boundary<F: FnOnce() -> Result<i32>>(f: F) -> i32 {
    // quiet: a panic caught here prints nothing on the host's stderr
    match std::panic::catch_unwind(AssertUnwindSafe(|| crate::error::quiet_panics::quiet(f))) {
        Ok(Ok(v)) => v,
        Ok(Err(e)) => e.code(),
        Err(_) => SECRETS_ERR_INTERNAL,
    }
}

/// `(ptr, len)` as a slice; `(NULL, 0)` is the empty slice, `(NULL, n > 0)` an error.
///
/// # Safety
/// A non-NULL `ptr` must be valid for reads of `len` bytes for `'a`.
#[inline]
pub(crate) unsafe fn slice<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T]> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&[])
        } else {
            Err(Error::NullPointer)
        };
    }
    Ok(core::slice::from_raw_parts(ptr, len))
}

/// Mutable twin of [`slice`].
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` elements for `'a`.
#[inline]
pub(crate) unsafe fn slice_mut<'a, T>(ptr: *mut T, len: usize) -> Result<&'a mut [T]> {
    if ptr.is_null() {
        return if len == 0 {
            Ok(&mut [])
        } else {
            Err(Error::NullPointer)
        };
    }
    Ok(core::slice::from_raw_parts_mut(ptr, len))
}

/// A required out-parameter.
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of a `T`.
#[inline]
pub(crate) unsafe fn out_ref<'a, T>(ptr: *mut T) -> Result<&'a mut T> {
    ptr.as_mut().ok_or(Error::NullPointer)
}

/// Computes a scalar and writes it to `out` only on success.
///
/// # Safety
/// As [`out_ref`].
#[inline]
pub(crate) unsafe fn scalar_out<T>(out: *mut T, f: impl FnOnce() -> Result<T>) -> i32 {
    boundary(|| {
        let out = out_ref(out)?;
        *out = f()?;
        Ok(SECRETS_OK)
    })
}

/// Wipes `len` bytes at `ptr` (if non-NULL) so the compiler cannot elide it.
///
/// # Safety
/// A non-NULL `ptr` must be valid for writes of `len` bytes.
pub(crate) unsafe fn wipe(ptr: *mut u8, len: usize) {
    if !ptr.is_null() && len > 0 {
        core::slice::from_raw_parts_mut(ptr, len).zeroize();
    }
}

/// A byte output of `len` bytes: `f` fills it; on any failure all `len` bytes
/// are wiped (when `out` is not NULL).
///
/// # Safety
/// A non-NULL `out` must be valid for writes of `len` bytes.
pub(crate) unsafe fn bytes_out(
    out: *mut u8,
    len: usize,
    f: impl FnOnce(&mut [u8]) -> Result<()>,
) -> i32 {
    let status = boundary(|| {
        let buf = slice_mut(out, len)?;
        f(buf)?;
        Ok(SECRETS_OK)
    });
    if status != SECRETS_OK {
        wipe(out, len);
    }
    status
}

/// The buffer size, NUL included, of a text of `len` bytes: the one place
/// that decides it for [`TextOut::take`] and the `*_size` helpers.  `None`
/// (an overflowed length computation) or an overflowing `len + 1` is
/// `SECRETS_ERR_TOO_LARGE`.
pub(crate) fn text_size(len: Option<usize>) -> Result<usize> {
    len.and_then(|l| l.checked_add(1)).ok_or(Error::TooLarge)
}

/// A text output of `size` bytes (counting the NUL), handed to the body of a
/// text-producing export.
pub(crate) struct TextOut {
    ptr: *mut u8,
    size: usize,
    /// Bytes the body may have written (wiped on failure).
    touched: usize,
    /// Length of the text, once taken.
    len: Option<usize>,
}

impl TextOut {
    /// Claims `len` bytes of text plus the NUL.  `None` (an overflowed length
    /// computation) is `SECRETS_ERR_TOO_LARGE`; a buffer that cannot hold the
    /// text and its NUL is `SECRETS_ERR_BUFFER_TOO_SMALL`; then a NULL
    /// output is `SECRETS_ERR_NULL_POINTER` (so an overflowing size wins).  Call it after every
    /// argument check and before drawing anything.
    pub(crate) fn take(&mut self, len: Option<usize>) -> Result<&mut [u8]> {
        let with_nul = text_size(len)?;
        let len = with_nul - 1;
        if with_nul > self.size {
            return Err(Error::BufferTooSmall);
        }
        // after the size checks: an overflowing size is TOO_LARGE even
        // when the output is NULL
        if self.ptr.is_null() {
            return Err(Error::NullPointer);
        }
        self.touched = with_nul;
        self.len = Some(len);
        // SAFETY: `ptr` is non-NULL (checked above) and valid for
        // `size >= len` bytes by the caller's contract.
        Ok(unsafe { core::slice::from_raw_parts_mut(self.ptr, len) })
    }
}

/// A text output: `f` checks its arguments, calls [`TextOut::take`] and
/// writes the text; this helper adds the NUL.  On any failure the bytes `f`
/// could have written are wiped and the output holds `""` (when `size >= 1`).
///
/// # Safety
/// A non-NULL `out` must be valid for writes of `size` bytes.
pub(crate) unsafe fn text_out(
    out: *mut c_char,
    size: usize,
    f: impl FnOnce(&mut TextOut) -> Result<()>,
) -> i32 {
    let ptr = out.cast::<u8>();
    let mut text = TextOut {
        ptr,
        size,
        touched: 0,
        len: None,
    };
    let status = boundary(|| {
        // a NULL `out` is reported by `take`, after the size arithmetic
        f(&mut text)?;
        let len = text.len.ok_or(Error::Internal)?;
        // SAFETY: take() checked len + 1 <= size.
        unsafe { *ptr.add(len) = 0 };
        Ok(SECRETS_OK)
    });
    if status != SECRETS_OK && !ptr.is_null() && size >= 1 {
        wipe(ptr, text.touched);
        *ptr = 0;
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn boundary_maps_ok_errors_and_panics() {
        assert_eq!(boundary(|| Ok(1)), 1);
        assert_eq!(boundary(|| Err(Error::Empty)), -4);
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {})); // keep the test output quiet
        let status = boundary(|| panic!("a bug"));
        std::panic::set_hook(prev);
        assert_eq!(status, SECRETS_ERR_INTERNAL);
    }

    #[test]
    fn text_out_wipes_what_it_wrote_on_failure_and_on_panic() {
        let mut buf = [0xa5u8; 16];
        let s = unsafe {
            text_out(buf.as_mut_ptr().cast(), buf.len(), |t| {
                t.take(Some(8))?.fill(b'x');
                Err(Error::EntropyUnavailable)
            })
        };
        assert_eq!(s, Error::EntropyUnavailable.code());
        assert!(buf[..9].iter().all(|&b| b == 0));
        assert!(
            buf[9..].iter().all(|&b| b == 0xa5),
            "past the claimed text: untouched"
        );

        let mut buf = [0xa5u8; 16];
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let s = unsafe {
            text_out(buf.as_mut_ptr().cast(), buf.len(), |t| {
                t.take(Some(4))?.fill(b'y');
                panic!("mid-write")
            })
        };
        std::panic::set_hook(prev);
        assert_eq!(s, SECRETS_ERR_INTERNAL);
        assert!(buf[..5].iter().all(|&b| b == 0));
    }

    #[test]
    fn text_out_checks_in_order() {
        let mut buf = [0xa5u8; 4];
        let p = buf.as_mut_ptr().cast();
        // NULL with a size, too small, overflow, a body that forgot to take()
        assert_eq!(
            unsafe { text_out(core::ptr::null_mut(), 4, |t| t.take(Some(3)).map(|_| ())) },
            -1
        );
        // an overflowing size is TOO_LARGE, NULL output or not
        assert_eq!(
            unsafe { text_out(core::ptr::null_mut(), 4, |t| t.take(None).map(|_| ())) },
            -6
        );
        assert_eq!(
            unsafe {
                text_out(core::ptr::null_mut(), 0, |t| {
                    t.take(Some(usize::MAX)).map(|_| ())
                })
            },
            -6
        );
        assert_eq!(
            unsafe { text_out(p, 4, |t| t.take(Some(4)).map(|_| ())) },
            -2
        );
        assert_eq!(buf[0], 0);
        assert_eq!(buf[1..], [0xa5; 3]);
        assert_eq!(unsafe { text_out(p, 4, |t| t.take(None).map(|_| ())) }, -6);
        assert_eq!(
            unsafe { text_out(p, 4, |t| t.take(Some(usize::MAX)).map(|_| ())) },
            -6
        );
        assert_eq!(unsafe { text_out(p, 4, |_| Ok(())) }, SECRETS_ERR_INTERNAL);
        assert_eq!(
            unsafe { text_out(p, 4, |t| t.take(Some(3)).map(|b| b.fill(b'z'))) },
            0
        );
        assert_eq!(&buf, b"zzz\0");
        let mut untouched = [0xa5u8; 2];
        let q = untouched.as_mut_ptr().cast();
        assert_eq!(
            unsafe { text_out(q, 0, |t| t.take(Some(0)).map(|_| ())) },
            -2
        );
        assert_eq!(untouched, [0xa5; 2], "out_size 0: nothing written");
    }

    #[test]
    fn bytes_out_wipes_on_failure() {
        let mut buf = [7u8; 8];
        let s = unsafe {
            bytes_out(buf.as_mut_ptr(), 6, |b| {
                b.fill(1);
                Err(Error::InvalidArgument)
            })
        };
        assert_eq!(s, -3);
        assert_eq!(buf, [0, 0, 0, 0, 0, 0, 7, 7]);
        assert_eq!(
            unsafe { bytes_out(core::ptr::null_mut(), 0, |_| Ok(())) },
            0
        );
        assert_eq!(
            unsafe { bytes_out(core::ptr::null_mut(), 3, |_| Ok(())) },
            -1
        );
    }

    #[test]
    fn scalar_out_writes_only_on_success() {
        let mut x = 5u64;
        assert_eq!(unsafe { scalar_out(&mut x, || Err(Error::Empty)) }, -4);
        assert_eq!(x, 5);
        assert_eq!(unsafe { scalar_out(&mut x, || Ok(9)) }, 0);
        assert_eq!(x, 9);
        assert_eq!(
            unsafe { scalar_out::<u64>(core::ptr::null_mut(), || Ok(9)) },
            -1
        );
    }
}
