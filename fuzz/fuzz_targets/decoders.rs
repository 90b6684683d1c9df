//! The constant-time decoders (secrets_hex_decode, secrets_base64_decode,
//! secrets_base64url_decode).
//!
//! 1. Round trip: the fuzzer's bytes, encoded by the library's encoders (hex
//!    in both cases, padded base64, base64url unpadded and padded), decode
//!    back to the same bytes with `out_len` exactly the decoded length, and
//!    fail with BUFFER_TOO_SMALL one byte short.
//! 2. Differential: the fuzzer's bytes as text, decoded by each decoder and
//!    by the `hex` / `base64` crates configured as strictly (canonical
//!    padding, no trailing bits): both accept the same texts and give the
//!    same bytes.  On every failure `out` is zeroed, nothing past `out_len`
//!    is written and `*decoded_len` is untouched.
#![no_main]
use base64::alphabet::{STANDARD, URL_SAFE};
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::ffi::decode::{secrets_base64_decode, secrets_base64url_decode, secrets_hex_decode};
use secrets::testing::Encoding;

type Decoder = unsafe extern "C" fn(
    *mut core::ffi::c_void,
    usize,
    *const core::ffi::c_char,
    usize,
    *mut usize,
) -> i32;

const SENTINEL: usize = 0x5eed;

/// Calls `f` on `text` with `out_len` bytes of room; checks what a failure
/// leaves; returns the status and the decoded bytes.
fn call(f: Decoder, text: &[u8], out_len: usize) -> (i32, Vec<u8>) {
    let mut out = vec![FILL; out_len + GUARD];
    let mut dl = SENTINEL;
    let st = unsafe {
        f(
            out.as_mut_ptr().cast(),
            out_len,
            text.as_ptr().cast(),
            text.len(),
            &mut dl,
        )
    };
    if st == OK {
        assert!(dl <= out_len, "decoded_len {dl} > out_len {out_len}");
        assert!(
            out[dl..].iter().all(|&b| b == FILL),
            "wrote past the decoded bytes"
        );
        out.truncate(dl);
        (st, out)
    } else {
        assert!(
            out[..out_len].iter().all(|&b| b == 0),
            "status {st}: out not zeroed"
        );
        assert!(
            out[out_len..].iter().all(|&b| b == FILL),
            "status {st}: wrote past out_len"
        );
        assert_eq!(dl, SENTINEL, "status {st}: *decoded_len changed");
        (st, Vec::new())
    }
}

fn strict(alphabet: &base64::alphabet::Alphabet, mode: DecodePaddingMode) -> GeneralPurpose {
    GeneralPurpose::new(
        alphabet,
        GeneralPurposeConfig::new()
            .with_decode_padding_mode(mode)
            .with_decode_allow_trailing_bits(false),
    )
}

/// The reference decoders: None for a text the decoder must reject.
fn reference(which: usize, text: &[u8]) -> Option<Vec<u8>> {
    match which {
        0 => hex::decode(text).ok(),
        1 => strict(&STANDARD, DecodePaddingMode::RequireCanonical)
            .decode(text)
            .ok(),
        _ => {
            // unpadded, or padded to a multiple of 4
            let mode = if text.len() % 4 == 0 && text.ends_with(b"=") {
                DecodePaddingMode::RequireCanonical
            } else {
                DecodePaddingMode::RequireNone
            };
            strict(&URL_SAFE, mode).decode(text).ok()
        }
    }
}

const DECODERS: [Decoder; 3] = [
    secrets_hex_decode,
    secrets_base64_decode,
    secrets_base64url_decode,
];

fn encode(enc: Encoding, data: &[u8]) -> Vec<u8> {
    let len = enc.encoded_len(data.len()).unwrap();
    let mut buf = vec![0u8; len];
    buf[len - data.len()..].copy_from_slice(data);
    enc.encode_tail_in_place(&mut buf, data.len());
    buf
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let extra = input.u8() as usize % 8;
    let payload = input.rest();

    // 1. round trips through the library's own encoders
    let n = payload.len();
    let hex_lower = encode(Encoding::Hex, payload);
    let hex_upper = hex_lower.to_ascii_uppercase();
    let b64 = encode(Encoding::Base64, payload);
    let url = encode(Encoding::Base64Url, payload);
    let mut url_padded = url.clone();
    while url_padded.len() % 4 != 0 {
        url_padded.push(b'=');
    }
    for (which, text) in [
        (0, &hex_lower),
        (0, &hex_upper),
        (1, &b64),
        (2, &url),
        (2, &url_padded),
    ] {
        let f = DECODERS[which];
        assert_eq!(
            call(f, text, n),
            (OK, payload.to_vec()),
            "decoder {which}: {text:?}"
        );
        assert_eq!(call(f, text, n + extra), (OK, payload.to_vec()));
        if n > 0 {
            assert_eq!(call(f, text, n - 1).0, BUFFER_TOO_SMALL);
        }
        assert_eq!(
            reference(which, text).as_deref(),
            Some(payload),
            "reference {which}"
        );
    }

    // 2. the payload as text: the same verdict and bytes as the reference
    for (which, f) in DECODERS.into_iter().enumerate() {
        let want = reference(which, payload);
        let (st, got) = call(f, payload, payload.len() + extra);
        match want {
            Some(bytes) => assert_eq!((st, got), (OK, bytes), "decoder {which}: {payload:?}"),
            None => assert_eq!(st, INVALID_ARGUMENT, "decoder {which} accepted {payload:?}"),
        }
    }
});
