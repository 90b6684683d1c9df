//! libsecrets: Python's `secrets` module for C.
//!
//! The safe Rust core lives in one module per concept; [`ffi`] is the thin
//! `extern "C"` layer that cbindgen turns into `include/secrets.h`.
//!
//! * [`error`]: status codes and the error type;
//! * [`entropy`]: the OS source and the per-call entropy buffer;
//! * [`sample`]: exactly uniform integers (rejection sampling);
//! * [`token`]: token bytes and their constant-time text encodings;
//! * [`compare`]: constant-time comparison.

pub mod alphabet;
pub mod compare;
pub mod entropy;
pub mod error;
pub mod ffi;
pub mod passphrase;
pub mod password;
pub mod sample;
pub mod token;
pub mod uuid;

pub use error::{Error, Result};
