//! Postman environments: `{name, values: [{key, value, enabled, type}]}`, alone, inside the Postman API's
//! `{environment: {...}}`, or in the documenter wrapper's `environments` list.

use serde_json::Value;

use super::cx::{Cx, get, index_ptr, key_ptr, kind};
use super::fields::{string_member, variables};
use crate::Environment;

/// Why a document is not an environment: the pointer of the offending value and what was expected.
pub(crate) type ShapeProblem = (String, String);

/// Reads an environment document's root.
pub(crate) fn document(cx: &mut Cx, root: &Value) -> Result<Environment, ShapeProblem> {
    if !root.is_object() {
        return Err((String::new(), format!("expected a Postman environment (a JSON object), found {}", kind(root))));
    }
    let is_environment = |v: &Value| get(v, "values").is_some() || get(v, "name").is_some();
    if is_environment(root) {
        return Ok(environment(cx, root, ""));
    }
    match get(root, "environment") {
        Some(inner) if inner.is_object() => Ok(environment(cx, inner, "/environment")),
        Some(inner) => {
            Err(("/environment".to_owned(), format!("expected an environment object, found {}", kind(inner))))
        }
        None => Err((
            String::new(),
            "expected a Postman environment: an object with `name` and `values` (or an `environment` member)"
                .to_owned(),
        )),
    }
}

/// One environment object at `ptr`.
pub(crate) fn environment(cx: &mut Cx, value: &Value, ptr: &str) -> Environment {
    Environment {
        name: string_member(cx, value, "name", ptr).unwrap_or_default(),
        values: variables(cx, get(value, "values"), &key_ptr(ptr, "values")),
    }
}

/// A list of environments at `ptr` (the documenter wrapper's `environments`).
pub(crate) fn list(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Vec<Environment> {
    let entries = match value {
        None => return Vec::new(),
        Some(Value::Array(entries)) => entries,
        Some(other) => {
            cx.wrong_type(ptr, "`environments`", other, "a list");
            return Vec::new();
        }
    };
    let mut environments = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(ptr, index);
        if entry.is_object() {
            environments.push(environment(cx, entry, &entry_ptr));
        } else {
            cx.wrong_type(&entry_ptr, "environment", entry, "an object");
        }
    }
    environments
}
