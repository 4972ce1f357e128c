//! `cargo xtask`: workspace tasks.
//!
//! - `cargo xtask codegen`: regenerate every generated crate of the workspace (see [`targets`]).
//! - `cargo xtask codegen --check`: fail, naming the stale files, when a committed crate differs from what
//!   the generator produces now.
//! - `cargo xtask codegen --collection FILE [--environment FILE]... --out DIR --crate-name NAME`: write a
//!   standalone crate for any collection.
//! - `cargo xtask fetch [--base-url URL] [--out FILE]`: download the full published collection (see [`fetch`]).
//! - `cargo xtask diff OLD NEW [--format markdown|json]`: what changed in the API between two collections, and
//!   whether it breaks users of the generated crate (see [`diff`]); exit 1 when it does.

mod codegen;
mod diff;
mod fetch;
mod files;
mod targets;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Workspace tasks for tango-api")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the generated crates (or one standalone crate with --collection/--out).
    Codegen(CodegenArgs),
    /// Download the full published collection from Postman's documenter (keeps the replaced file).
    Fetch(fetch::FetchArgs),
    /// Compare the APIs of two collections (files or git:REV:PATH); exit 1 when a change is breaking.
    Diff(diff::DiffArgs),
}

/// Arguments of `codegen`.
#[derive(clap::Args, Debug)]
pub struct CodegenArgs {
    /// Check only: exit non-zero, naming stale files, if regenerating would change anything.
    #[arg(long)]
    pub check: bool,
    /// A collection to generate a standalone crate from (needs --out and --crate-name).
    #[arg(long, requires_all = ["out", "crate_name"])]
    pub collection: Option<PathBuf>,
    /// Postman environment files whose base URLs become presets (with --collection).
    #[arg(long = "environment", requires = "collection")]
    pub environments: Vec<PathBuf>,
    /// Codegen settings TOML (with --collection; default: built-in defaults).
    #[arg(long, requires = "collection")]
    pub settings: Option<PathBuf>,
    /// Directory of the standalone crate.
    #[arg(long, requires = "collection")]
    pub out: Option<PathBuf>,
    /// Package name of the standalone crate.
    #[arg(long, requires = "collection")]
    pub crate_name: Option<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Codegen(args) => codegen::run(&args),
        Command::Fetch(args) => fetch::run(&args).map_err(Into::into),
        Command::Diff(args) => diff::run(&args).map_err(Into::into),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}
