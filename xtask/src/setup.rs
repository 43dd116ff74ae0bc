//! `cargo xtask setup`: installs what the build and tests need, pinned and idempotent.
//!
//! Every step first checks whether its tool is already there at the pinned
//! version, so a second run takes a second or two. Only the package registries
//! are used (Debian, crates.io, npm); nothing downloads a prebuilt binary.

use std::fs;

use crate::process::{self, command, output, root};

/// Trunk's version: 0.22 needs a newer rustc than this machine's.
const TRUNK_VERSION: &str = "0.21.14";

/// Debian packages: clang compiles SQLite's C for wasm32; Chromium and its
/// driver run the browser tests; a CJK font lets screenshots show the
/// Chinese our users' scripts contain.
const APT_PACKAGES: &[&str] = &["clang", "chromium", "chromium-driver", "fonts-wqy-zenhei"];

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Installs everything that is missing.
pub fn run() -> Result<(), String> {
    ensure_wasm_target()?;
    ensure_apt_packages()?;
    ensure_wasm_bindgen_cli()?;
    ensure_trunk()?;
    ensure_npm_packages()?;
    println!("setup: every tool is in place");
    Ok(())
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    process::run(command("rustup", &["target", "add", WASM_TARGET]))
}

fn ensure_apt_packages() -> Result<(), String> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|package| {
            // A package dpkg knows of but never installed is
            // "unknown ok not-installed".
            output("dpkg-query", &["-W", "-f=${Status}", package])
                .is_none_or(|status| status.trim() != "install ok installed")
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let as_root = output("id", &["-u"]).is_some_and(|uid| uid == "0");
    let apt = |args: &[&str]| {
        let mut all = vec!["apt-get"];
        all.extend_from_slice(args);
        let mut cmd = if as_root {
            command(all[0], &all[1..])
        } else {
            command("sudo", &all)
        };
        cmd.env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    process::run(apt(&["update"]))?;
    let mut install = vec!["install", "-y", "--no-install-recommends"];
    install.extend(missing.iter().copied());
    process::run(apt(&install))
}

/// The wasm-bindgen version the workspace resolved: the CLI must match it exactly.
pub fn pinned_wasm_bindgen() -> Result<String, String> {
    let lock = fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
        {
            return Ok(version.to_owned());
        }
    }
    Err("Cargo.lock does not pin wasm-bindgen".into())
}

fn ensure_wasm_bindgen_cli() -> Result<(), String> {
    let version = pinned_wasm_bindgen()?;
    let bin = process::cargo_bin();
    let have = |tool: &str| {
        output(&bin.join(tool).display().to_string(), &["--version"])
            .is_some_and(|v| v.split_whitespace().nth(1) == Some(version.as_str()))
    };
    if have("wasm-bindgen") && have("wasm-bindgen-test-runner") {
        return Ok(());
    }
    // Not `--locked`: its lockfile names a crate newer than the registry has.
    process::run(command(
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ],
    ))
}

fn ensure_trunk() -> Result<(), String> {
    let trunk = process::cargo_bin().join("trunk").display().to_string();
    if output(&trunk, &["--version"])
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(TRUNK_VERSION))
    {
        return Ok(());
    }
    // Trunk's own release profile (fat LTO, one codegen unit) takes far
    // longer on two cores for no benefit to a build tool.
    let mut install = command(
        "cargo",
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ],
    );
    install
        .env("CARGO_PROFILE_RELEASE_LTO", "off")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16");
    process::run(install)
}

/// `npm ci` from the committed lockfile, skipped when node_modules already
/// holds exactly that lockfile's packages.
fn ensure_npm_packages() -> Result<(), String> {
    let lock = fs::read(root().join("package-lock.json"))
        .map_err(|e| format!("cannot read package-lock.json: {e}"))?;
    let stamp_path = root().join("node_modules/.retort-lock-stamp");
    let stamp = format!("{:016x}", fnv1a(&lock));
    if fs::read_to_string(&stamp_path).is_ok_and(|s| s == stamp) {
        return Ok(());
    }
    process::run(command("npm", &["ci", "--no-audit", "--no-fund"]))?;
    fs::write(&stamp_path, stamp).map_err(|e| format!("cannot write {}: {e}", stamp_path.display()))
}

/// A 64-bit FNV-1a hash: enough to notice that a lockfile changed.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lockfile_pins_the_wasm_bindgen_version_the_toolchain_facts_require() {
        assert_eq!(pinned_wasm_bindgen().unwrap(), "0.2.130");
    }

    #[test]
    fn fnv1a_tells_different_lockfiles_apart() {
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
    }
}
