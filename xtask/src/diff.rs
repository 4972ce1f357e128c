//! `cargo xtask diff OLD NEW [--format markdown|json]`, and the API diff `cargo xtask codegen` prints when it
//! regenerates a crate over one made from another collection.
//!
//! OLD and NEW are collection files or `git:REV:PATH` (read with `git show REV:PATH`, so PATH is relative to
//! the repository root, or to the current directory when it starts with `./`). Both are built into API models
//! with the same settings and compared by `tango_codegen::diff`. Exit status: 0 when nothing is breaking, 1
//! when something is, 2 on error.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use sha2::{Digest, Sha256};
use tango_codegen::Settings;
use tango_codegen::api::{self, Api};
use tango_codegen::diff;
use tango_postman::Environment;

use crate::fetch::previous_path;
use crate::targets::{Target, workspace_root};

/// Arguments of `diff`.
#[derive(clap::Args, Debug)]
pub struct DiffArgs {
    /// The old collection: a file, or `git:REV:PATH`.
    pub old: String,
    /// The new collection: a file, or `git:REV:PATH`.
    pub new: String,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,
    /// Codegen settings TOML used for both sides (default: the workspace's collection/codegen.toml).
    #[arg(long)]
    pub settings: Option<PathBuf>,
    /// Postman environment files whose presets both sides get.
    #[arg(long = "environment")]
    pub environments: Vec<PathBuf>,
}

/// How the report is written.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Headings and bullet lists, breaking changes first.
    Markdown,
    /// `{"changes": [{"operation", "kind", "breaking", "detail"}]}`.
    Json,
}

/// Why a diff could not run.
#[derive(Debug, thiserror::Error)]
pub enum DiffError {
    /// A `git:` source without a revision or path.
    #[error("{spec}: expected `git:REV:PATH`, e.g. `git:HEAD:collection/tango-provisioning-v6.published.json`")]
    BadGitSpec {
        /// The argument as given.
        spec: String,
    },
    /// A file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// git could not be started.
    #[error("{spec}: cannot run git: {source}")]
    GitUnavailable {
        /// The source.
        spec: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// `git show` failed.
    #[error("{spec}: `git show` failed: {message}")]
    Git {
        /// The source.
        spec: String,
        /// What git said.
        message: String,
    },
    /// The text is not a collection.
    #[error(transparent)]
    Load(#[from] tango_postman::LoadError),
    /// The settings file is not valid.
    #[error(transparent)]
    Settings(#[from] tango_codegen::settings::SettingsError),
}

/// Where one side of the diff comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// A file at a git revision.
    Git {
        /// The revision (`HEAD`, `v6.0`, a hash).
        rev: String,
        /// The path, as `git show` reads it.
        path: String,
    },
}

impl Source {
    /// Reads an argument: `git:REV:PATH` or a file path.
    pub fn parse(spec: &str) -> Result<Self, DiffError> {
        let Some(rest) = spec.strip_prefix("git:") else { return Ok(Source::File(PathBuf::from(spec))) };
        match rest.split_once(':') {
            Some((rev, path)) if !rev.is_empty() && !path.is_empty() => {
                Ok(Source::Git { rev: rev.to_owned(), path: path.to_owned() })
            }
            _ => Err(DiffError::BadGitSpec { spec: spec.to_owned() }),
        }
    }

    /// How reports name it.
    pub fn label(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Git { rev, path } => format!("git:{rev}:{path}"),
        }
    }

    /// Its bytes.
    pub fn read(&self) -> Result<Vec<u8>, DiffError> {
        match self {
            Source::File(path) => std::fs::read(path).map_err(|source| DiffError::Read { path: path.clone(), source }),
            Source::Git { rev, path } => git_show(None, rev, path).map_err(|e| match e {
                GitFailure::Unavailable(source) => DiffError::GitUnavailable { spec: self.label(), source },
                GitFailure::Failed(message) => DiffError::Git { spec: self.label(), message },
            }),
        }
    }
}

enum GitFailure {
    Unavailable(std::io::Error),
    Failed(String),
}

/// `git show REV:PATH`, in `dir` (or the current directory).
fn git_show(dir: Option<&Path>, rev: &str, path: &str) -> Result<Vec<u8>, GitFailure> {
    let mut command = Command::new("git");
    if let Some(dir) = dir {
        command.arg("-C").arg(dir);
    }
    let output = command.arg("show").arg(format!("{rev}:{path}")).output().map_err(GitFailure::Unavailable)?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(GitFailure::Failed(String::from_utf8_lossy(&output.stderr).trim().to_owned()))
    }
}

/// Builds the API model of collection text; `label` names it in errors.
fn model(bytes: &[u8], label: &str, environments: &[Environment], settings: &Settings) -> Result<Api, DiffError> {
    let text = String::from_utf8_lossy(bytes);
    let loaded = tango_postman::parse_collection(&text, Path::new(label))?;
    Ok(api::build(&loaded.collection, environments, settings))
}

fn load_environments(paths: &[PathBuf]) -> Result<Vec<Environment>, DiffError> {
    paths.iter().map(|p| Ok(tango_postman::load_environment(p)?.0)).collect()
}

fn load_settings(path: Option<&Path>) -> Result<Settings, DiffError> {
    let default = workspace_root().join("collection/codegen.toml");
    match path {
        Some(path) => Ok(Settings::load(path)?),
        None if default.exists() => Ok(Settings::load(&default)?),
        None => Ok(Settings::default()),
    }
}

/// Runs `diff`: prints the report; exit 1 when something is breaking.
pub fn run(args: &DiffArgs) -> Result<ExitCode, DiffError> {
    let (old, new) = (Source::parse(&args.old)?, Source::parse(&args.new)?);
    let settings = load_settings(args.settings.as_deref())?;
    let environments = load_environments(&args.environments)?;
    let old_api = model(&old.read()?, &old.label(), &environments, &settings)?;
    let new_api = model(&new.read()?, &new.label(), &environments, &settings)?;
    let report = diff::diff(&old_api, &new_api);
    match args.format {
        Format::Markdown => print!("{}", report.to_markdown(&old.label(), &new.label())),
        Format::Json => println!("{}", report.to_json()),
    }
    Ok(if report.is_breaking() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Prints what changed in the API of a workspace target, when its committed crate was made from another
/// collection than the one in its directory now (see [`print_changes_since_committed`]).
pub fn target_changes_since_committed(root: &Path, target: &Target) {
    let environments: Vec<PathBuf> = target.environments.iter().map(|e| root.join(e)).collect();
    let settings = target.settings.map(|s| root.join(s));
    print_changes_since_committed(
        &root.join(target.dir),
        &root.join(target.collection),
        &environments,
        settings.as_deref(),
    );
}

/// The lines `codegen` prints about the API changes; never fails (it says why it skipped instead).
///
/// The committed crate records the SHA-256 of the collection it was made from (`COLLECTION_SHA256` in
/// `src/lib.rs`). When that differs from the collection file's hash, the old collection is looked for in two
/// places, and used only when its hash is the recorded one, so the diff is always against exactly what made
/// the committed code: first the previous file `cargo xtask fetch` kept next to the collection
/// (`NAME.previous.json`: no git needed), then `git show HEAD:` of the collection file (the committed
/// collection, which is what made the committed crate when both were committed together).
pub fn print_changes_since_committed(
    crate_dir: &Path,
    collection: &Path,
    environments: &[PathBuf],
    settings: Option<&Path>,
) {
    for line in changes_since_committed(crate_dir, collection, environments, settings) {
        println!("{line}");
    }
}

fn changes_since_committed(
    crate_dir: &Path,
    collection: &Path,
    environments: &[PathBuf],
    settings: Option<&Path>,
) -> Vec<String> {
    let lib = crate_dir.join("src/lib.rs");
    let Ok(lib_text) = std::fs::read_to_string(&lib) else { return Vec::new() };
    let Some(recorded) = recorded_hash(&lib_text) else {
        return vec![format!("  API diff skipped: {} records no COLLECTION_SHA256", lib.display())];
    };
    let Ok(new_bytes) = std::fs::read(collection) else { return Vec::new() };
    if sha256_hex(&new_bytes) == recorded {
        return Vec::new();
    }
    let (old_bytes, old_label) = match find_old(collection, &recorded) {
        Ok(found) => found,
        Err(reasons) => {
            return vec![format!(
                "  API diff skipped: {} was made from a collection with sha256 {}, and no copy of it was found ({})",
                crate_dir.display(),
                short(&recorded),
                reasons.join("; ")
            )];
        }
    };
    let built = (|| -> Result<(Api, Api), DiffError> {
        let settings = load_settings(settings)?;
        let environments = load_environments(environments)?;
        let old = model(&old_bytes, &old_label, &environments, &settings)?;
        let new = model(&new_bytes, &collection.display().to_string(), &environments, &settings)?;
        Ok((old, new))
    })();
    let (old, new) = match built {
        Ok(models) => models,
        Err(e) => return vec![format!("  API diff skipped: {e}")],
    };
    let report = diff::diff(&old, &new);
    let breaking = report.breaking().count();
    let mut lines = vec![format!(
        "  API changes since the collection the committed crate was made from ({old_label}): {} change(s), {breaking} breaking",
        report.changes.len()
    )];
    lines.extend(report.summary_lines(40).into_iter().map(|l| format!("    {l}")));
    let mut hint = String::from("  full report: cargo xtask diff ");
    let _ = write!(hint, "{old_label} {}", collection.display());
    if !report.changes.is_empty() {
        lines.push(hint);
    }
    lines
}

/// The old collection's bytes and a label that `cargo xtask diff` accepts, or why none was found.
fn find_old(collection: &Path, recorded: &str) -> Result<(Vec<u8>, String), Vec<String>> {
    let mut reasons = Vec::new();
    let previous = previous_path(collection);
    match std::fs::read(&previous) {
        Ok(bytes) if sha256_hex(&bytes) == recorded => return Ok((bytes, previous.display().to_string())),
        Ok(_) => reasons.push(format!("{} has another hash", previous.display())),
        Err(_) => reasons.push(format!("no {}", previous.display())),
    }
    let dir = collection.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = collection.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        reasons.push("the collection path has no file name".to_owned());
        return Err(reasons);
    };
    match git_show(Some(dir), "HEAD", &format!("./{name}")) {
        Ok(bytes) if sha256_hex(&bytes) == recorded => {
            let label = repo_path(dir, &name).map_or_else(|| format!("git:HEAD:./{name}"), |p| format!("git:HEAD:{p}"));
            Ok((bytes, label))
        }
        Ok(_) => {
            reasons.push("the collection at git HEAD has another hash".to_owned());
            Err(reasons)
        }
        Err(GitFailure::Unavailable(e)) => {
            reasons.push(format!("git is not available: {e}"));
            Err(reasons)
        }
        Err(GitFailure::Failed(message)) => {
            reasons.push(format!("git: {message}"));
            Err(reasons)
        }
    }
}

/// The file's path relative to the repository root, when git can tell.
fn repo_path(dir: &Path, name: &str) -> Option<String> {
    let output = Command::new("git").arg("-C").arg(dir).args(["rev-parse", "--show-prefix"]).output().ok()?;
    output.status.success().then(|| format!("{}{name}", String::from_utf8_lossy(&output.stdout).trim()))
}

/// `COLLECTION_SHA256` from a generated `lib.rs`.
fn recorded_hash(lib: &str) -> Option<String> {
    let line = lib.lines().find(|l| l.contains("COLLECTION_SHA256: &str"))?;
    let value = line.split('"').nth(1)?;
    (value.len() == 64 && value.chars().all(|c| c.is_ascii_hexdigit())).then(|| value.to_ascii_lowercase())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_are_files_or_git_revisions() {
        assert_eq!(Source::parse("a/b.json").ok(), Some(Source::File(PathBuf::from("a/b.json"))));
        assert_eq!(
            Source::parse("git:HEAD~1:collection/x.json").ok(),
            Some(Source::Git { rev: "HEAD~1".into(), path: "collection/x.json".into() })
        );
        assert!(matches!(Source::parse("git:HEAD"), Err(DiffError::BadGitSpec { .. })));
        assert!(matches!(Source::parse("git::x.json"), Err(DiffError::BadGitSpec { .. })));
    }

    #[test]
    fn the_recorded_hash_is_read_from_lib_rs() {
        let hash = "9c51bc444668772f31f1b61dca8c5898ce97f62f16af4066cb68a015fb7b1908";
        let lib = format!("/// x\npub const COLLECTION_SHA256: &str = \"{hash}\";\n");
        assert_eq!(recorded_hash(&lib).as_deref(), Some(hash));
        assert_eq!(recorded_hash("pub const COLLECTION_SHA256: &str = \"nope\";"), None);
        assert_eq!(recorded_hash(""), None);
    }
}
