//! libsecrets: Python's `secrets` module for C.
//!
//! The safe Rust core lives in one module per concept; [`ffi`] is the thin
//! `extern "C"` layer that cbindgen turns into `include/secrets.h`.
//!
//! * [`error`]: status codes and the error type;
//! * [`entropy`]: the OS source and the per-call entropy buffer
//!   ([`vdso`]: the kernel's vDSO getrandom on Linux);
//! * [`sample`]: exactly uniform integers (rejection sampling);
//! * [`token`]: token bytes and their constant-time text encodings;
//! * [`compare`]: constant-time comparison;
//! * [`decode`]: constant-time hex and base64 decoders;
//! * [`systemrandom`], [`distributions`]: Python's `random.SystemRandom`;
//! * [`alphabet`], [`password`], [`passphrase`], [`uuid`]: generators;
//! * [`wordlist`]: the EFF long word list, built in.

pub mod alphabet;
pub mod compare;
pub mod decode;
pub mod distributions;
pub mod entropy;
pub mod error;
pub mod ffi;
pub mod passphrase;
pub mod password;
pub mod sample;
#[cfg(target_os = "linux")]
mod symver;
pub mod systemrandom;
pub mod token;
pub mod uuid;
#[cfg(target_os = "linux")]
pub mod vdso;
pub mod wordlist;

pub use error::{Error, Result};
