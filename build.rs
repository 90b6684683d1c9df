//! Generates `include/secrets.h` with cbindgen (configured in `cbindgen.toml`)
//! and gives the shared library its soname.
//!
//! The header is committed.  The build writes it only when its content
//! changes, so a fresh checkout builds without touching the tree; the ctest
//! case `header_is_fresh` (c-tests/check_header_fresh.cmake) fails if the
//! committed header differs from what this script generates.
//!
//! cbindgen emits the functions in source order; [`SECTIONS`] then puts them
//! in reading order under banners, like `zstd.h`.  Every exported function
//! must appear in exactly one section: a new export that is not listed there
//! stops the build with a message saying so.

use std::env;
use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    // libsecrets.so.MAJOR: ABI changes bump the major version.
    let major = env::var("CARGO_PKG_VERSION_MAJOR").unwrap();
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsecrets.so.{major}");
        // Programs linked against target/<profile>/libsecrets.so look for the
        // soname at run time: give it to them beside the library, as
        // `make install` would (OUT_DIR is target/<profile>/build/<pkg>/out).
        let out = PathBuf::from(env::var("OUT_DIR").unwrap());
        if let Some(profile_dir) = out.ancestors().nth(3) {
            let link = profile_dir.join(format!("libsecrets.so.{major}"));
            if std::fs::symlink_metadata(&link).is_err() {
                #[cfg(unix)]
                let _ = std::os::unix::fs::symlink("libsecrets.so", &link);
            }
        }
    }

    let header = generate(&dir);
    let out = dir.join("include").join("secrets.h");
    if std::fs::read_to_string(&out).ok().as_deref() != Some(header.as_str()) {
        if env::var_os("SECRETS_HEADER_CHECK_ONLY").is_some() {
            println!("cargo:warning=include/secrets.h is stale");
        } else {
            std::fs::create_dir_all(out.parent().unwrap()).unwrap();
            std::fs::write(&out, &header).unwrap();
        }
    }
}

/// The header text for the crate in `dir`.
fn generate(dir: &std::path::Path) -> String {
    let mut config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let v = |k: &str| env::var(k).unwrap();
    let version = format!(
        "\n/** Version of this header; `secrets_version()` gives the loaded library's. */\n\
         #define SECRETS_VERSION_MAJOR {}\n#define SECRETS_VERSION_MINOR {}\n#define SECRETS_VERSION_PATCH {}\n\
         #define SECRETS_VERSION_STRING \"{}\"\n\n",
        v("CARGO_PKG_VERSION_MAJOR"),
        v("CARGO_PKG_VERSION_MINOR"),
        v("CARGO_PKG_VERSION_PATCH"),
        v("CARGO_PKG_VERSION"),
    );
    config.after_includes = Some(format!(
        "{}{}",
        version,
        config.after_includes.unwrap_or_default()
    ));
    let mut buf = Vec::new();
    cbindgen::Builder::new()
        .with_crate(dir)
        .with_config(config)
        .generate()
        .expect("cbindgen could not generate secrets.h")
        .write(&mut buf);
    let text = sectioned(&String::from_utf8(buf).unwrap());
    // Negative status macros get parentheses, so they are safe in any expression.
    text.lines()
        .map(|l| match l.strip_prefix("#define SECRETS_ERR_") {
            Some(rest) => match rest.split_once(" -") {
                Some((name, value)) => format!("#define SECRETS_ERR_{name} (-{value})\n"),
                None => format!("{l}\n"),
            },
            None => format!("{l}\n"),
        })
        .collect()
}

/// The header's sections, in reading order: a banner title, a paragraph that
/// says what the section is for, and its functions in the order a reader
/// meets them.  This table is the one place that decides where a function
/// appears in `secrets.h`.
const SECTIONS: &[(&str, &str, &[&str])] = &[
    (
        "Tokens",
        "Random bytes and text tokens (Python's `token_bytes`, `token_hex`,\n\
         `token_urlsafe`), base32 and standard base64.  Each text token has a size\n\
         helper, as a function and as a macro (see above).",
        &[
            "secrets_token_bytes",
            "secrets_token_hex",
            "secrets_token_hex_size",
            "secrets_token_urlsafe",
            "secrets_token_urlsafe_size",
            "secrets_token_base32",
            "secrets_token_base32_size",
            "secrets_token_base64",
            "secrets_token_base64_size",
        ],
    ),
    (
        "Integers and choice",
        "Exactly uniform integers below a bound, random bits, and a uniform choice\n\
         from an array (Python's `randbelow`, `randbits`, `choice`).",
        &[
            "secrets_randbelow_u64",
            "secrets_randbelow",
            "secrets_randbits_u64",
            "secrets_randbits",
            "secrets_choice_index",
            "secrets_choice",
        ],
    ),
    (
        "Comparison",
        "Constant-time equality for secrets meeting untrusted input.",
        &[
            "secrets_equal",
            "secrets_compare_digest",
            "secrets_compare_digest_str",
        ],
    ),
    (
        "Decoding",
        "Constant-time decoders for secrets read back from text (a key in a\n\
         configuration file): hex, standard base64 and base64url.",
        &[
            "secrets_hex_decode",
            "secrets_base64_decode",
            "secrets_base64url_decode",
        ],
    ),
    (
        "SystemRandom",
        "Python's `random.SystemRandom` over the OS source: floats, ranges,\n\
         sequences and distributions.",
        &[
            "secrets_random",
            "secrets_uniform",
            "secrets_randrange",
            "secrets_randint",
            "secrets_shuffle",
            "secrets_sample",
            "secrets_choices",
            "secrets_triangular",
            "secrets_normalvariate",
            "secrets_gauss",
            "secrets_lognormvariate",
            "secrets_expovariate",
            "secrets_vonmisesvariate",
            "secrets_gammavariate",
            "secrets_betavariate",
            "secrets_paretovariate",
            "secrets_weibullvariate",
            "secrets_binomialvariate",
        ],
    ),
    (
        "Generators",
        "Strings over an alphabet, passwords with class minimums, passphrases\n\
         (from the caller's list or the built-in EFF list) and UUIDs, with the\n\
         size helpers that give each its exact buffer size.",
        &[
            "secrets_token_chars",
            "secrets_token_chars_size",
            "secrets_password",
            "secrets_password_size",
            "secrets_password_entropy",
            "secrets_passphrase",
            "secrets_passphrase_size",
            "secrets_passphrase_eff",
            "secrets_passphrase_eff_size",
            "secrets_uuid4",
            "secrets_uuid7",
            "secrets_uuid4_bytes",
            "secrets_uuid7_bytes",
            "secrets_uuid_format",
        ],
    ),
    (
        "Utilities",
        "Status descriptions, versions, the entropy source in use, and wiping.",
        &[
            "secrets_strerror",
            "secrets_version",
            "secrets_entropy_source",
            "secrets_default_entropy",
            "secrets_memzero",
        ],
    ),
];

/// The name of the function an item of the header declares, if any.
fn declared_function(item: &str) -> Option<&str> {
    let decl = item
        .lines()
        .filter(|l| {
            let t = l.trim_start();
            !(t.starts_with("/*") || t.starts_with('*'))
        })
        .collect::<Vec<_>>();
    decl.iter().find_map(|l| {
        let start = l.find("secrets_")?;
        let rest = &l[start..];
        let end = rest.find('(')?;
        Some(&rest[..end])
    })
}

/// Puts the function declarations of cbindgen's `text` in the order of
/// [`SECTIONS`], each section under a banner.  Panics (stopping the build)
/// on a function that no section lists, or a listed one that is missing.
fn sectioned(text: &str) -> String {
    const OPEN: &str = "extern \"C\" {\n#endif // __cplusplus\n";
    const CLOSE: &str = "#ifdef __cplusplus\n}  // extern \"C\"";
    let start = text.find(OPEN).expect("extern \"C\" block") + OPEN.len();
    let end = text.rfind(CLOSE).expect("end of extern \"C\" block");
    let (head, body, tail) = (&text[..start], &text[start..end], &text[end..]);

    let mut items: Vec<(String, String)> = Vec::new();
    for chunk in body.split("\n\n").map(str::trim).filter(|c| !c.is_empty()) {
        let name = declared_function(chunk)
            .unwrap_or_else(|| panic!("secrets.h: an item that declares no function:\n{chunk}"));
        items.push((name.to_string(), chunk.to_string()));
    }
    for (name, _) in &items {
        if !SECTIONS
            .iter()
            .any(|(_, _, fs)| fs.contains(&name.as_str()))
        {
            panic!(
                "secrets.h: `{name}` is in no section: add it to SECTIONS in build.rs \
                 (see CONTRIBUTING.md, \"Adding a function\")"
            );
        }
    }
    let mut out = String::from(head);
    for (title, intro, names) in SECTIONS {
        let present: Vec<&(String, String)> = names
            .iter()
            .filter_map(|n| items.iter().find(|(name, _)| name == n))
            .collect();
        if present.is_empty() {
            continue;
        }
        out.push_str("\n/*-");
        out.push_str(&"*".repeat(72));
        out.push_str(&format!("\n *  {title}\n *\n"));
        for line in intro.lines() {
            out.push_str(&format!(" *  {}\n", line.trim()));
        }
        out.push(' ');
        out.push_str(&"*".repeat(73));
        out.push_str("/\n\n");
        for (_, item) in present {
            out.push_str(item);
            out.push_str("\n\n");
        }
    }
    out.push_str(tail);
    out
}
