//! Warnings and errors that name where in a file they come from.

use std::fmt;
use std::path::PathBuf;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something was tolerated or approximated; generation goes on.
    Warning,
    /// Something is not supported and was left out; the message says what.
    Unsupported,
}

/// A non-fatal finding about a collection, tied to a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// JSON pointer (RFC 6901) into the file, `""` for the whole document.
    pub pointer: String,
    /// What was found and what was done about it.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Unsupported => "unsupported",
        };
        write!(f, "{label} at {}: {}", shown_pointer(&self.pointer), self.message)
    }
}

/// Why a file could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", file.display())]
    Io {
        /// The file.
        file: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{}:{line}:{column}: not valid JSON: {message}", file.display())]
    Json {
        /// The file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's explanation.
        message: String,
    },
    /// The JSON is not a collection (or environment) of any known shape.
    #[error("{}: at {}: {message}", file.display(), shown_pointer(pointer))]
    Shape {
        /// The file.
        file: PathBuf,
        /// JSON pointer of the offending value.
        pointer: String,
        /// What was expected and what was found.
        message: String,
    },
}

/// A pointer as shown to people: the whole document (`""`) reads as `/`.
fn shown_pointer(pointer: &str) -> &str {
    if pointer.is_empty() { "/" } else { pointer }
}

/// Escapes one JSON-pointer reference token (`~` -> `~0`, `/` -> `~1`).
pub fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
