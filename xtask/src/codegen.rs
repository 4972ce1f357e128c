//! `cargo xtask codegen`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sha2::{Digest, Sha256};
use tango_codegen::{CrateOptions, Generated, RuntimeDependency, Settings};
use tango_postman::{Environment, Severity};

use crate::CodegenArgs;
use crate::files;
use crate::targets::{TARGETS, Target, workspace_root};

/// Any failure that stops codegen; each names the file it concerns.
type Failure = Box<dyn std::error::Error>;

/// Runs `codegen` with its arguments.
pub fn run(args: &CodegenArgs) -> Result<ExitCode, Failure> {
    match (&args.collection, &args.out, &args.crate_name) {
        (Some(collection), Some(out), Some(name)) => standalone(args, collection, out, name),
        _ => workspace(args.check),
    }
}

/// Everything a generation needs, read from disk.
struct Inputs {
    collection_text: Vec<u8>,
    loaded: tango_postman::Loaded,
    environments: Vec<Environment>,
    env_diagnostics: Vec<String>,
    settings: Settings,
}

fn read_inputs(collection: &Path, environments: &[PathBuf], settings: Option<&Path>) -> Result<Inputs, Failure> {
    let collection_text =
        std::fs::read(collection).map_err(|e| format!("{}: cannot read: {e}", collection.display()))?;
    let loaded = tango_postman::load_collection(collection)?;
    let mut envs = Vec::new();
    let mut env_diagnostics = Vec::new();
    for path in environments {
        let (env, diagnostics) = tango_postman::load_environment(path)?;
        env_diagnostics.extend(diagnostics.iter().map(|d| format!("{}: {d}", path.display())));
        envs.push(env);
    }
    let settings = match settings {
        Some(path) if path.exists() => Settings::load(path)?,
        _ => Settings::default(),
    };
    Ok(Inputs { collection_text, loaded, environments: envs, env_diagnostics, settings })
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

fn generate(inputs: &Inputs, crate_name: &str, runtime: RuntimeDependency, source: &str) -> Result<Generated, Failure> {
    let options = CrateOptions {
        crate_name: crate_name.to_owned(),
        runtime,
        source: source.to_owned(),
        source_sha256: sha256_hex(&inputs.collection_text),
    };
    Ok(tango_codegen::generate(&inputs.loaded.collection, &inputs.environments, &inputs.settings, &options)?)
}

/// Prints what the loader and the generator reported, each line naming the collection file.
fn report(source: &str, inputs: &Inputs, generated: &Generated) -> usize {
    let mut count = 0;
    for line in &inputs.env_diagnostics {
        eprintln!("warning: {line}");
        count += 1;
    }
    for d in inputs.loaded.diagnostics.iter().chain(&generated.diagnostics) {
        let pointer = if d.pointer.is_empty() { "/" } else { &d.pointer };
        let label = match d.severity {
            Severity::Warning => "warning",
            Severity::Unsupported => "unsupported",
        };
        eprintln!("{label}: {source}: at {pointer}: {}", d.message);
        count += 1;
    }
    count
}

fn summary(name: &str, generated: &Generated, warnings: usize) -> String {
    let s = generated.stats;
    format!(
        "{name}: {} modules, {} operations, {} webhooks, {} types, {} example tests, {warnings} warnings",
        s.modules, s.operations, s.webhooks, s.types, s.examples
    )
}

fn workspace(check: bool) -> Result<ExitCode, Failure> {
    let root = workspace_root();
    let mut stale = Vec::new();
    for target in TARGETS {
        let generated = generate_target(&root, target)?;
        let dir = root.join(target.dir);
        if !check {
            crate::diff::target_changes_since_committed(&root, target);
        }
        let drift = if check { files::drift(&dir, &generated.files)? } else { files::write(&dir, &generated.files)? };
        if check {
            stale.extend(drift.stale.iter().map(|p| format!("{} (differs)", relative(&root, p))));
            stale.extend(drift.extra.iter().map(|p| format!("{} (no longer generated)", relative(&root, p))));
        } else if !drift.is_clean() {
            println!("  updated {} file(s), removed {}", drift.stale.len(), drift.extra.len());
        }
    }
    if stale.is_empty() {
        if check {
            println!("codegen --check: every generated crate is up to date");
        }
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("codegen --check: generated code is stale:");
    for line in &stale {
        eprintln!("  {line}");
    }
    eprintln!("run `cargo xtask codegen` and commit the result");
    Ok(ExitCode::FAILURE)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).display().to_string()
}

fn generate_target(root: &Path, target: &Target) -> Result<Generated, Failure> {
    let environments: Vec<PathBuf> = target.environments.iter().map(|e| root.join(e)).collect();
    let settings = target.settings.map(|s| root.join(s));
    let inputs = read_inputs(&root.join(target.collection), &environments, settings.as_deref())?;
    let generated = generate(&inputs, target.crate_name, RuntimeDependency::Workspace, target.collection)?;
    let warnings = report(target.collection, &inputs, &generated);
    println!("{}", summary(target.crate_name, &generated, warnings));
    Ok(generated)
}

fn standalone(args: &CodegenArgs, collection: &Path, out: &Path, name: &str) -> Result<ExitCode, Failure> {
    let inputs = read_inputs(collection, &args.environments, args.settings.as_deref())?;
    std::fs::create_dir_all(out).map_err(|e| format!("{}: cannot create: {e}", out.display()))?;
    let runtime_dir = workspace_root().join("crates/runtime");
    let runtime_path = runtime_path_from(out, &runtime_dir);
    let source =
        collection.file_name().map_or_else(|| collection.display().to_string(), |n| n.to_string_lossy().into_owned());
    let generated = generate(&inputs, name, RuntimeDependency::Path(runtime_path), &source)?;
    let warnings = report(&collection.display().to_string(), &inputs, &generated);
    if args.check {
        let drift = files::drift(out, &generated.files)?;
        println!("{}", summary(name, &generated, warnings));
        return Ok(if drift.is_clean() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    crate::diff::print_changes_since_committed(out, collection, &args.environments, args.settings.as_deref());
    files::write(out, &generated.files)?;
    println!("{}", summary(name, &generated, warnings));
    println!("wrote {} files to {}", generated.files.len(), out.display());
    Ok(ExitCode::SUCCESS)
}

/// The runtime's path as seen from `out`: relative when both are on one tree, absolute otherwise.
fn runtime_path_from(out: &Path, runtime_dir: &Path) -> String {
    let out_abs = std::path::absolute(out).unwrap_or_else(|_| out.to_owned());
    let runtime_abs = std::path::absolute(runtime_dir).unwrap_or_else(|_| runtime_dir.to_owned());
    pathdiff::diff_paths(&runtime_abs, &out_abs).unwrap_or(runtime_abs).to_string_lossy().replace('\\', "/")
}
