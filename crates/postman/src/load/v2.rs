//! The v2.0 / v2.1 dialect: `{info, item, variable, auth}` with folders nested through `item` (or `items`).

use serde_json::Value;

use super::auth::auth;
use super::body::body;
use super::cx::{Cx, MAX_FOLDER_DEPTH, get, index_ptr, key_ptr, kind, scalar_text};
use super::fields::{PairSyntax, description, key_values, scalar_member, string_member, variables};
use super::url::{parse_url, url};
use crate::{Collection, Folder, Info, Item, Published, Request, RequestItem, SavedResponse, SchemaVersion};

/// Reads a v2 collection object found at `ptr`.
pub(crate) fn collection(cx: &mut Cx, root: &Value, ptr: &str) -> Collection {
    let info_ptr = key_ptr(ptr, "info");
    let info = match get(root, "info") {
        Some(value @ Value::Object(_)) => info(cx, value, &info_ptr),
        Some(other) => {
            cx.wrong_type(&info_ptr, "`info`", other, "an object");
            Info { schema: Some(SchemaVersion::V2_1), ..Info::default() }
        }
        None => Info { schema: Some(SchemaVersion::V2_1), ..Info::default() },
    };
    Collection {
        info,
        items: items(cx, root, ptr, 0),
        variables: variables(cx, get(root, "variable"), &key_ptr(ptr, "variable")),
        auth: auth(cx, get(root, "auth"), &key_ptr(ptr, "auth")),
        environments: Vec::new(),
    }
}

fn info(cx: &mut Cx, info: &Value, ptr: &str) -> Info {
    Info {
        name: string_member(cx, info, "name", ptr).unwrap_or_default(),
        description: description(cx, info, ptr),
        version: version(cx, info, ptr),
        postman_id: string_member(cx, info, "_postman_id", ptr).or_else(|| string_member(cx, info, "id", ptr)),
        schema: Some(schema(cx, info, ptr)),
        published: published(cx, info, ptr),
    }
}

/// The dialect named by `schema` (or the older `_postman_schema`); the v2 shape decides when it names none.
fn schema(cx: &mut Cx, info: &Value, ptr: &str) -> SchemaVersion {
    let key = if get(info, "schema").is_some() { "schema" } else { "_postman_schema" };
    let Some(url) = string_member(cx, info, key, ptr) else {
        return SchemaVersion::V2_1;
    };
    schema_version(&url).unwrap_or_else(|| {
        cx.warn(&key_ptr(ptr, key), "schema URL names no known collection version; read as v2.1 by its shape");
        SchemaVersion::V2_1
    })
}

/// `.../v2.1.0/collection.json` -> v2.1; `.../v2.0.0/...`, `.../v2/...` and `#2.0.0` -> v2.0.
fn schema_version(url: &str) -> Option<SchemaVersion> {
    let url = url.to_ascii_lowercase();
    if url.contains("v2.1") || url.contains("#2.1") {
        Some(SchemaVersion::V2_1)
    } else if url.contains("v2.0") || url.contains("#2.0") || url.contains("/v2/") {
        Some(SchemaVersion::V2_0)
    } else {
        None
    }
}

/// `version`: a string (`8.10.1`), a number, or `{major, minor, patch, identifier | prerelease}`.
fn version(cx: &mut Cx, info: &Value, ptr: &str) -> Option<String> {
    let value = get(info, "version")?;
    if let Some(text) = scalar_text(value) {
        return Some(text);
    }
    let version_ptr = key_ptr(ptr, "version");
    if !value.is_object() {
        cx.wrong_type(&version_ptr, "`version`", value, "a string or {major, minor, patch}");
        return None;
    }
    let part = |key: &str| get(value, key).and_then(scalar_text);
    let mut text = ["major", "minor", "patch"].map(|k| part(k).unwrap_or_else(|| "0".to_owned())).join(".");
    if let Some(suffix) = part("identifier").or_else(|| part("prerelease")).filter(|s| !s.is_empty()) {
        text.push('-');
        text.push_str(&suffix);
    }
    Some(text)
}

/// Documenter publication fields written into `info`; `None` when there are none.
pub(crate) fn published(cx: &mut Cx, obj: &Value, ptr: &str) -> Option<Published> {
    let published = Published {
        public_url: scalar_member(cx, obj, "publicUrl", ptr),
        owner: scalar_member(cx, obj, "owner", ptr),
        published_id: scalar_member(cx, obj, "publishedId", ptr),
        active_version_tag: scalar_member(cx, obj, "activeVersionTag", ptr),
        publish_date: scalar_member(cx, obj, "publishDate", ptr),
    };
    (published != Published::default()).then_some(published)
}

/// The children of a collection or folder at `ptr`; `depth` is their nesting level (0 = top level).
fn items(cx: &mut Cx, parent: &Value, ptr: &str, depth: usize) -> Vec<Item> {
    let (key, list) = match (get(parent, "item"), get(parent, "items")) {
        (Some(list), _) => ("item", list),
        (None, Some(list)) => ("items", list),
        (None, None) => return Vec::new(),
    };
    let list_ptr = key_ptr(ptr, key);
    let Value::Array(entries) = list else {
        cx.wrong_type(&list_ptr, &format!("`{key}`"), list, "a list");
        return Vec::new();
    };
    let mut items = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(&list_ptr, index);
        if entry.is_object() {
            items.push(item(cx, entry, &entry_ptr, depth));
        } else {
            cx.wrong_type(&entry_ptr, "item", entry, "an object (a folder or a request)");
        }
    }
    items
}

/// A folder has `item` (or `items`); a request has `request`. Postman's own SDK reads anything else as a request.
fn item(cx: &mut Cx, entry: &Value, ptr: &str, depth: usize) -> Item {
    let children = get(entry, "item").or_else(|| get(entry, "items"));
    let has_request = get(entry, "request").is_some();
    match children {
        Some(Value::Array(list)) if has_request && !list.is_empty() => {
            cx.warn(ptr, "item has both `item` and `request`; read as a folder, its `request` was ignored");
            Item::Folder(folder(cx, entry, ptr, depth))
        }
        Some(_) if !has_request => Item::Folder(folder(cx, entry, ptr, depth)),
        _ => {
            if !has_request {
                cx.warn(ptr, "item has neither `request` nor `item`; read as a GET request with no URL");
            }
            Item::Request(request_item(cx, entry, ptr))
        }
    }
}

fn folder(cx: &mut Cx, entry: &Value, ptr: &str, depth: usize) -> Folder {
    let name = string_member(cx, entry, "name", ptr).unwrap_or_default();
    let description = description(cx, entry, ptr);
    let items = if depth + 1 >= MAX_FOLDER_DEPTH {
        cx.warn(
            ptr,
            format!("folder nesting deeper than {MAX_FOLDER_DEPTH} levels; this folder's contents were skipped"),
        );
        Vec::new()
    } else {
        items(cx, entry, ptr, depth + 1)
    };
    Folder {
        name,
        description,
        items,
        auth: auth(cx, get(entry, "auth"), &key_ptr(ptr, "auth")),
        variables: variables(cx, get(entry, "variable"), &key_ptr(ptr, "variable")),
        pointer: ptr.to_owned(),
    }
}

fn request_item(cx: &mut Cx, entry: &Value, ptr: &str) -> RequestItem {
    let name = string_member(cx, entry, "name", ptr).unwrap_or_default();
    let request = get(entry, "request").map_or_else(get_request, |value| request(cx, value, &key_ptr(ptr, "request")));
    let item_description = description(cx, entry, ptr);
    RequestItem {
        name,
        description: request.description.clone().or(item_description),
        request,
        responses: responses(cx, get(entry, "response"), &key_ptr(ptr, "response")),
        variables: variables(cx, get(entry, "variable"), &key_ptr(ptr, "variable")),
        pointer: ptr.to_owned(),
    }
}

/// An empty GET request: what Postman assumes when a request leaves everything out.
fn get_request() -> Request {
    Request { method: "GET".to_owned(), ..Request::default() }
}

/// A request at `ptr`: a bare URL string or an object; `method` defaults to GET and is upper-cased.
pub(crate) fn request(cx: &mut Cx, value: &Value, ptr: &str) -> Request {
    match value {
        Value::String(raw) => Request { url: parse_url(raw), ..get_request() },
        Value::Object(_) => Request {
            method: method(cx, value, ptr),
            url: url(cx, get(value, "url"), &key_ptr(ptr, "url")),
            headers: key_values(cx, get(value, "header"), &key_ptr(ptr, "header"), "header", PairSyntax::Header),
            body: body(cx, get(value, "body"), &key_ptr(ptr, "body")),
            auth: auth(cx, get(value, "auth"), &key_ptr(ptr, "auth")),
            description: description(cx, value, ptr),
        },
        other => {
            cx.wrong_type(ptr, "request", other, "a URL string or an object");
            get_request()
        }
    }
}

/// `method`, upper-cased; GET when missing or blank.
pub(crate) fn method(cx: &mut Cx, request: &Value, ptr: &str) -> String {
    string_member(cx, request, "method", ptr)
        .map(|m| m.trim().to_uppercase())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "GET".to_owned())
}

fn responses(cx: &mut Cx, value: Option<&Value>, ptr: &str) -> Vec<SavedResponse> {
    let Some(value) = value else { return Vec::new() };
    let Value::Array(entries) = value else {
        cx.wrong_type(ptr, "`response`", value, "a list");
        return Vec::new();
    };
    let mut responses = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(ptr, index);
        if entry.is_object() {
            responses.push(response(cx, entry, &entry_ptr));
        } else {
            cx.wrong_type(&entry_ptr, "saved response", entry, "an object");
        }
    }
    responses
}

fn response(cx: &mut Cx, entry: &Value, ptr: &str) -> SavedResponse {
    SavedResponse {
        name: string_member(cx, entry, "name", ptr).unwrap_or_default(),
        code: get(entry, "code").and_then(|code| status_code(cx, code, &key_ptr(ptr, "code"))),
        status: string_member(cx, entry, "status", ptr),
        headers: key_values(cx, get(entry, "header"), &key_ptr(ptr, "header"), "response header", PairSyntax::Header),
        body: get(entry, "body").map(|body| body_text(cx, body, &key_ptr(ptr, "body"))),
        preview_language: string_member(cx, entry, "_postman_previewlanguage", ptr),
        original_request: get(entry, "originalRequest")
            .map(|original| request(cx, original, &key_ptr(ptr, "originalRequest"))),
        pointer: ptr.to_owned(),
    }
}

/// An HTTP status code: a number or numeric text in 100..=999.
pub(crate) fn status_code(cx: &mut Cx, value: &Value, ptr: &str) -> Option<u16> {
    let code = match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    let code = code.filter(|c| (100..=999).contains(c)).and_then(|c| u16::try_from(c).ok());
    if code.is_none() {
        cx.warn(ptr, format!("status code is {} that is not an HTTP status; skipped", kind(value)));
    }
    code
}

/// A saved body is text; a structured one (hand-edited files) keeps its JSON text.
pub(crate) fn body_text(cx: &mut Cx, value: &Value, ptr: &str) -> String {
    scalar_text(value).unwrap_or_else(|| {
        cx.warn(ptr, format!("response body is {}; its JSON text was used", kind(value)));
        value.to_string()
    })
}
