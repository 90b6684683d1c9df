//! Generates `include/secrets.h` with cbindgen (configured in `cbindgen.toml`)
//! and gives the shared library its soname and its symbol versions
//! (`src/libsecrets.map`, see `symbol_versions`).
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
    symbol_versions(&dir, &header);
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
    // cbindgen runs `cargo metadata`, which keeps a cache in the default
    // target directory: point it into OUT_DIR, so that a build whose output
    // goes elsewhere (a CMake build tree, another toolchain) never writes a
    // `target/` into the source tree.
    env::set_var(
        "CARGO_TARGET_DIR",
        PathBuf::from(env::var("OUT_DIR").unwrap()).join("cbindgen-metadata"),
    );
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
    // cbindgen puts the prefix (SECRETS_API) first; C++ wants a [[nodiscard]]
    // before __declspec(dllimport), so the attribute goes first.
    let text = String::from_utf8(buf)
        .unwrap()
        .replace(
            "SECRETS_API SECRETS_MUST_USE ",
            "SECRETS_MUST_USE SECRETS_API ",
        )
        .replace(
            "SECRETS_API\nSECRETS_MUST_USE\n",
            "SECRETS_MUST_USE\nSECRETS_API\n",
        );
    let text = sectioned(&text);
    // cbindgen turns every `pub const` of the crate it can read into a
    // macro: only the library's own (SECRETS_*) may reach users.
    for l in text.lines() {
        if let Some(rest) = l.strip_prefix("#define ") {
            let name = rest.split([' ', '(']).next().unwrap_or("");
            assert!(
                name.starts_with("SECRETS_"),
                "secrets.h: `{name}` is an internal constant: make it pub(crate)"
            );
        }
    }
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

/// Symbol versions for the ELF shared library, from `src/libsecrets.map`.
///
/// rustc links every cdylib with its own anonymous version script, which GNU
/// ld refuses to combine with named version nodes and which lld lets win over
/// a second script.  So the versions are attached the way lld honours first:
/// by name, with one `.symver NAME, NAME@@@NODE, remove` directive per export
/// (assembled into the crate by `src/symver.rs`; `remove` leaves no
/// unversioned twin, so the static library links as before).  The version
/// script handed to the linker only declares the nodes and their order.
/// Names of the map that the crate does not (yet) define are left out, so the
/// map may list a coming release's functions; the export check
/// (`c-tests/check_exports.sh`) fails if a function of the header is missing
/// from the map.  The link uses lld (the toolchain's own `rust-lld` when it
/// has one), the default for x86_64 Linux already.
fn symbol_versions(dir: &std::path::Path, header: &str) {
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let linux = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let mut asm = String::new();
    if linux {
        let map =
            std::fs::read_to_string(dir.join("src/libsecrets.map")).expect("src/libsecrets.map");
        let defined: std::collections::HashSet<&str> = header_functions(header).collect();
        let mut script = String::new();
        // Tokens: NODE { [global:|local:] NAME; ... } [PARENT] ;
        let map = strip_comments(&map)
            .replace('{', " { ")
            .replace('}', " } ")
            .replace(';', " ; ");
        let mut tokens = map.split_whitespace();
        while let Some(node) = tokens.next() {
            assert_eq!(
                tokens.next(),
                Some("{"),
                "libsecrets.map: '{{' after {node}"
            );
            let mut global = true;
            loop {
                match tokens.next().expect("libsecrets.map: unclosed node") {
                    "}" => break,
                    ";" => {}
                    "global:" => global = true,
                    "local:" => global = false,
                    sym => {
                        if global && defined.contains(sym) {
                            asm.push_str(&format!(".symver {sym}, {sym}@@@{node}, remove\n"));
                        }
                    }
                }
            }
            match tokens.next().expect("libsecrets.map: ';' after a node") {
                ";" => script.push_str(&format!("{node} {{ local: *; }};\n")),
                parent => {
                    assert_eq!(
                        tokens.next(),
                        Some(";"),
                        "libsecrets.map: ';' after {parent}"
                    );
                    script.push_str(&format!("{node} {{ }} {parent};\n"));
                }
            }
        }
        let ver = out.join("libsecrets.ver");
        std::fs::write(&ver, script).unwrap();
        println!(
            "cargo:rustc-cdylib-link-arg=-Wl,--version-script={}",
            ver.display()
        );
        println!("cargo:rustc-cdylib-link-arg=-fuse-ld=lld");
        if let Some(gcc_ld) = rust_lld_dir() {
            println!("cargo:rustc-cdylib-link-arg=-B{}", gcc_ld.display());
        }
    }
    std::fs::write(out.join("symver.s"), asm).unwrap();
}

/// The names of the functions that the header declares.
fn header_functions(header: &str) -> impl Iterator<Item = &str> {
    header.lines().filter_map(|l| {
        let l = l.trim_start();
        if l.starts_with('*') || l.starts_with("/*") || l.starts_with("//") || l.starts_with('#') {
            return None;
        }
        let start = l.find("secrets_")?;
        let rest = &l[start..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))?;
        rest[end..].starts_with('(').then_some(&rest[..end])
    })
}

fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("/*") {
        out.push_str(&rest[..i]);
        rest = rest[i..].find("*/").map_or("", |j| &rest[i + j + 2..]);
    }
    out.push_str(rest);
    out.lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `<sysroot>/lib/rustlib/<host>/bin/gcc-ld`, where rustup's toolchains keep
/// the `ld.lld` that `cc -fuse-ld=lld` runs (rust-lld links every target).
fn rust_lld_dir() -> Option<PathBuf> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = std::process::Command::new(rustc)
        .args(["--print", "sysroot"])
        .output()
        .ok()?;
    let sysroot = String::from_utf8(out.stdout).ok()?;
    let dir = PathBuf::from(sysroot.trim())
        .join("lib/rustlib")
        .join(env::var("HOST").ok()?)
        .join("bin/gcc-ld");
    dir.join("ld.lld").exists().then_some(dir)
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
