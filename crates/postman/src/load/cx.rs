//! The loading context: where diagnostics go, plus JSON-pointer and value-kind helpers shared by every reader.

use serde_json::Value;

use crate::{Diagnostic, Severity, escape_pointer_token};

/// Folder nesting deeper than this is not followed. Real collections nest a handful of levels; the bound keeps
/// recursion (and v1's id-linked folders, which JSON nesting limits do not cover) off the stack's edge.
pub(crate) const MAX_FOLDER_DEPTH: usize = 32;

/// Collects diagnostics while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Cx {
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Cx {
    /// Records something tolerated or approximated at `pointer`.
    pub(crate) fn warn(&mut self, pointer: &str, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic {
            severity: Severity::Warning,
            pointer: pointer.to_owned(),
            message: message.into(),
        });
    }

    /// Records that `value` (at `pointer`) had the wrong type and was skipped.
    pub(crate) fn wrong_type(&mut self, pointer: &str, what: &str, value: &Value, expected: &str) {
        self.warn(pointer, format!("{what} is {}, expected {expected}; skipped", kind(value)));
    }
}

/// The pointer of member `key` of the value at `pointer`.
pub(crate) fn key_ptr(pointer: &str, key: &str) -> String {
    format!("{pointer}/{}", escape_pointer_token(key))
}

/// The pointer of element `index` of the array at `pointer`.
pub(crate) fn index_ptr(pointer: &str, index: usize) -> String {
    format!("{pointer}/{index}")
}

/// "a string", "an array", ... for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A scalar as text, as JSON would write it; `null` is empty. Arrays and objects have no text form here.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::new()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// `value[key]`, treating `null` as absent (Postman writes `null` for "not set" throughout).
pub(crate) fn get<'a>(value: &'a Value, key: &str) -> Option<&'a Value> {
    value.get(key).filter(|v| !v.is_null())
}
