//! `cargo xtask tidy`: every Rust source file starts with a `//!` module doc.

use std::fs;
use std::path::{Path, PathBuf};

use crate::process::root;

/// Fails listing each Rust file whose first line is not a `//!` comment.
pub fn run() -> Result<(), String> {
    let mut missing = Vec::new();
    for folder in ["crates", "web", "xtask", "tests"] {
        for file in rust_files(&root().join(folder)) {
            let text = fs::read_to_string(&file).unwrap_or_default();
            if !text.trim_start().starts_with("//!") {
                missing.push(
                    file.strip_prefix(root())
                        .unwrap_or(&file)
                        .display()
                        .to_string(),
                );
            }
        }
    }
    if missing.is_empty() {
        println!("tidy: every module has its doc comment");
        Ok(())
    } else {
        Err(format!(
            "these files lack a `//!` module doc comment:\n  {}",
            missing.join("\n  ")
        ))
    }
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            found.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}
