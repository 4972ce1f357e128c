//! The v1 dialect: flat `requests` and `folders` lists linked by id. The tree is rebuilt from `folders_order`
//! (sub-folders) and `order` (requests), folders before requests, as Postman's own v1 -> v2 transformer does.

use std::collections::HashMap;

use serde_json::Value;

use self::tree::Tree;
use super::auth::auth;
use super::body::{form_fields, graphql, raw_text};
use super::cx::{Cx, get, index_ptr, key_ptr, scalar_text};
use super::fields::{PairSyntax, description, key_values, string_member, variables};
use super::url::url;
use super::v2::{body_text, method, status_code};
use crate::{
    Auth, Body, Collection, Description, DescriptionFormat, Folder, Info, KeyValue, Request, RequestItem,
    SavedResponse, SchemaVersion,
};

mod tree;

/// Reads a v1 collection object found at `ptr`.
pub(crate) fn collection(cx: &mut Cx, root: &Value, ptr: &str) -> Collection {
    let info = Info {
        name: string_member(cx, root, "name", ptr).unwrap_or_default(),
        description: v1_description(cx, root, ptr),
        version: None,
        postman_id: string_member(cx, root, "id", ptr),
        schema: Some(SchemaVersion::V1),
        published: None,
    };
    let requests = requests(cx, root, ptr);
    let folders = folders(cx, root, ptr);
    let items = Tree::new(cx, requests, folders).build(cx, root, ptr);
    Collection {
        info,
        items,
        variables: variables(cx, get(root, "variables"), &key_ptr(ptr, "variables")),
        auth: auth(cx, get(root, "auth"), &key_ptr(ptr, "auth")),
        environments: Vec::new(),
    }
}

/// An id listed in an `order` or `folders_order`, with the pointer of that list entry.
pub(super) struct Ref {
    pub(super) id: String,
    pub(super) pointer: String,
}

pub(super) struct V1Request {
    pub(super) id: Option<String>,
    pub(super) item: RequestItem,
}

pub(super) struct V1Folder {
    pub(super) id: Option<String>,
    pub(super) folder: Folder,
    pub(super) order: Vec<Ref>,
    pub(super) folders_order: Vec<Ref>,
}

/// An example whose `request` is the id of a request rather than a copy of it; resolved once all are read.
struct PendingOriginal {
    request: usize,
    response: usize,
    target: Ref,
}

fn requests(cx: &mut Cx, root: &Value, ptr: &str) -> Vec<V1Request> {
    let list_ptr = key_ptr(ptr, "requests");
    let entries = match get(root, "requests") {
        Some(Value::Array(entries)) => entries.as_slice(),
        Some(other) => {
            cx.wrong_type(&list_ptr, "`requests`", other, "a list");
            &[]
        }
        None => &[],
    };
    let mut requests = Vec::with_capacity(entries.len());
    let mut pending = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(&list_ptr, index);
        if !entry.is_object() {
            cx.wrong_type(&entry_ptr, "request", entry, "an object");
            continue;
        }
        let (item, originals) = request_item(cx, entry, &entry_ptr);
        let position = requests.len();
        pending.extend(originals.into_iter().map(|(response, target)| PendingOriginal {
            request: position,
            response,
            target,
        }));
        requests.push(V1Request { id: string_member(cx, entry, "id", &entry_ptr), item });
    }
    resolve_originals(cx, &mut requests, pending);
    requests
}

fn resolve_originals(cx: &mut Cx, requests: &mut [V1Request], pending: Vec<PendingOriginal>) {
    let by_id: HashMap<&str, usize> =
        requests.iter().enumerate().rev().filter_map(|(i, r)| Some((r.id.as_deref()?, i))).collect();
    let mut resolved = Vec::with_capacity(pending.len());
    for p in pending {
        match by_id.get(p.target.id.as_str()).and_then(|&i| requests.get(i)) {
            Some(target) => resolved.push((p.request, p.response, target.item.request.clone())),
            None => cx.warn(
                &p.target.pointer,
                format!(
                    "example names request id `{}`, which is not in `requests`; no original request kept",
                    p.target.id
                ),
            ),
        }
    }
    for (request, response, original) in resolved {
        if let Some(saved) = requests.get_mut(request).and_then(|r| r.item.responses.get_mut(response)) {
            saved.original_request = Some(original);
        }
    }
}

/// A v1 request with its examples; also returns the examples whose original request is given by id.
fn request_item(cx: &mut Cx, entry: &Value, ptr: &str) -> (RequestItem, Vec<(usize, Ref)>) {
    let name = string_member(cx, entry, "name", ptr).unwrap_or_default();
    let request = request(cx, entry, ptr);
    let responses_ptr = key_ptr(ptr, "responses");
    let mut responses = Vec::new();
    let mut originals = Vec::new();
    match get(entry, "responses") {
        Some(Value::Array(list)) => {
            for (index, value) in list.iter().enumerate() {
                let response_ptr = index_ptr(&responses_ptr, index);
                if !value.is_object() {
                    cx.wrong_type(&response_ptr, "saved response", value, "an object");
                    continue;
                }
                let (saved, original_id) = response(cx, value, &response_ptr);
                if let Some(target) = original_id {
                    originals.push((responses.len(), target));
                }
                responses.push(saved);
            }
        }
        Some(other) => cx.wrong_type(&responses_ptr, "`responses`", other, "a list"),
        None => {}
    }
    let item = RequestItem {
        name,
        description: request.description.clone(),
        request,
        responses,
        variables: variables(cx, get(entry, "variables"), &key_ptr(ptr, "variables")),
        pointer: ptr.to_owned(),
    };
    (item, originals)
}

/// A v1 request object (a `requests` entry, or an example's saved `request`).
fn request(cx: &mut Cx, entry: &Value, ptr: &str) -> Request {
    let mut url = url(cx, get(entry, "url"), &key_ptr(ptr, "url"));
    if let Some(params @ Value::Array(list)) = get(entry, "queryParams")
        && !list.is_empty()
    {
        url.query = key_values(cx, Some(params), &key_ptr(ptr, "queryParams"), "query parameter", PairSyntax::Query);
    }
    if url.variables.is_empty() {
        url.variables = path_variables(cx, entry, ptr);
    }
    let headers = match get(entry, "headerData") {
        Some(data @ Value::Array(list)) if !list.is_empty() => {
            key_values(cx, Some(data), &key_ptr(ptr, "headerData"), "header", PairSyntax::Header)
        }
        _ => key_values(cx, get(entry, "headers"), &key_ptr(ptr, "headers"), "header", PairSyntax::Header),
    };
    Request {
        method: method(cx, entry, ptr),
        url,
        headers,
        body: body(cx, entry, ptr),
        auth: auth(cx, get(entry, "auth"), &key_ptr(ptr, "auth")).or_else(|| helper_auth(cx, entry, ptr)),
        description: v1_description(cx, entry, ptr),
    }
}

/// `pathVariableData` (a list with descriptions) or the older `pathVariables` object of `name: value`.
fn path_variables(cx: &mut Cx, entry: &Value, ptr: &str) -> Vec<KeyValue> {
    if let Some(data @ Value::Array(list)) = get(entry, "pathVariableData")
        && !list.is_empty()
    {
        return key_values(cx, Some(data), &key_ptr(ptr, "pathVariableData"), "path variable", PairSyntax::Query);
    }
    let vars_ptr = key_ptr(ptr, "pathVariables");
    match get(entry, "pathVariables") {
        None => Vec::new(),
        Some(Value::Object(members)) => {
            let mut pairs = Vec::with_capacity(members.len());
            for (key, value) in members {
                match scalar_text(value) {
                    Some(value) => pairs.push(KeyValue { key: key.clone(), value, ..KeyValue::default() }),
                    None => cx.wrong_type(&key_ptr(&vars_ptr, key), &format!("path variable `{key}`"), value, "text"),
                }
            }
            pairs
        }
        Some(other) => {
            cx.wrong_type(&vars_ptr, "`pathVariables`", other, "an object");
            Vec::new()
        }
    }
}

/// `dataMode` with `rawModeData` / `data` / `graphqlModeData`.
fn body(cx: &mut Cx, entry: &Value, ptr: &str) -> Option<Body> {
    let has_data = matches!(get(entry, "data"), Some(Value::Array(list)) if !list.is_empty());
    let has_raw = matches!(get(entry, "rawModeData"), Some(Value::String(s)) if !s.is_empty());
    let mode = match string_member(cx, entry, "dataMode", ptr) {
        Some(mode) => mode,
        None if has_raw => {
            cx.warn(ptr, "request has `rawModeData` but no `dataMode`; read as raw");
            "raw".to_owned()
        }
        None if has_data => {
            cx.warn(ptr, "request has `data` but no `dataMode`; read as form fields (`params`)");
            "params".to_owned()
        }
        None => return None,
    };
    let data_ptr = key_ptr(ptr, "data");
    Some(match mode.as_str() {
        "raw" => Body::Raw {
            text: raw_text(cx, entry, ptr, "rawModeData"),
            language: entry.pointer("/dataOptions/raw/language").and_then(Value::as_str).map(str::to_owned),
        },
        "urlencoded" => {
            let data = get(entry, "data")?;
            Body::UrlEncoded(key_values(cx, Some(data), &data_ptr, "urlencoded field", PairSyntax::Query))
        }
        "params" => Body::FormData(form_fields(cx, Some(get(entry, "data")?), &data_ptr)),
        "binary" => Body::File { src: None },
        "graphql" => graphql(cx, get(entry, "graphqlModeData"), &key_ptr(ptr, "graphqlModeData")),
        unknown => {
            cx.warn(&key_ptr(ptr, "dataMode"), format!("unknown body mode `{unknown}`; read as raw text"));
            Body::Raw { text: raw_text(cx, entry, ptr, "rawModeData"), language: None }
        }
    })
}

/// Old v1 files name their auth by `currentHelper`, with parameters in `helperAttributes`.
fn helper_auth(cx: &mut Cx, entry: &Value, ptr: &str) -> Option<Auth> {
    let helper = string_member(cx, entry, "currentHelper", ptr)?;
    let kind = match helper.as_str() {
        "" | "normal" => return None,
        "basicAuth" => "basic",
        "bearerAuth" => "bearer",
        "digestAuth" => "digest",
        "oAuth1" => "oauth1",
        "oAuth2" => "oauth2",
        "hawkAuth" => "hawk",
        "awsSigV4" => "awsv4",
        "ntlmAuth" => "ntlm",
        other => other,
    };
    let params = match get(entry, "helperAttributes") {
        Some(Value::Object(members)) => members
            .iter()
            .filter(|(key, _)| key.as_str() != "id")
            .map(|(key, value)| KeyValue {
                key: key.clone(),
                value: scalar_text(value).unwrap_or_else(|| value.to_string()),
                ..KeyValue::default()
            })
            .collect(),
        _ => Vec::new(),
    };
    Some(Auth { kind: kind.to_owned(), params })
}

/// `description` plus v1's `descriptionFormat: "html"`.
fn v1_description(cx: &mut Cx, entry: &Value, ptr: &str) -> Option<Description> {
    let mut description = description(cx, entry, ptr)?;
    if get(entry, "descriptionFormat").and_then(Value::as_str) == Some("html") {
        description.format = DescriptionFormat::Html;
    }
    Some(description)
}

/// A v1 example; the second value is the id its `request` names, when it names one instead of holding a copy.
fn response(cx: &mut Cx, entry: &Value, ptr: &str) -> (SavedResponse, Option<Ref>) {
    let code_ptr = key_ptr(ptr, "responseCode");
    let code = get(entry, "responseCode");
    let status = code
        .and_then(|c| string_member(cx, c, "name", &code_ptr))
        .or_else(|| string_member(cx, entry, "status", ptr))
        .filter(|s| !s.is_empty());
    let request_ptr = key_ptr(ptr, "request");
    let (original_request, original_id) = match get(entry, "request") {
        None => (None, None),
        Some(Value::String(id)) => (None, Some(Ref { id: id.clone(), pointer: request_ptr })),
        Some(value @ Value::Object(_)) => (Some(request(cx, value, &request_ptr)), None),
        Some(other) => {
            cx.wrong_type(&request_ptr, "example `request`", other, "an id or an object");
            (None, None)
        }
    };
    let saved = SavedResponse {
        name: string_member(cx, entry, "name", ptr).unwrap_or_default(),
        code: code.and_then(|c| get(c, "code")).and_then(|c| status_code(cx, c, &key_ptr(&code_ptr, "code"))),
        status,
        headers: key_values(cx, get(entry, "headers"), &key_ptr(ptr, "headers"), "response header", PairSyntax::Header),
        body: get(entry, "text").map(|text| body_text(cx, text, &key_ptr(ptr, "text"))),
        preview_language: string_member(cx, entry, "language", ptr),
        original_request,
        pointer: ptr.to_owned(),
    };
    (saved, original_id)
}

fn folders(cx: &mut Cx, root: &Value, ptr: &str) -> Vec<V1Folder> {
    let list_ptr = key_ptr(ptr, "folders");
    let entries = match get(root, "folders") {
        Some(Value::Array(entries)) => entries.as_slice(),
        Some(other) => {
            cx.wrong_type(&list_ptr, "`folders`", other, "a list");
            &[]
        }
        None => &[],
    };
    let mut folders = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let entry_ptr = index_ptr(&list_ptr, index);
        if !entry.is_object() {
            cx.wrong_type(&entry_ptr, "folder", entry, "an object");
            continue;
        }
        let folder = Folder {
            name: string_member(cx, entry, "name", &entry_ptr).unwrap_or_default(),
            description: v1_description(cx, entry, &entry_ptr),
            items: Vec::new(),
            auth: auth(cx, get(entry, "auth"), &key_ptr(&entry_ptr, "auth")),
            variables: variables(cx, get(entry, "variables"), &key_ptr(&entry_ptr, "variables")),
            pointer: entry_ptr.clone(),
        };
        folders.push(V1Folder {
            id: string_member(cx, entry, "id", &entry_ptr),
            folder,
            order: refs(cx, entry, "order", &entry_ptr),
            folders_order: refs(cx, entry, "folders_order", &entry_ptr),
        });
    }
    folders
}

/// An `order` / `folders_order` list of ids.
pub(super) fn refs(cx: &mut Cx, obj: &Value, key: &str, ptr: &str) -> Vec<Ref> {
    let list_ptr = key_ptr(ptr, key);
    let entries = match get(obj, key) {
        None => return Vec::new(),
        Some(Value::Array(entries)) => entries,
        Some(other) => {
            cx.wrong_type(&list_ptr, &format!("`{key}`"), other, "a list of ids");
            return Vec::new();
        }
    };
    let mut refs = Vec::with_capacity(entries.len());
    for (index, entry) in entries.iter().enumerate() {
        let pointer = index_ptr(&list_ptr, index);
        match entry {
            Value::String(id) => refs.push(Ref { id: id.clone(), pointer }),
            other => cx.wrong_type(&pointer, &format!("`{key}` entry"), other, "an id string"),
        }
    }
    refs
}
