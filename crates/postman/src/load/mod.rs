//! Loading: JSON text -> normalized model.
//!
//! The file is parsed into a `serde_json::Value` first and then walked by hand, so that every shape real files
//! use can be accepted and everything skipped can be reported with its JSON pointer. The dialect is chosen by
//! shape: `info`/`item` is v2 ([`v2`]), `requests` is v1 ([`v1`]), `collection` is a wrapper ([`wrapper`]).

mod auth;
mod body;
mod cx;
mod environment;
mod fields;
mod url;
mod v1;
mod v2;
mod wrapper;

use std::path::Path;

use serde_json::Value;

use self::cx::{Cx, get, kind};
use crate::{Collection, Diagnostic, Environment, LoadError};

/// A collection together with what was tolerated while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The collection.
    pub collection: Collection,
    /// Warnings, in the order they were found (document order within each list the file has).
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses a collection file.
pub fn load_collection(path: &Path) -> Result<Loaded, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io { file: path.to_owned(), source })?;
    parse_collection(&text, path)
}

/// Parses collection JSON; `file` is used only to name the source in errors.
pub fn parse_collection(text: &str, file: &Path) -> Result<Loaded, LoadError> {
    let root = parse_json(text, file)?;
    let mut cx = Cx::default();
    let collection = collection(&mut cx, &root, file)?;
    Ok(Loaded { collection, diagnostics: cx.diagnostics })
}

/// Reads and parses a Postman environment file.
pub fn load_environment(path: &Path) -> Result<(Environment, Vec<Diagnostic>), LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Io { file: path.to_owned(), source })?;
    parse_environment(&text, path)
}

/// Parses environment JSON (`{name, values: [{key, value, enabled}]}`, or the Postman API's
/// `{environment: {...}}`).
pub fn parse_environment(text: &str, file: &Path) -> Result<(Environment, Vec<Diagnostic>), LoadError> {
    let root = parse_json(text, file)?;
    let mut cx = Cx::default();
    let environment = environment::document(&mut cx, &root).map_err(|(pointer, message)| LoadError::Shape {
        file: file.to_owned(),
        pointer,
        message,
    })?;
    Ok((environment, cx.diagnostics))
}

/// Parses JSON (tolerating a UTF-8 byte-order mark, which Windows editors add). serde_json bounds nesting at
/// 128 levels, so hostile input fails here instead of exhausting the stack.
fn parse_json(text: &str, file: &Path) -> Result<Value, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|error| {
        let position = format!(" at line {} column {}", error.line(), error.column());
        let message = error.to_string();
        LoadError::Json {
            file: file.to_owned(),
            line: error.line(),
            column: error.column(),
            message: message.strip_suffix(&position).unwrap_or(&message).to_owned(),
        }
    })
}

fn collection(cx: &mut Cx, root: &Value, file: &Path) -> Result<Collection, LoadError> {
    let shape = |pointer: &str, message: String| LoadError::Shape {
        file: file.to_owned(),
        pointer: pointer.to_owned(),
        message,
    };
    if !root.is_object() {
        return Err(shape("", format!("expected a Postman collection (a JSON object), found {}", kind(root))));
    }
    if let Some(collection) = plain_collection(cx, root, "") {
        return Ok(collection);
    }
    let Some(inner) = get(root, "collection") else {
        return Err(shape(
            "",
            "expected a Postman collection: an object with `info`, `item`, `requests` or `collection`".into(),
        ));
    };
    if !inner.is_object() {
        return Err(shape("/collection", format!("expected a collection object, found {}", kind(inner))));
    }
    let mut collection = plain_collection(cx, inner, "/collection")
        .ok_or_else(|| shape("/collection", "expected a collection object with `info`, `item` or `requests`".into()))?;
    wrapper::complete(cx, &mut collection, root);
    Ok(collection)
}

/// A v2 or v1 collection object at `ptr`, or `None` when `obj` has neither shape.
fn plain_collection(cx: &mut Cx, obj: &Value, ptr: &str) -> Option<Collection> {
    if get(obj, "info").is_some() || get(obj, "item").is_some() {
        Some(v2::collection(cx, obj, ptr))
    } else if get(obj, "requests").is_some() {
        Some(v1::collection(cx, obj, ptr))
    } else {
        None
    }
}
