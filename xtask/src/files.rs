//! Writing a generated crate to disk, or checking that disk already matches (rust-analyzer's
//! `ensure_file_contents`, for a whole directory).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tango_codegen::GeneratedFile;

/// What differs between disk and the generator's output.
#[derive(Debug, Default)]
pub struct Drift {
    /// Files whose contents differ or that are missing.
    pub stale: Vec<PathBuf>,
    /// Files on disk the generator no longer produces.
    pub extra: Vec<PathBuf>,
}

impl Drift {
    /// Nothing differs.
    pub fn is_clean(&self) -> bool {
        self.stale.is_empty() && self.extra.is_empty()
    }
}

/// Every file under `dir`, relative to it, `/`-separated, sorted.
fn existing_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(current) = stack.pop() {
        let entries = match fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                // Build output and snapshots are not part of the generated sources.
                if path.file_name().is_some_and(|n| n == "target") {
                    continue;
                }
                stack.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                out.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Files that are the user's, not the generator's, in a generated crate's directory.
fn is_kept(relative: &str) -> bool {
    relative == "Cargo.lock"
}

/// Compares `files` with `dir`.
pub fn drift(dir: &Path, files: &[GeneratedFile]) -> io::Result<Drift> {
    let mut drift = Drift::default();
    for file in files {
        let path = dir.join(&file.path);
        match fs::read_to_string(&path) {
            Ok(current) if current == file.contents => {}
            Ok(_) => drift.stale.push(path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => drift.stale.push(path),
            Err(e) => return Err(e),
        }
    }
    for existing in existing_files(dir)? {
        if !is_kept(&existing) && !files.iter().any(|f| f.path == existing) {
            drift.extra.push(dir.join(existing));
        }
    }
    Ok(drift)
}

/// Makes `dir` hold exactly `files`: rewrites what differs, removes what is no longer generated, and
/// leaves identical files untouched (so their timestamps, and cargo's caches, survive).
pub fn write(dir: &Path, files: &[GeneratedFile]) -> io::Result<Drift> {
    let drift = drift(dir, files)?;
    for file in files {
        let path = dir.join(&file.path);
        if drift.stale.contains(&path) {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, &file.contents)?;
        }
    }
    for path in &drift.extra {
        fs::remove_file(path)?;
    }
    remove_empty_dirs(dir)?;
    Ok(drift)
}

fn remove_empty_dirs(dir: &Path) -> io::Result<bool> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(false) };
    let mut empty = true;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            if remove_empty_dirs(&path)? {
                fs::remove_dir(&path)?;
            } else {
                empty = false;
            }
        } else {
            empty = false;
        }
    }
    Ok(empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, contents: &str) -> GeneratedFile {
        GeneratedFile { path: path.to_owned(), contents: contents.to_owned() }
    }

    #[test]
    fn write_then_drift_is_clean_and_edits_are_found() {
        let dir = tempfile::tempdir().expect("tempdir");
        let files = vec![file("Cargo.toml", "[package]\n"), file("src/lib.rs", "//! x\n")];
        let first = write(dir.path(), &files).expect("write");
        assert_eq!(first.stale.len(), 2);
        assert!(drift(dir.path(), &files).expect("drift").is_clean());

        fs::write(dir.path().join("src/lib.rs"), "//! edited\n").expect("edit");
        fs::write(dir.path().join("src/old.rs"), "//! stale\n").expect("extra");
        let found = drift(dir.path(), &files).expect("drift");
        assert_eq!(found.stale, vec![dir.path().join("src/lib.rs")]);
        assert_eq!(found.extra, vec![dir.path().join("src/old.rs")]);

        write(dir.path(), &files).expect("rewrite");
        assert!(drift(dir.path(), &files).expect("drift").is_clean());
        assert!(!dir.path().join("src/old.rs").exists());
    }
}
