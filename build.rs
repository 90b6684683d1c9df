//! Generates `include/secrets.h` with cbindgen (configured in `cbindgen.toml`)
//! and gives the shared library its soname.
//!
//! The header is committed.  The build writes it only when its content
//! changes, so a fresh checkout builds without touching the tree; the
//! header-freshness test (`tests/header.rs`) fails if the committed header
//! differs from what this script generates.

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
    let text = String::from_utf8(buf).unwrap();
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
