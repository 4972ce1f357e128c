//! Loading: JSON text -> normalized model. (Implementation in progress.)

use std::path::Path;

use crate::{Collection, Diagnostic, Environment, LoadError};

/// A collection together with what was tolerated while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The collection.
    pub collection: Collection,
    /// Warnings, in document order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses a collection file.
pub fn load_collection(path: &Path) -> Result<Loaded, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io { file: path.to_owned(), source })?;
    parse_collection(&text, path)
}

/// Parses collection JSON; `file` is used only to name the source in errors.
pub fn parse_collection(text: &str, file: &Path) -> Result<Loaded, LoadError> {
    let _ = (text, file);
    todo!()
}

/// Reads and parses a Postman environment file.
pub fn load_environment(path: &Path) -> Result<(Environment, Vec<Diagnostic>), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io { file: path.to_owned(), source })?;
    parse_environment(&text, path)
}

/// Parses environment JSON (`{name, values: [{key, value, enabled}]}`).
pub fn parse_environment(text: &str, file: &Path) -> Result<(Environment, Vec<Diagnostic>), LoadError> {
    let _ = (text, file);
    todo!()
}
