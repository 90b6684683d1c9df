//! The token encoders: encode arbitrary bytes in place, check the length and
//! the alphabet, decode back (canonical: padding bits zero).  Then the C
//! token functions with fuzzed sizes: the status follows the size rule, and
//! what they produce decodes to the right number of bytes.
#![no_main]
use fuzz_common::*;
use libfuzzer_sys::fuzz_target;
use secrets::ffi::python_secrets::{
    secrets_token_base32, secrets_token_base64, secrets_token_hex, secrets_token_urlsafe,
};
use secrets::testing::Encoding;

const ENCODINGS: [Encoding; 4] = [
    Encoding::Hex,
    Encoding::Base64Url,
    Encoding::Base64,
    Encoding::Base32,
];

fn decode(enc: Encoding, s: &[u8]) -> Option<Vec<u8>> {
    match enc {
        Encoding::Hex => hex_decode(s),
        Encoding::Base64Url => radix_decode(s, 6),
        Encoding::Base64 => {
            // canonical padding, then the standard alphabet's 62 and 63
            let digits = s.strip_suffix(b"==").or(s.strip_suffix(b"=")).unwrap_or(s);
            if s.len() % 4 != 0
                || digits.contains(&b'=')
                || digits.contains(&b'-')
                || digits.contains(&b'_')
            {
                return None;
            }
            let url: Vec<u8> = digits
                .iter()
                .map(|&c| match c {
                    b'+' => b'-',
                    b'/' => b'_',
                    c => c,
                })
                .collect();
            radix_decode(&url, 6)
        }
        Encoding::Base32 => radix_decode(s, 5),
    }
}

fn expected_len(enc: Encoding, n: usize) -> usize {
    match enc {
        Encoding::Hex => 2 * n,
        Encoding::Base64Url => (4 * n).div_ceil(3),
        Encoding::Base64 => 4 * n.div_ceil(3),
        Encoding::Base32 => (8 * n).div_ceil(5),
    }
}

fuzz_target!(|data: &[u8]| {
    let mut input = Input::new(data);
    let sel = input.u8();
    let out_size = input.u16() as usize;
    let payload = input.rest();

    for enc in ENCODINGS {
        let len = enc.encoded_len(payload.len()).unwrap();
        assert_eq!(len, expected_len(enc, payload.len()));
        let mut buf = vec![0u8; len];
        buf[len - payload.len()..].copy_from_slice(payload);
        enc.encode_tail_in_place(&mut buf, payload.len());
        assert_eq!(
            decode(enc, &buf).as_deref(),
            Some(payload),
            "{enc:?} does not round-trip"
        );
    }

    // the C functions: nbytes and out_size from the input
    let enc = ENCODINGS[sel as usize % ENCODINGS.len()];
    let nbytes = payload.len().min(512);
    let need = enc.buffer_size(nbytes);
    let mut out = Guarded::new(out_size);
    let f = match enc {
        Encoding::Hex => secrets_token_hex,
        Encoding::Base64Url => secrets_token_urlsafe,
        Encoding::Base64 => secrets_token_base64,
        Encoding::Base32 => secrets_token_base32,
    };
    let st = unsafe { f(out.ptr(), out_size, nbytes) };
    if out_size < need {
        assert_eq!(
            st, BUFFER_TOO_SMALL,
            "{enc:?} nbytes={nbytes} out_size={out_size}"
        );
        out.check_failed_text("token");
    } else {
        assert_eq!(st, OK, "{enc:?} nbytes={nbytes} out_size={out_size}");
        out.check_guard("token");
        let text = out.text();
        assert_eq!(text.len(), need - 1);
        let bytes = decode(enc, text).expect("token outside the alphabet or not canonical");
        assert_eq!(bytes.len(), nbytes);
    }
});
