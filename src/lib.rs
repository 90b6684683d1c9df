//! libsecrets: Python's `secrets` module for C.
//!
//! The safe Rust core lives in one module per concept, private to the crate;
//! [`ffi`] is the thin `extern "C"` layer that cbindgen turns into
//! `include/secrets.h`, and with [`error`] the only public Rust API.  The
//! verification and fuzzing crates reach a few internals through the hidden
//! `testing` module (feature `testing`), never through the core's modules.
//!
//! * [`error`]: status codes and the error type;
//! * [`entropy`]: the OS source and the per-call entropy buffer
//!   ([`vdso`]: the kernel's vDSO getrandom on Linux);
//! * [`sample`]: exactly uniform integers (rejection sampling);
//! * [`keystream`]: large requests from a per-call keyed stream cipher;
//! * [`token`]: token bytes and their constant-time text encodings;
//! * [`compare`]: constant-time comparison;
//! * [`decode`]: constant-time hex and base64 decoders;
//! * [`systemrandom`], [`distributions`]: Python's `random.SystemRandom`;
//! * [`alphabet`], [`password`], [`passphrase`], [`uuid`]: generators;
//! * [`wordlist`]: the EFF long word list, built in.

pub(crate) mod alphabet;
pub(crate) mod compare;
pub(crate) mod decode;
pub(crate) mod distributions;
pub(crate) mod entropy;
pub mod error;
pub mod ffi;
pub(crate) mod keystream;
pub(crate) mod passphrase;
pub(crate) mod password;
pub(crate) mod sample;
#[cfg(target_os = "linux")]
mod symver;
pub(crate) mod systemrandom;
pub(crate) mod token;
pub(crate) mod uuid;
#[cfg(target_os = "linux")]
pub(crate) mod vdso;
pub(crate) mod wordlist;

pub use error::{Error, Result};

/// Internals for the verification programs and fuzz targets (`verify/`,
/// `fuzz/`): the encoders and decoders with a caller-chosen entropy source,
/// so the constant-time and timing checks can mark or choose their input.
/// Not a stable API: only built with the `testing` feature.
#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing {
    pub use crate::decode::{decode_digits, decoded_len, Decoding};
    pub use crate::entropy::{OsSource, RandomSource};
    pub use crate::token::{token_text, token_text_on, EncoderPath, Encoding};
    pub use crate::uuid::format_on as uuid_format_on;
}
