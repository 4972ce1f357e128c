//! Postman collection -> typed Rust client crate.
//!
//! The pipeline runs one way: a loaded [`tango_postman::Collection`] becomes an [`api::Api`] (operations,
//! parameters, inferred body types, examples), which [`emit`] turns into the files of a crate. Pure: no
//! network, no file writes; the `xtask` binary does the I/O.

pub mod api;
pub mod diff;
pub mod docs;
pub mod emit;
pub mod infer;
pub mod names;
pub mod settings;

use tango_postman::{Collection, Diagnostic, Environment};

pub use emit::{CrateOptions, EmitError, GeneratedFile, RuntimeDependency};
pub use settings::Settings;

/// Counts that describe a generated crate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Folder modules.
    pub modules: usize,
    /// Call functions.
    pub operations: usize,
    /// Webhook parse functions' subjects.
    pub webhooks: usize,
    /// Generated structs.
    pub types: usize,
    /// Example round-trip tests.
    pub examples: usize,
}

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// Every file, paths relative to the crate root, in a stable order.
    pub files: Vec<GeneratedFile>,
    /// What the collection made us approximate or leave out.
    pub diagnostics: Vec<Diagnostic>,
    /// Counts.
    pub stats: Stats,
}

/// Generates a crate from a collection.
pub fn generate(
    collection: &Collection,
    environments: &[Environment],
    settings: &Settings,
    options: &CrateOptions,
) -> Result<Generated, EmitError> {
    let settings = &with_secret_redaction(settings, collection, environments);
    let api = api::build(collection, environments, settings);
    let files = emit::emit(&api, settings, options)?;
    let mut stats = Stats { types: api.error_types.len(), ..Stats::default() };
    count(&api.root, &mut stats);
    Ok(Generated { files, diagnostics: api.diagnostics, stats })
}

/// Adds a doc replacement for every value a token variable has in the collection or its environments, so a
/// token pasted into prose (the documenter substitutes variables) never reaches the generated docs.
fn with_secret_redaction(settings: &Settings, collection: &Collection, environments: &[Environment]) -> Settings {
    let mut settings = settings.clone();
    let values = collection
        .variables
        .iter()
        .chain(collection.environments.iter().flat_map(|e| &e.values))
        .chain(environments.iter().flat_map(|e| &e.values));
    for variable in values {
        // Short values would replace ordinary words; real tokens are long.
        if settings.token_kind(&variable.key).is_some() && variable.value.trim().len() >= 8 {
            let replacement = settings::DocReplacement {
                find: variable.value.trim().to_owned(),
                replace: format!("`{{{{{}}}}}`", variable.key),
            };
            if !settings.doc_replacements.contains(&replacement) {
                settings.doc_replacements.push(replacement);
            }
        }
    }
    settings
}

fn count(module: &api::Module, stats: &mut Stats) {
    for child in &module.children {
        stats.modules += 1;
        stats.operations += child.operations.len();
        stats.webhooks += child.webhooks.len();
        stats.types += child.types.len();
        stats.examples += child.operations.iter().map(|o| o.examples.len()).sum::<usize>()
            + child.webhooks.iter().map(|w| w.examples.len()).sum::<usize>();
        count(child, stats);
    }
}
