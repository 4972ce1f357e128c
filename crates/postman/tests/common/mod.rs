//! Helpers shared by the integration tests.
#![allow(dead_code)] // each test binary uses a different subset

use std::path::{Path, PathBuf};

use tango_postman::{Diagnostic, Folder, Item, LoadError, Loaded, RequestItem, load_collection, parse_collection};

/// Path of a fixture under `tests/fixtures`.
pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Loads a fixture collection, failing the test with the error when it does not load.
pub fn fixture(name: &str) -> Loaded {
    load_collection(&fixture_path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Parses inline collection JSON.
pub fn parse(json: &str) -> Result<Loaded, LoadError> {
    parse_collection(json, Path::new("inline.json"))
}

/// Parses inline collection JSON that must load.
pub fn parse_ok(json: &str) -> Loaded {
    parse(json).unwrap_or_else(|e| panic!("{e}"))
}

/// Every request, depth first, in collection order.
pub fn requests(items: &[Item]) -> Vec<&RequestItem> {
    let mut out = Vec::new();
    walk(items, &mut |item| {
        if let Item::Request(r) = item {
            out.push(r);
        }
    });
    out
}

/// Every folder, depth first, in collection order.
pub fn folders(items: &[Item]) -> Vec<&Folder> {
    let mut out = Vec::new();
    walk(items, &mut |item| {
        if let Item::Folder(f) = item {
            out.push(f);
        }
    });
    out
}

fn walk<'a>(items: &'a [Item], visit: &mut impl FnMut(&'a Item)) {
    for item in items {
        visit(item);
        if let Item::Folder(folder) = item {
            walk(&folder.items, visit);
        }
    }
}

/// The names of `items`, folders and requests alike.
pub fn names(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .map(|item| match item {
            Item::Folder(f) => f.name.as_str(),
            Item::Request(r) => r.name.as_str(),
        })
        .collect()
}

/// The folder at index `index` of `items`, failing the test when it is a request or missing.
pub fn folder_at(items: &[Item], index: usize) -> &Folder {
    match items.get(index) {
        Some(Item::Folder(f)) => f,
        other => panic!("expected a folder at {index}, found {other:?}"),
    }
}

/// The request at index `index` of `items`, failing the test when it is a folder or missing.
pub fn request_at(items: &[Item], index: usize) -> &RequestItem {
    match items.get(index) {
        Some(Item::Request(r)) => r,
        other => panic!("expected a request at {index}, found {other:?}"),
    }
}

/// `(pointer, message)` of every diagnostic, for exact comparisons.
pub fn diagnostics(loaded: &Loaded) -> Vec<(&str, &str)> {
    loaded.diagnostics.iter().map(|d: &Diagnostic| (d.pointer.as_str(), d.message.as_str())).collect()
}
