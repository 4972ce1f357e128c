//! Codegen settings: `collection/codegen.toml`.
//!
//! Everything the collection cannot tell us: which folders are webhooks, which variables hold which kind of
//! token, which variable is the base URL, and per-operation knobs. Every key has a default, so a collection can
//! be generated with no settings file at all.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The kind of credential a `{{variable}}` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenKind {
    /// A Distributor token.
    Distributor,
    /// A Reseller token.
    Reseller,
    /// Either token is accepted.
    Either,
}

/// Settings for one generation run.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Folder names (matched ignoring case and surrounding spaces) whose requests are webhooks sent to the
    /// partner, not calls the client makes.
    pub callback_folders: Vec<String>,
    /// The variable that holds the base URL of every request.
    pub base_url_variable: String,
    /// Variables that hold credentials, by kind.
    pub tokens: BTreeMap<String, TokenKind>,
    /// Literal text in descriptions to replace before it becomes rustdoc (e.g. token values the documenter
    /// substituted into prose).
    pub doc_replacements: Vec<DocReplacement>,
    /// Per-operation settings, keyed by the request's folder path and name: `"SUBSCRIBERS/Create Subscriber"`.
    pub operations: BTreeMap<String, OperationSettings>,
}

/// One literal replacement in descriptions.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocReplacement {
    /// The text to find.
    pub find: String,
    /// What to write instead.
    pub replace: String,
}

/// Settings of one operation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OperationSettings {
    /// The operation may be repeated safely (used by the runtime's retry policy for POSTs).
    pub idempotent: bool,
}

impl Default for Settings {
    fn default() -> Self {
        let tokens = [
            ("distributortoken", TokenKind::Distributor),
            ("resellertoken", TokenKind::Reseller),
            ("token", TokenKind::Either),
        ];
        Self {
            callback_folders: vec!["CALLBACKS".to_owned()],
            base_url_variable: "url".to_owned(),
            tokens: tokens.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            doc_replacements: Vec::new(),
            operations: BTreeMap::new(),
        }
    }
}

/// Why a settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid settings TOML.
    #[error("{}: {message}", path.display())]
    Parse {
        /// The file.
        path: std::path::PathBuf,
        /// What toml said, with line and column.
        message: String,
    },
}

impl Settings {
    /// Parses settings TOML; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, SettingsError> {
        toml::from_str(text).map_err(|e| SettingsError::Parse { path: path.to_owned(), message: e.to_string() })
    }

    /// Reads a settings file.
    pub fn load(path: &Path) -> Result<Self, SettingsError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| SettingsError::Io { path: path.to_owned(), source })?;
        Self::parse(&text, path)
    }

    /// Whether a folder name is a webhook folder.
    pub fn is_callback_folder(&self, name: &str) -> bool {
        self.callback_folders.iter().any(|f| f.trim().eq_ignore_ascii_case(name.trim()))
    }

    /// The token kind a variable stands for, if it is a credential variable.
    pub fn token_kind(&self, variable: &str) -> Option<TokenKind> {
        self.tokens.get(variable).copied()
    }

    /// Applies the description replacements.
    pub fn clean_doc(&self, text: &str) -> String {
        self.doc_replacements.iter().fold(text.to_owned(), |acc, r| acc.replace(&r.find, &r.replace))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_cover_tango_tokens_and_callbacks() {
        let s = Settings::default();
        assert_eq!(s.token_kind("resellertoken"), Some(TokenKind::Reseller));
        assert_eq!(s.token_kind("url"), None);
        assert!(s.is_callback_folder(" callbacks "));
    }

    #[test]
    fn parse_reads_keys_and_rejects_unknown_ones() {
        let text = "callback_folders = [\"HOOKS\"]\n[operations.\"A/B\"]\nidempotent = true\n";
        let s = Settings::parse(text, Path::new("codegen.toml")).expect("valid settings");
        assert!(s.is_callback_folder("hooks"));
        assert!(s.operations["A/B"].idempotent);
        assert_eq!(s.base_url_variable, "url");
        let err = Settings::parse("colback_folders = []", Path::new("codegen.toml")).unwrap_err();
        assert!(err.to_string().contains("codegen.toml"), "{err}");
        assert!(err.to_string().contains("colback_folders"), "{err}");
    }
}
